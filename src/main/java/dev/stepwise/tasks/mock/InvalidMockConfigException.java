package dev.stepwise.tasks.mock;

import java.util.List;

/** A mock configuration file that breaks the guide's rules; {@code problems} lists every one, each with its JSON location. */
public final class InvalidMockConfigException extends IllegalArgumentException {
    private final List<String> problems;

    public InvalidMockConfigException(List<String> problems) {
        super("invalid mock configuration: " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
