package dev.stepwise.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The console's pure JavaScript (ASL → graph, history → statuses, layout) under node --test. */
class ConsoleScriptsTest {
    @Test
    void theConsolesJavaScriptUnitTestsPass() throws Exception {
        NodeScript.requireNode();
        NodeScript.Result result = NodeScript.test(Map.of(), 120, "src/test/console/unit/");
        assertEquals(0, result.exitCode(), result.output());
        assertTrue(result.output().contains("# fail 0"), result.output());
    }
}
