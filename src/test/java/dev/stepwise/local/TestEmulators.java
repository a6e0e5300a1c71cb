package dev.stepwise.local;

import java.util.Map;

/**
 * One emulator pair (dynalite, ElasticMQ) for the API and serve tests of a test JVM, started on
 * first use and stopped by its shutdown hook. Each user takes its own table and queue names.
 */
public final class TestEmulators {
    private static Emulators emulators;

    private TestEmulators() {
    }

    public static synchronized Emulators get() {
        if (emulators == null) {
            emulators = Emulators.start(Map.of(), null);
        }
        return emulators;
    }
}
