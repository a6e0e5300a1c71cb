package dev.stepwise.api.durable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepwise.api.port.AliasRecord;
import dev.stepwise.api.port.Page;
import dev.stepwise.api.port.StateMachinePort;
import dev.stepwise.api.port.StateMachineRecord;
import dev.stepwise.api.port.VersionRecord;
import dev.stepwise.asl.Json;
import dev.stepwise.runtime.DurableRuntime;
import dev.stepwise.store.Records;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import static dev.stepwise.store.TableLayout.API_ALIASES;
import static dev.stepwise.store.TableLayout.API_MACHINES;
import static dev.stepwise.store.TableLayout.API_TAGS;
import static dev.stepwise.store.TableLayout.API_VERSIONS;
import static dev.stepwise.store.TableLayout.API_VERSION_COUNTER;

/**
 * State machines, versions, aliases and tags as the store's {@link Records}, beside the
 * executions: a machine by name in one partition (so a listing is in name order, as on AWS), its
 * versions and aliases in partitions of their own, tags by resource ARN, version numbers from a
 * counter that is never reset. A record keeps the machine without its definition and the key of
 * the runtime's revision that holds it ({@link MachineRevisions}): the definition, up to AWS's
 * 1,048,576 characters, is stored once per revision, and an execution runs the revision it
 * started with whatever updates follow.
 */
public final class DurableStateMachines implements StateMachinePort {
    private static final String REVISION = "rev";
    private static final String SNAPSHOT = "snapshot";

    private final Records records;
    private final DurableRuntime runtime;

    public DurableStateMachines(DurableRuntime runtime) {
        this.records = runtime.store().records();
        this.runtime = runtime;
    }

    // ---- state machines -----------------------------------------------------------------------

    @Override
    public StateMachineRecord createIfAbsent(StateMachineRecord machine) {
        String revision = runtime.storeRevision(machine.stateMachineArn(), MachineRevisions.of(machine), false);
        if (!records.create(API_MACHINES, machine.name(), stored(machine, revision))) {
            return byName(machine.name()).orElseThrow();
        }
        runtime.storeRevision(machine.stateMachineArn(), MachineRevisions.of(machine), true);
        return machine;
    }

    @Override
    public Optional<StateMachineRecord> find(String stateMachineArn) {
        return byName(nameOf(stateMachineArn)).filter(m -> m.stateMachineArn().equals(stateMachineArn));
    }

    @Override
    public void update(StateMachineRecord machine) {
        String revision = runtime.storeRevision(machine.stateMachineArn(), MachineRevisions.of(machine), false);
        if (!records.replace(API_MACHINES, machine.name(), stored(machine, revision))) {
            throw new IllegalStateException("no state machine " + machine.stateMachineArn() + " to update");
        }
        runtime.storeRevision(machine.stateMachineArn(), MachineRevisions.of(machine), true);
    }

    @Override
    public boolean delete(String stateMachineArn) {
        if (find(stateMachineArn).isEmpty() || !records.delete(API_MACHINES, nameOf(stateMachineArn))) {
            return false;
        }
        for (Records.Keyed version : records.all(API_VERSIONS + stateMachineArn)) {
            deleteTags(version.record().get("stateMachineVersionArn").asText());
            records.delete(API_VERSIONS + stateMachineArn, version.key());
        }
        for (Records.Keyed alias : records.all(API_ALIASES + stateMachineArn)) {
            deleteTags(PortRecords.alias(alias.record()).stateMachineAliasArn());
            records.delete(API_ALIASES + stateMachineArn, alias.key());
        }
        deleteTags(stateMachineArn);
        // The revisions stay: executions still running keep their definition, as on AWS.
        return true;
    }

    @Override
    public Page<StateMachineRecord> list(String position, int limit) {
        // ListStateMachines shows no definitions: the records alone, without reading a revision each.
        return page(API_MACHINES, position, limit, true, json -> MachineRevisions.machine(json, null));
    }

    /** The record as stored: the machine without its definition, and its revision's key. */
    private static ObjectNode stored(StateMachineRecord machine, String revision) {
        return MachineRevisions.withoutDefinition(machine).put(REVISION, revision);
    }

    private StateMachineRecord machine(JsonNode stored) {
        String arn = stored.get("stateMachineArn").asText();
        String definition = runtime.revision(arn, stored.get(REVISION).asText()).orElseThrow(() ->
                new IllegalStateException("the revision of " + arn + " is missing")).definition();
        ObjectNode json = stored.deepCopy();
        json.remove(REVISION);
        return MachineRevisions.machine(json, definition);
    }

    // ---- versions -----------------------------------------------------------------------------

    @Override
    public VersionRecord publishVersion(String stateMachineArn, String description, Instant now) {
        JsonNode current = records.get(API_MACHINES, nameOf(stateMachineArn))
                .orElseThrow(() -> new IllegalStateException("no state machine " + stateMachineArn));
        StateMachineRecord machine = machine(current);
        String revision = current.get(REVISION).asText();
        List<Records.Keyed> latest = records.page(API_VERSIONS + stateMachineArn, null, 1, false).items();
        // Publishing an unchanged revision again returns the version already published (API reference).
        if (!latest.isEmpty() && revision.equals(latest.get(0).record().get(SNAPSHOT).path(REVISION).asText())) {
            return version(latest.get(0).record());
        }
        long number = records.increment(API_VERSION_COUNTER, stateMachineArn);
        VersionRecord version = new VersionRecord(stateMachineArn + ":" + number, stateMachineArn, number, machine, description, now);
        // An execution of the version runs under the version's ARN, from the same revision.
        runtime.storeRevision(version.stateMachineVersionArn(), MachineRevisions.of(machine), true);
        ObjectNode json = PortRecords.version(version);
        json.set(SNAPSHOT, stored(machine, revision));
        records.create(API_VERSIONS + stateMachineArn, versionKey(number), json);
        return version;
    }

    private VersionRecord version(JsonNode stored) {
        ObjectNode json = stored.deepCopy();
        StateMachineRecord snapshot = machine(stored.get(SNAPSHOT));
        json.set(SNAPSHOT, PortRecords.machine(snapshot));
        return PortRecords.version(json);
    }

    @Override
    public Optional<VersionRecord> findVersion(String stateMachineVersionArn) {
        int colon = stateMachineVersionArn.lastIndexOf(':');
        long number;
        try {
            number = Long.parseLong(stateMachineVersionArn.substring(colon + 1));
        } catch (NumberFormatException notAVersion) {
            return Optional.empty();
        }
        return records.get(API_VERSIONS + stateMachineVersionArn.substring(0, colon), versionKey(number)).map(this::version)
                .filter(v -> v.stateMachineVersionArn().equals(stateMachineVersionArn));
    }

    @Override
    public Page<VersionRecord> listVersions(String stateMachineArn, String position, int limit) {
        return page(API_VERSIONS + stateMachineArn, position, limit, false, this::version);
    }

    @Override
    public boolean deleteVersion(String stateMachineVersionArn) {
        int colon = stateMachineVersionArn.lastIndexOf(':');
        deleteTags(stateMachineVersionArn);
        try {
            String number = versionKey(Long.parseLong(stateMachineVersionArn.substring(colon + 1)));
            return records.delete(API_VERSIONS + stateMachineVersionArn.substring(0, colon), number);
        } catch (NumberFormatException absent) {
            return false;
        }
    }

    // ---- aliases ------------------------------------------------------------------------------

    @Override
    public AliasRecord createAliasIfAbsent(AliasRecord alias) {
        if (records.create(API_ALIASES + alias.stateMachineArn(), alias.name(), PortRecords.alias(alias))) {
            return alias;
        }
        return findAlias(alias.stateMachineAliasArn()).orElseThrow();
    }

    @Override
    public Optional<AliasRecord> findAlias(String stateMachineAliasArn) {
        int colon = stateMachineAliasArn.lastIndexOf(':');
        return records.get(API_ALIASES + stateMachineAliasArn.substring(0, colon), stateMachineAliasArn.substring(colon + 1))
                .map(PortRecords::alias).filter(a -> a.stateMachineAliasArn().equals(stateMachineAliasArn));
    }

    @Override
    public void updateAlias(AliasRecord alias) {
        records.put(API_ALIASES + alias.stateMachineArn(), alias.name(), PortRecords.alias(alias));
    }

    @Override
    public boolean deleteAlias(String stateMachineAliasArn) {
        int colon = stateMachineAliasArn.lastIndexOf(':');
        deleteTags(stateMachineAliasArn);
        return records.delete(API_ALIASES + stateMachineAliasArn.substring(0, colon), stateMachineAliasArn.substring(colon + 1));
    }

    @Override
    public Page<AliasRecord> listAliases(String stateMachineArn, String position, int limit) {
        return page(API_ALIASES + stateMachineArn, position, limit, true, PortRecords::alias);
    }

    // ---- tags ---------------------------------------------------------------------------------

    @Override
    public Map<String, String> tags(String resourceArn) {
        Map<String, String> tags = new LinkedHashMap<>();
        records.get(API_TAGS, resourceArn).ifPresent(json -> json.fields().forEachRemaining(e -> tags.put(e.getKey(), e.getValue().asText())));
        return java.util.Collections.unmodifiableMap(tags);
    }

    @Override
    public void tag(String resourceArn, Map<String, String> add) {
        changeTags(resourceArn, tags -> add.forEach(tags::put));
    }

    @Override
    public void untag(String resourceArn, Collection<String> keys) {
        changeTags(resourceArn, tags -> keys.forEach(tags::remove));
    }

    /** Read, change, write back only if nobody wrote in between (the record's version); else again. */
    private void changeTags(String resourceArn, java.util.function.Consumer<ObjectNode> change) {
        while (true) {
            Optional<Records.Versioned> current = records.versioned(API_TAGS, resourceArn);
            ObjectNode tags = current.map(v -> (ObjectNode) v.record().deepCopy()).orElse(Json.object());
            change.accept(tags);
            if (records.putVersioned(API_TAGS, resourceArn, tags, current.map(Records.Versioned::version).orElse(0L))) {
                return;
            }
            // another tagging request came first: apply ours to its result
        }
    }

    private void deleteTags(String resourceArn) {
        records.delete(API_TAGS, resourceArn);
    }

    // ---- helpers ------------------------------------------------------------------------------

    private Optional<StateMachineRecord> byName(String name) {
        return records.get(API_MACHINES, name).map(this::machine);
    }

    private <T> Page<T> page(String partition, String position, int limit, boolean ascending, Function<JsonNode, T> read) {
        Records.RecordPage page = records.page(partition, position, limit, ascending);
        return new Page<>(page.items().stream().map(keyed -> read.apply(keyed.record())).toList(), page.next());
    }

    private static String nameOf(String arn) {
        return arn.substring(arn.lastIndexOf(':') + 1);
    }

    private static String versionKey(long number) {
        return String.format("%020d", number);
    }
}
