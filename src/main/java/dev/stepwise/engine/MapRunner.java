package dev.stepwise.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepwise.asl.Json;
import dev.stepwise.asl.StatesError;
import dev.stepwise.asl.StatesFailure;
import dev.stepwise.asl.jsonata.JsonataTemplate;
import dev.stepwise.asl.jsonata.QueryEvaluationFailure;
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
        boolean mocked = run.isolation != null && run.isolation.fanOutMocked();
        JsonNode readerData = run.isolation == null ? null : run.isolation.itemReaderData();
        if (state.itemReader() != null && readerData == null) {
            if (!mocked) {
                throw new StatesFailure(StatesError.ITEM_READER_FAILED,
                        "ItemReader needs the S3 integration, which this version of Stepwise does not have yet");
            }
            // Mocked without mapItemReaderData: the reader is not run, so it read nothing.
            readerData = Json.NODES.arrayNode();
        }
        if (state.resultWriter() != null && !mocked) {
            throw new StatesFailure(StatesError.RESULT_WRITER_FAILED,
                    "ResultWriter needs the S3 integration, which this version of Stepwise does not have yet");
        }
        boolean jsonata = state.jsonata() != null;
        JsonNode input = jsonata ? visit.input() : run.applyInputPath(state.paths(), visit);
        JsonNode items = items(state, run, visit, input, readerData);
        int maxConcurrency = jsonata ? jsonataCount(state, "MaxConcurrency", run, visit)
                : maxConcurrency(state, run, visit, input);
        FailureTolerance tolerance = jsonata ? jsonataTolerance(state, run, visit) : tolerance(state, run, visit, input);
        if (run.inspecting()) {
            run.inspect(DataFlow.Stage.MAX_CONCURRENCY, Json.NODES.numberNode(maxConcurrency));
            if (tolerance.count() != null) {
                run.inspect(DataFlow.Stage.TOLERATED_FAILURE_COUNT, Json.NODES.numberNode(tolerance.count()));
            }
            if (tolerance.percentage() != null) {
                run.inspect(DataFlow.Stage.TOLERATED_FAILURE_PERCENTAGE, Json.NODES.numberNode(tolerance.percentage()));
            }
        }
        run.emit(EventType.MapStateStarted, new EventDetails.MapStateStarted(items.size()));
        if (items.isEmpty() && !mocked) {
            // No item, no child execution: no Map Run either.
            return run.joined(state, state.paths(), state.resultSelector(), state.errors(), state.transition(), visit,
                    new Resumption.BranchesSucceeded(List.of()));
        }
        List<JsonNode> inputs = itemInputs(state, run, visit, input, items);
        if (state.itemBatcher() != null) {
            inputs = ItemBatches.of(state.itemBatcher(), inputs, run.bindings(input, visit));
            if (run.inspecting()) {
                run.inspect(DataFlow.Stage.AFTER_ITEM_BATCHER, Json.NODES.arrayNode().addAll(inputs));
            }
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

    /** The items: what the ItemReader read (TestState's mapItemReaderData), JSONata's Items, or what ItemsPath selects. */
    private static JsonNode items(MapState state, StepRun run, StateVisit visit, JsonNode input, JsonNode readerData) {
        if (readerData != null) {
            return readerData;
        }
        if (state.jsonata() != null) {
            JsonataTemplate template = state.jsonata().get("Items");
            JsonNode items = template == null ? input : run.jsonata(state, "Items", visit, null, StepRun.Source.INPUT);
            if (!items.isArray() && template != null) {
                throw QueryEvaluationFailure.unexpectedType("Items", template, "array", items);
            }
            if (!items.isArray()) {
                throw new StatesFailure(StatesError.RUNTIME, "Reference path \"$\" must point to array.");
            }
            return items;
        }
        JsonNode items = state.itemsPath() == null ? input : state.itemsPath().readRequired(run.bindings(input, visit));
        if (!items.isArray()) {
            // Recorded on AWS (TestState, ItemsPath "$$.Execution.Input"): a context path is named from
            // the context object's root, 'Reference path "$.Execution.Input" must point to array.'
            String path = state.itemsPath() == null ? "$" : state.itemsPath().expression();
            throw new StatesFailure(StatesError.RUNTIME, "Reference path \"" + (path.startsWith("$$") ? path.substring(1) : path)
                    + "\" must point to array.");
        }
        run.inspect(DataFlow.Stage.AFTER_ITEMS_PATH, items);
        return items;
    }

    /** Each item's input: the item, or the ItemSelector evaluated with $$.Map.Item.Index and Value. */
    private static List<JsonNode> itemInputs(MapState state, StepRun run, StateVisit visit, JsonNode input, JsonNode items) {
        boolean jsonata = state.jsonata() != null;
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
        if (selects && run.inspecting()) {
            run.inspect(DataFlow.Stage.AFTER_ITEM_SELECTOR, Json.NODES.arrayNode().addAll(inputs));
        }
        return inputs;
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
            throw new QueryEvaluationFailure(field, "The " + field
                    + " field must evaluate to a non-negative integer, but was '" + Json.write(value) + "'");
        }
        return value.asInt();
    }

    private static FailureTolerance jsonataTolerance(MapState state, StepRun run, StateVisit visit) {
        Integer count = state.jsonata().has("ToleratedFailureCount") ? jsonataCount(state, "ToleratedFailureCount", run, visit) : null;
        JsonNode percentage = run.jsonata(state, "ToleratedFailurePercentage", visit, null, StepRun.Source.INPUT);
        if (percentage != null && (!percentage.isNumber() || percentage.asDouble() < 0 || percentage.asDouble() > 100)) {
            throw new QueryEvaluationFailure("ToleratedFailurePercentage",
                    "The ToleratedFailurePercentage field must evaluate to a number between 0 and 100, but was '" + Json.write(percentage) + "'");
        }
        Double pct = percentage == null ? null : percentage.asDouble();
        return count == null && pct == null ? FailureTolerance.NONE : new FailureTolerance(count, pct);
    }

    /*
     * The *Path fields' causes follow LocalStack's MaxConcurrencyPath and ToleratedFailure*Path
     * (localstack-core/.../state_map/max_concurrency.py, tolerated_failure.py), written to AWS's words.
     */
    private static FailureTolerance tolerance(MapState state, StepRun run, StateVisit visit, JsonNode input) {
        Integer count = state.toleratedFailureCount();
        if (count == null && state.toleratedFailureCountPath() != null) {
            JsonPath path = state.toleratedFailureCountPath();
            JsonNode value = read(path, run, visit, input);
            if (!isInteger(value)) {
                throw new StatesFailure(StatesError.RUNTIME, "The ToleratedFailureCountPath field refers to value \""
                        + described(value) + "\" which is not a valid integer: " + path.expression());
            }
            if (value.asLong() < 0) {
                throw new StatesFailure(StatesError.RUNTIME, "ToleratedFailureCount cannot be negative.");
            }
            count = (int) Math.min(value.asLong(), Integer.MAX_VALUE);
        }
        Double percentage = state.toleratedFailurePercentage();
        if (percentage == null && state.toleratedFailurePercentagePath() != null) {
            JsonPath path = state.toleratedFailurePercentagePath();
            JsonNode value = read(path, run, visit, input);
            if (!value.isNumber()) {
                throw new StatesFailure(StatesError.RUNTIME, "The ToleratedFailurePercentagePath field refers to value \""
                        + described(value) + "\" which is not a valid float: " + path.expression());
            }
            if (value.asDouble() < 0 || value.asDouble() > 100) {
                throw new StatesFailure(StatesError.RUNTIME, "ToleratedFailurePercentage must be between 0 and 100.");
            }
            percentage = value.asDouble();
        }
        return count == null && percentage == null ? FailureTolerance.NONE : new FailureTolerance(count, percentage);
    }

    private static int maxConcurrency(MapState state, StepRun run, StateVisit visit, JsonNode input) {
        if (state.maxConcurrency() != null) {
            return state.maxConcurrency();
        }
        JsonPath path = state.maxConcurrencyPath();
        if (path == null) {
            return 0;
        }
        JsonNode value = read(path, run, visit, input);
        if (!isInteger(value)) {
            throw new StatesFailure(StatesError.RUNTIME, "The MaxConcurrencyPath field refers to value \"" + described(value)
                    + "\" which is not a valid integer: " + path.expression());
        }
        if (value.asLong() < 0) {
            throw new StatesFailure(StatesError.RUNTIME, "Expected non-negative integer for MaxConcurrency, got '"
                    + value.asText() + "' instead.");
        }
        return (int) Math.min(value.asLong(), Integer.MAX_VALUE);
    }

    private static boolean isInteger(JsonNode value) {
        return value.isIntegralNumber() && value.canConvertToLong();
    }

    /** A value as these causes show it: a string as it is, anything else as JSON. */
    private static String described(JsonNode value) {
        return value.isTextual() ? value.textValue() : Json.write(value);
    }

    private static JsonNode read(JsonPath path, StepRun run, StateVisit visit, JsonNode input) {
        return path.readRequired(run.bindings(input, visit));
    }
}
