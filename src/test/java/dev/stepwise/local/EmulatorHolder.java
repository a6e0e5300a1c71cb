package dev.stepwise.local;

import java.nio.file.Path;
import java.util.Map;

/** A JVM that starts the embedded emulators on a data directory and holds them until it is killed. */
public final class EmulatorHolder {
    private EmulatorHolder() {
    }

    public static void main(String[] args) throws Exception {
        Emulators emulators = Emulators.start(Map.of(), Path.of(args[0]));
        System.out.println("ready " + emulators.endpoint(Emulators.DYNAMODB));
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
