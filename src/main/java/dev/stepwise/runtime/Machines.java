package dev.stepwise.runtime;

import dev.stepwise.asl.model.StateMachine;
import dev.stepwise.asl.model.StateMachineParser;
import dev.stepwise.store.Definitions;
import dev.stepwise.store.ExecutionHeader;
import dev.stepwise.store.Revision;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The definitions executions run, by revision: stored once, parsed once per container. A revision
 * never changes, so a cached parse never goes stale, and an execution keeps running the revision
 * it started with when its machine is updated, as on AWS.
 */
final class Machines {
    private static final int CACHE = 512;

    private final Definitions definitions;
    private final Map<String, Revision> revisions = Collections.synchronizedMap(lru());
    private final Map<String, StateMachine> parsed = Collections.synchronizedMap(lru());

    Machines(Definitions definitions) {
        this.definitions = definitions;
    }

    /** Stores the revision under {@code arn} as the one a start by that ARN runs; returns its key. */
    String register(String arn, Revision revision) {
        new StateMachineParser().parse(revision.definition()); // an invalid definition is never stored
        String key = definitions.put(arn, revision);
        definitions.makeCurrent(arn, key);
        return key;
    }

    /** Stores the revision under {@code arn} (a version, a Map Run) without making it current; returns its key. */
    String store(String arn, Revision revision) {
        return definitions.put(arn, revision);
    }

    Optional<String> current(String arn) {
        return definitions.current(arn);
    }

    Revision revision(String arn, String key) {
        String id = arn + "\n" + key;
        Revision revision = revisions.get(id);
        if (revision == null) {
            revision = definitions.get(arn, key).orElseThrow(() ->
                    new IllegalStateException("State Machine Does Not Exist: '" + arn + "' (revision " + key + ")"));
            revisions.put(id, revision);
        }
        return revision;
    }

    StateMachine machine(String arn, String key) {
        String id = arn + "\n" + key;
        StateMachine machine = parsed.get(id);
        if (machine == null) {
            machine = new StateMachineParser().parse(revision(arn, key).definition());
            parsed.put(id, machine);
        }
        return machine;
    }

    StateMachine machine(ExecutionHeader header) {
        return machine(header.stateMachineArn(), header.revision());
    }

    /** EXPRESS: task attempts run at least once, with an idempotency key; STANDARD: at most once, claimed. */
    boolean isExpress(ExecutionHeader header) {
        return "EXPRESS".equals(revision(header.stateMachineArn(), header.revision()).type());
    }

    private static <V> Map<String, V> lru() {
        return new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > CACHE;
            }
        };
    }
}
