package dev.stepwise.api.memory;

import dev.stepwise.api.port.AliasRecord;
import dev.stepwise.api.port.Page;
import dev.stepwise.api.port.StateMachinePort;
import dev.stepwise.api.port.StateMachineRecord;
import dev.stepwise.api.port.VersionRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * State machines, versions and tags in memory, for tests and the laptop server. One lock
 * guards everything, which makes create and publish atomic as the port requires.
 */
public final class InMemoryStateMachines implements StateMachinePort {
    /** By name: AWS lists state machines in name order. */
    private final TreeMap<String, StateMachineRecord> byName = new TreeMap<>();
    private final Map<String, String> nameByArn = new HashMap<>();
    /** Versions of each machine ARN, oldest first. */
    private final Map<String, List<VersionRecord>> versions = new HashMap<>();
    private final Map<String, Long> lastVersion = new HashMap<>();
    private final Map<String, Map<String, String>> tags = new HashMap<>();
    /** Aliases by ARN; an ARN sorts by machine then alias name. */
    private final TreeMap<String, AliasRecord> aliases = new TreeMap<>();

    @Override
    public synchronized StateMachineRecord createIfAbsent(StateMachineRecord machine) {
        StateMachineRecord existing = byName.get(machine.name());
        if (existing != null) {
            return existing;
        }
        byName.put(machine.name(), machine);
        nameByArn.put(machine.stateMachineArn(), machine.name());
        return machine;
    }

    @Override
    public synchronized Optional<StateMachineRecord> find(String stateMachineArn) {
        String name = nameByArn.get(stateMachineArn);
        return name == null ? Optional.empty() : Optional.of(byName.get(name));
    }

    @Override
    public synchronized void update(StateMachineRecord machine) {
        if (!nameByArn.containsKey(machine.stateMachineArn())) {
            throw new IllegalStateException("no state machine " + machine.stateMachineArn() + " to update");
        }
        byName.put(machine.name(), machine);
    }

    @Override
    public synchronized boolean delete(String stateMachineArn) {
        String name = nameByArn.remove(stateMachineArn);
        if (name == null) {
            return false;
        }
        byName.remove(name);
        for (VersionRecord version : versions.getOrDefault(stateMachineArn, List.of())) {
            tags.remove(version.stateMachineVersionArn());
        }
        versions.remove(stateMachineArn);
        tags.remove(stateMachineArn);
        aliases.keySet().removeIf(arn -> arn.startsWith(stateMachineArn + ":"));
        // lastVersion stays: a re-created machine does not reuse version numbers.
        return true;
    }

    @Override
    public synchronized Page<StateMachineRecord> list(String position, int limit) {
        Collection<StateMachineRecord> rest = position == null ? byName.values() : byName.tailMap(position, false).values();
        List<StateMachineRecord> items = new ArrayList<>();
        for (StateMachineRecord machine : rest) {
            if (items.size() == limit) {
                return new Page<>(items, items.get(items.size() - 1).name());
            }
            items.add(machine);
        }
        return new Page<>(items, null);
    }

    @Override
    public synchronized VersionRecord publishVersion(String stateMachineArn, String description, Instant now) {
        StateMachineRecord machine = find(stateMachineArn)
                .orElseThrow(() -> new IllegalStateException("no state machine " + stateMachineArn));
        List<VersionRecord> published = versions.computeIfAbsent(stateMachineArn, arn -> new ArrayList<>());
        if (!published.isEmpty()) {
            VersionRecord latest = published.get(published.size() - 1);
            // Publishing an unchanged revision again returns the version already published (API reference).
            if (latest.snapshot().equals(machine)) {
                return latest;
            }
        }
        long number = lastVersion.merge(stateMachineArn, 1L, Long::sum);
        VersionRecord version = new VersionRecord(stateMachineArn + ":" + number, stateMachineArn, number, machine,
                description, now);
        published.add(version);
        return version;
    }

    @Override
    public synchronized Optional<VersionRecord> findVersion(String stateMachineVersionArn) {
        String machineArn = stateMachineVersionArn.substring(0, stateMachineVersionArn.lastIndexOf(':'));
        return versions.getOrDefault(machineArn, List.of()).stream()
                .filter(v -> v.stateMachineVersionArn().equals(stateMachineVersionArn))
                .findFirst();
    }

    @Override
    public synchronized Page<VersionRecord> listVersions(String stateMachineArn, String position, int limit) {
        List<VersionRecord> published = versions.getOrDefault(stateMachineArn, List.of());
        long after = position == null ? Long.MAX_VALUE : Long.parseLong(position);
        List<VersionRecord> items = new ArrayList<>();
        for (int i = published.size() - 1; i >= 0; i--) {
            VersionRecord version = published.get(i);
            if (version.version() >= after) {
                continue;
            }
            if (items.size() == limit) {
                return new Page<>(items, Long.toString(items.get(items.size() - 1).version()));
            }
            items.add(version);
        }
        return new Page<>(items, null);
    }

    @Override
    public synchronized boolean deleteVersion(String stateMachineVersionArn) {
        String machineArn = stateMachineVersionArn.substring(0, stateMachineVersionArn.lastIndexOf(':'));
        tags.remove(stateMachineVersionArn);
        return versions.getOrDefault(machineArn, new ArrayList<>())
                .removeIf(v -> v.stateMachineVersionArn().equals(stateMachineVersionArn));
    }

    @Override
    public synchronized AliasRecord createAliasIfAbsent(AliasRecord alias) {
        AliasRecord existing = aliases.putIfAbsent(alias.stateMachineAliasArn(), alias);
        return existing == null ? alias : existing;
    }

    @Override
    public synchronized Optional<AliasRecord> findAlias(String stateMachineAliasArn) {
        return Optional.ofNullable(aliases.get(stateMachineAliasArn));
    }

    @Override
    public synchronized void updateAlias(AliasRecord alias) {
        aliases.put(alias.stateMachineAliasArn(), alias);
    }

    @Override
    public synchronized boolean deleteAlias(String stateMachineAliasArn) {
        tags.remove(stateMachineAliasArn);
        return aliases.remove(stateMachineAliasArn) != null;
    }

    @Override
    public synchronized Page<AliasRecord> listAliases(String stateMachineArn, String position, int limit) {
        List<AliasRecord> items = new ArrayList<>();
        String prefix = stateMachineArn + ":";
        for (AliasRecord alias : (position == null ? aliases : aliases.tailMap(position, false)).values()) {
            if (!alias.stateMachineAliasArn().startsWith(prefix)) {
                continue;
            }
            if (items.size() == limit) {
                return new Page<>(items, items.get(items.size() - 1).stateMachineAliasArn());
            }
            items.add(alias);
        }
        return new Page<>(items, null);
    }

    @Override
    public synchronized Map<String, String> tags(String resourceArn) {
        return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(tags.getOrDefault(resourceArn, Map.of())));
    }

    @Override
    public synchronized void tag(String resourceArn, Map<String, String> add) {
        tags.computeIfAbsent(resourceArn, arn -> new LinkedHashMap<>()).putAll(add);
    }

    @Override
    public synchronized void untag(String resourceArn, Collection<String> keys) {
        Map<String, String> current = tags.get(resourceArn);
        if (current != null) {
            current.keySet().removeAll(keys);
        }
    }
}
