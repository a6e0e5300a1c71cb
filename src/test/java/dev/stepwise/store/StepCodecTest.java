package dev.stepwise.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.stepwise.asl.Json;
import dev.stepwise.engine.Frame;
import dev.stepwise.engine.Resumption;
import dev.stepwise.engine.StateVisit;
import dev.stepwise.engine.Step;
import dev.stepwise.engine.Variables;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A stored step reads back as the step that was written, variables and a Wait's assignments included. */
class StepCodecTest {

    @Test
    void aWaitingStepKeepsItsOutputVariablesAndAssignments() {
        Variables variables = Variables.NONE.with(Json.parse("{\"count\": 3, \"names\": [\"a\"]}"));
        StateVisit visit = new StateVisit("W", Json.parse("{\"in\": 1}"), 7, Instant.parse("2024-01-01T00:00:00Z"),
                List.of(1, 0), variables);
        Step step = new Step.Resume(new Frame(List.of(new Frame.Segment("Fan", 2))), visit,
                new Resumption.WaitElapsed(Json.parse("{\"out\": 2}"), variables, Json.parse("{\"count\": 3}")));
        assertEquals(step, StepCodec.read(Json.parse(Json.write(StepCodec.write(step)))));
    }

    @Test
    void anEnteringStepKeepsItsVariables() {
        Step step = new Step.Enter(Frame.ROOT, "Next", Json.parse("[1]"), Variables.NONE.with(Json.parse("{\"x\": null}")));
        assertEquals(step, StepCodec.read(Json.parse(Json.write(StepCodec.write(step)))));
    }
}
