package dev.stepwise.tasks;

import dev.stepwise.local.Emulators;
import java.util.Map;

/** dynalite and ElasticMQ, started once for this package's tests (stopped by their shutdown hook). */
final class TaskEmulators {
    private static Emulators emulators;

    private TaskEmulators() {
    }

    static synchronized Emulators get() {
        if (emulators == null) {
            emulators = Emulators.start(Map.of(), null);
        }
        return emulators;
    }
}
