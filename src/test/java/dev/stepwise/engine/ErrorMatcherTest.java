package dev.stepwise.engine;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Error name matching as the AWS developer guide's "Error names" section defines it. */
class ErrorMatcherTest {

    @Test
    void anErrorNameMatchesItselfCaseSensitively() {
        assertTrue(ErrorMatcher.matches(List.of("MyError"), "MyError"));
        assertFalse(ErrorMatcher.matches(List.of("myerror"), "MyError"));
    }

    @Test
    void statesAllMatchesAnyKnownErrorButNotStatesRuntime() {
        assertTrue(ErrorMatcher.matches(List.of("States.ALL"), "Lambda.Unknown"));
        assertTrue(ErrorMatcher.matches(List.of("States.ALL"), "States.Timeout"));
        assertFalse(ErrorMatcher.matches(List.of("States.ALL"), "States.Runtime"));
        // Recorded on AWS: an oversized task result is caught by States.ALL.
        assertTrue(ErrorMatcher.matches(List.of("States.ALL"), "States.DataLimitExceeded"));
    }

    @Test
    void statesTaskFailedMatchesEverythingExceptStatesTimeout() {
        assertTrue(ErrorMatcher.matches(List.of("States.TaskFailed"), "CustomError"));
        assertTrue(ErrorMatcher.matches(List.of("States.TaskFailed"), "States.HeartbeatTimeout"));
        assertFalse(ErrorMatcher.matches(List.of("States.TaskFailed"), "States.Timeout"));
    }

    @Test
    void statesRuntimeIsNeverRetriedOrCaughtEvenByName() {
        assertFalse(ErrorMatcher.matches(List.of("States.Runtime"), "States.Runtime"));
    }

    @Test
    void anyNameInTheListMatches() {
        assertTrue(ErrorMatcher.matches(List.of("A", "B"), "B"));
        assertFalse(ErrorMatcher.matches(List.of("A", "B"), "C"));
    }
}
