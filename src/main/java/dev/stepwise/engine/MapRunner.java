package dev.stepwise.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepwise.asl.Json;
import dev.stepwise.asl.StatesError;
import dev.stepwise.asl.StatesFailure;
import dev.stepwise.asl.model.ErrorHandling;
import dev.stepwise.asl.model.MapState;
import dev.stepwise.asl.path.Bindings;
import dev.stepwise.asl.path.JsonPath;
import dev.stepwise.engine.history.EventDetails;
import dev.stepwise.engine.history.EventType;
import java.util.ArrayList;
import java.util.List;

/**
 * Map: runs the item processor once per item of the array ItemsPath selects; each item's input
 * is the item, or the ItemSelector evaluated with $$.Map.Item.Index/Value. The result is the
 * array of item outputs in item order. A Distributed Map runs its items as the child executions
 * of a Map Run (MapRunStarted, then MapRunSucceeded or MapRunFailed in this history).
 */
final class MapRunner implements StateRunner<MapState> {
    @Override
    public Outcome attempt(MapState state, StepRun run, StateVisit visit) {
        if (state.itemReader() != null) {
            throw new StatesFailure(StatesError.ITEM_READER_FAILED,
                    "ItemReader needs the S3 integration, which this version of Stepwise does not have yet");
        }
        if (state.resultWriter() != null) {
            throw new StatesFailure(StatesError.RESULT_WRITER_FAILED,
                    "ResultWriter needs the S3 integration, which this version of Stepwise does not have yet");
        }
        boolean jsonata = state.jsonata() != null;
        JsonNode input = jsonata ? visit.input() : run.applyInputPath(state.paths(), visit);
        JsonNode items = input;
        if (jsonata && state.jsonata().has("Items")) {
            items = run.jsonata(state, "Items", visit, null, StepRun.Source.INPUT);
        } else if (state.itemsPath() != null) {
            items = state.itemsPath().readRequired(run.bindings(input, visit));
        }
        if (!items.isArray()) {
            throw new StatesFailure(jsonata ? StatesError.QUERY_EVALUATION_ERROR : StatesError.RUNTIME, jsonata
                    ? "The Items field must evaluate to a JSON array, but was '" + Json.write(items) + "'"
                    : "Item selector path '" + (state.itemsPath() == null ? "$" : state.itemsPath().expression()) + "' is not an array");
        }
        int maxConcurrency = jsonata ? jsonataCount(state, "MaxConcurrency", run, visit)
                : intValue(state.maxConcurrency(), state.maxConcurrencyPath(), run, visit, input, 0);
        FailureTolerance tolerance = jsonata ? jsonataTolerance(state, run, visit) : tolerance(state, run, visit, input);
        run.emit(EventType.MapStateStarted, new EventDetails.MapStateStarted(items.size()));
        if (items.isEmpty()) {
            // No item, no child execution: no Map Run either.
            return run.joined(state, state.paths(), state.resultSelector(), state.errors(), state.transition(), visit,
                    new Resumption.BranchesSucceeded(List.of()));
        }
        boolean selects = jsonata ? state.jsonata().has("ItemSelector") : state.itemSelector() != null;
        ObjectNode context = selects ? run.context(visit) : null;
        List<JsonNode> inputs = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            JsonNode item = items.get(i);
            if (selects) {
                ObjectNode itemContext = (ObjectNode) ContextObject.withMapItem(context, i, item);
                if (jsonata) {
                    ObjectNode states = run.statesVariable(visit, null, StepRun.Source.INPUT);
                    states.set("context", itemContext);
                    item = state.jsonata().get("ItemSelector").evaluate(states, visit.variables().values(), run.random, run.now);
                } else {
                    item = state.itemSelector().evaluate(Bindings.of(input, () -> itemContext, run.random, visit.variables().values()));
                }
            }
            inputs.add(item);
        }
        if (state.itemBatcher() != null) {
            inputs = ItemBatches.of(state.itemBatcher(), inputs, run.bindings(input, visit));
        }
        MapRun mapRun = null;
        if (state.mode() == MapState.ProcessorMode.DISTRIBUTED) {
            mapRun = MapRun.of(run.execution, state.label(), state.childDefinition(), state.executionType(), run.random);
            run.emit(EventType.MapRunStarted, new EventDetails.MapRunStarted(mapRun.arn()));
        }
        List<Step.StartBranch> branches = new ArrayList<>(inputs.size());
        for (int i = 0; i < inputs.size(); i++) {
            // A child execution starts with no variables: it cannot see its parent's.
            branches.add(new Step.StartBranch(run.frame.child(state.name(), i), inputs.get(i),
                    mapRun == null ? visit.variables() : Variables.NONE));
        }
        return new Outcome.FanOut(branches, maxConcurrency, tolerance,
                new Step.Resume(run.frame, visit, new Resumption.BranchesPending()), mapRun);
    }

    @Override
    public Outcome resume(MapState state, StepRun run, StateVisit visit, Resumption resumption) {
        if (state.mode() == MapState.ProcessorMode.DISTRIBUTED) {
            if (resumption instanceof Resumption.BranchesFailed failed) {
                run.emit(EventType.MapRunFailed, new EventDetails.MapRunFailed(failed.error(), failed.cause()));
            } else if (resumption instanceof Resumption.BranchesSucceeded) {
                run.emit(EventType.MapRunSucceeded, EventDetails.None.INSTANCE);
            }
        }
        return run.joined(state, state.paths(), state.resultSelector(), state.errors(), state.transition(), visit, resumption);
    }

    @Override
    public ErrorHandling errors(MapState state) {
        return state.errors();
    }

    /** A JSONata MaxConcurrency/ToleratedFailureCount: a number or an expression giving a non-negative integer. */
    private static int jsonataCount(MapState state, String field, StepRun run, StateVisit visit) {
        JsonNode value = run.jsonata(state, field, visit, null, StepRun.Source.INPUT);
        if (value == null) {
            return 0;
        }
        if (!value.isIntegralNumber() || value.asLong() < 0 || value.asLong() > Integer.MAX_VALUE) {
            throw new StatesFailure(StatesError.QUERY_EVALUATION_ERROR, "The " + field
                    + " field must evaluate to a non-negative integer, but was '" + Json.write(value) + "'");
        }
        return value.asInt();
    }

    private static FailureTolerance jsonataTolerance(MapState state, StepRun run, StateVisit visit) {
        Integer count = state.jsonata().has("ToleratedFailureCount") ? jsonataCount(state, "ToleratedFailureCount", run, visit) : null;
        JsonNode percentage = run.jsonata(state, "ToleratedFailurePercentage", visit, null, StepRun.Source.INPUT);
        if (percentage != null && (!percentage.isNumber() || percentage.asDouble() < 0 || percentage.asDouble() > 100)) {
            throw new StatesFailure(StatesError.QUERY_EVALUATION_ERROR,
                    "The ToleratedFailurePercentage field must evaluate to a number between 0 and 100, but was '" + Json.write(percentage) + "'");
        }
        Double pct = percentage == null ? null : percentage.asDouble();
        return count == null && pct == null ? FailureTolerance.NONE : new FailureTolerance(count, pct);
    }

    private static FailureTolerance tolerance(MapState state, StepRun run, StateVisit visit, JsonNode input) {
        Integer count = state.toleratedFailureCount();
        if (count == null && state.toleratedFailureCountPath() != null) {
            count = intValue(null, state.toleratedFailureCountPath(), run, visit, input, 0);
        }
        Double percentage = state.toleratedFailurePercentage();
        if (percentage == null && state.toleratedFailurePercentagePath() != null) {
            JsonNode value = read(state.toleratedFailurePercentagePath(), run, visit, input);
            if (!value.isNumber() || value.asDouble() < 0 || value.asDouble() > 100) {
                throw new StatesFailure(StatesError.RUNTIME, "The ToleratedFailurePercentagePath field refers to value '"
                        + Json.write(value) + "' which is not a valid number between 0 and 100");
            }
            percentage = value.asDouble();
        }
        return count == null && percentage == null ? FailureTolerance.NONE : new FailureTolerance(count, percentage);
    }

    private static int intValue(Integer fixed, JsonPath path, StepRun run, StateVisit visit, JsonNode input, int absent) {
        if (fixed != null) {
            return fixed;
        }
        if (path == null) {
            return absent;
        }
        JsonNode value = read(path, run, visit, input);
        if (!value.isIntegralNumber() || value.asLong() < 0 || value.asLong() > Integer.MAX_VALUE) {
            throw new StatesFailure(StatesError.RUNTIME, "The " + path.expression() + " field refers to value '"
                    + Json.write(value) + "' which is not a valid non-negative integer");
        }
        return value.asInt();
    }

    private static JsonNode read(JsonPath path, StepRun run, StateVisit visit, JsonNode input) {
        return path.readRequired(run.bindings(input, visit));
    }
}
