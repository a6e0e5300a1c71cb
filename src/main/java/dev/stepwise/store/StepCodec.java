package dev.stepwise.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepwise.asl.Json;
import dev.stepwise.engine.Frame;
import dev.stepwise.engine.Resumption;
import dev.stepwise.engine.StateVisit;
import dev.stepwise.engine.Step;
import dev.stepwise.engine.Variables;
import java.util.LinkedHashMap;
import java.util.Map;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link Step} as JSON, written by hand so the stored shape is explicit and stable: a step
 * written by one version of the runtime must be readable by the next one after a deploy.
 */
public final class StepCodec {
    private static final String TYPE = "t";
    private static final String FRAME = "f";
    private static final String STATE = "s";
    private static final String INPUT = "i";
    private static final String VISIT = "v";
    private static final String RESUMPTION = "r";
    private static final String OUTPUT = "o";
    private static final String ERROR = "e";
    private static final String CAUSE = "c";
    /** A Wait's assigned variables, for the Exited event written when the wait ends. */
    private static final String ASSIGNED = "asg";

    private StepCodec() {
    }

    public static ObjectNode write(Step step) {
        ObjectNode json = Json.object();
        json.set(FRAME, frame(step.frame()));
        if (step instanceof Step.Enter enter) {
            json.put(TYPE, "enter").put(STATE, enter.stateName()).set(INPUT, enter.input());
            putVariables(json, enter.variables());
        } else if (step instanceof Step.StartBranch start) {
            json.put(TYPE, "branch").set(INPUT, start.input());
            putVariables(json, start.variables());
        } else {
            Step.Resume resume = (Step.Resume) step;
            json.put(TYPE, "resume");
            json.set(VISIT, visit(resume.visit()));
            json.set(RESUMPTION, resumption(resume.resumption()));
        }
        return json;
    }

    public static Step read(JsonNode json) {
        Frame frame = frame(json.get(FRAME));
        return switch (json.get(TYPE).asText()) {
            case "enter" -> new Step.Enter(frame, json.get(STATE).asText(), json.get(INPUT), variables(json));
            case "branch" -> new Step.StartBranch(frame, json.get(INPUT), variables(json));
            case "resume" -> new Step.Resume(frame, visit(json.get(VISIT)), resumption(json.get(RESUMPTION)));
            default -> throw new IllegalArgumentException("unknown stored step type '" + json.get(TYPE).asText() + "'");
        };
    }

    static ArrayNode frame(Frame frame) {
        ArrayNode segments = Json.NODES.arrayNode();
        for (Frame.Segment segment : frame.segments()) {
            segments.addArray().add(segment.stateName()).add(segment.index());
        }
        return segments;
    }

    static Frame frame(JsonNode json) {
        List<Frame.Segment> segments = new ArrayList<>(json.size());
        for (JsonNode segment : json) {
            segments.add(new Frame.Segment(segment.get(0).asText(), segment.get(1).asInt()));
        }
        return new Frame(segments);
    }

    private static ObjectNode visit(StateVisit visit) {
        ObjectNode json = Json.object();
        json.put(STATE, visit.stateName());
        json.set(INPUT, visit.input());
        json.put("n", visit.enteredEventId());
        json.put("at", visit.enteredTime().toString());
        ArrayNode retries = json.putArray("ra");
        visit.retryAttempts().forEach(retries::add);
        putVariables(json, visit.variables());
        return json;
    }

    private static StateVisit visit(JsonNode json) {
        List<Integer> retries = new ArrayList<>();
        json.get("ra").forEach(n -> retries.add(n.asInt()));
        return new StateVisit(json.get(STATE).asText(), json.get(INPUT), json.get("n").asLong(),
                Instant.parse(json.get("at").asText()), retries, variables(json));
    }

    /** A task's result as a result item stores it until its awaiting step runs. */
    public static ObjectNode writeResumption(Resumption resumption) {
        return resumption(resumption);
    }

    public static Resumption readResumption(JsonNode json) {
        return resumption(json);
    }

    private static ObjectNode resumption(Resumption resumption) {
        ObjectNode json = Json.object();
        if (resumption instanceof Resumption.RetryAttempt) {
            json.put(TYPE, "retry");
        } else if (resumption instanceof Resumption.WaitElapsed wait) {
            json.put(TYPE, "waited").set(OUTPUT, wait.output());
            putVariables(json, wait.variables());
            if (wait.assigned() != null) {
                json.set(ASSIGNED, wait.assigned());
            }
        } else if (resumption instanceof Resumption.TaskPending) {
            json.put(TYPE, "taskPending");
        } else if (resumption instanceof Resumption.TaskSucceeded ok) {
            json.put(TYPE, "taskSucceeded").set(OUTPUT, ok.output());
            putStart(json, ok.start());
        } else if (resumption instanceof Resumption.TaskFailed failed) {
            json.put(TYPE, "taskFailed").put(ERROR, failed.error()).put(CAUSE, failed.cause());
            putStart(json, failed.start());
        } else if (resumption instanceof Resumption.TaskTimedOut timedOut) {
            json.put(TYPE, "taskTimedOut").put(ERROR, timedOut.error()).put(CAUSE, timedOut.cause());
            putStart(json, timedOut.start());
        } else if (resumption instanceof Resumption.BranchesPending) {
            json.put(TYPE, "branchesPending");
        } else if (resumption instanceof Resumption.BranchesSucceeded ok) {
            // Never stored with outputs: a join step collects them from the branch end items.
            json.put(TYPE, "branchesSucceeded");
            json.putArray(OUTPUT).addAll(ok.outputs());
        } else if (resumption instanceof Resumption.MapRunResult run) {
            json.put(TYPE, "mapRunResult").set(OUTPUT, run.result());
        } else if (resumption instanceof Resumption.BranchesMocked mocked) {
            json.put(TYPE, "branchesMocked").set(OUTPUT, mocked.result());
        } else {
            Resumption.BranchesFailed failed = (Resumption.BranchesFailed) resumption;
            json.put(TYPE, "branchesFailed").put(ERROR, failed.error()).put(CAUSE, failed.cause());
        }
        return json;
    }

    private static Resumption resumption(JsonNode json) {
        return switch (json.get(TYPE).asText()) {
            case "retry" -> new Resumption.RetryAttempt();
            case "waited" -> new Resumption.WaitElapsed(json.get(OUTPUT), variables(json), json.get(ASSIGNED));
            case "taskPending" -> new Resumption.TaskPending();
            case "taskSucceeded" -> new Resumption.TaskSucceeded(json.get(OUTPUT), start(json));
            case "taskFailed" -> new Resumption.TaskFailed(text(json, ERROR), text(json, CAUSE), start(json));
            case "taskTimedOut" -> new Resumption.TaskTimedOut(text(json, ERROR), text(json, CAUSE), start(json));
            case "branchesPending" -> new Resumption.BranchesPending();
            case "branchesSucceeded" -> {
                List<JsonNode> outputs = new ArrayList<>();
                json.get(OUTPUT).forEach(outputs::add);
                yield new Resumption.BranchesSucceeded(outputs);
            }
            case "branchesFailed" -> new Resumption.BranchesFailed(text(json, ERROR), text(json, CAUSE));
            case "branchesMocked" -> new Resumption.BranchesMocked(json.get(OUTPUT));
            case "mapRunResult" -> new Resumption.MapRunResult(json.get(OUTPUT));
            default -> throw new IllegalArgumentException("unknown stored resumption '" + json.get(TYPE).asText() + "'");
        };
    }

    /** A task's start as the runtime recorded it; absent for the common case, a task run within its step. */
    private static void putStart(ObjectNode json, Resumption.TaskStart start) {
        if (!start.equals(Resumption.TaskStart.IN_STEP)) {
            json.put("emit", start.emit());
            if (start.worker() != null) {
                json.put("worker", start.worker());
            }
        }
    }

    private static Resumption.TaskStart start(JsonNode json) {
        if (!json.has("emit")) {
            return Resumption.TaskStart.IN_STEP;
        }
        return new Resumption.TaskStart(json.get("emit").asBoolean(), text(json, "worker"));
    }

    /** Workflow variables (Assign) as a JSON object; absent when there are none. */
    private static void putVariables(ObjectNode json, Variables variables) {
        if (variables != null && !variables.isEmpty()) {
            ObjectNode values = json.putObject("vars");
            variables.values().forEach(values::set);
        }
    }

    private static Variables variables(JsonNode json) {
        JsonNode values = json.get("vars");
        if (values == null || values.isEmpty()) {
            return Variables.NONE;
        }
        Map<String, JsonNode> map = new LinkedHashMap<>();
        values.fields().forEachRemaining(field -> map.put(field.getKey(), field.getValue()));
        return new Variables(map);
    }

    private static String text(JsonNode json, String field) {
        JsonNode value = json.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
