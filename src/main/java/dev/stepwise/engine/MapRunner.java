package dev.stepwise.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepwise.asl.Json;
import dev.stepwise.asl.StatesError;
import dev.stepwise.asl.StatesFailure;
import dev.stepwise.asl.jsonata.QueryEvaluationFailure;
import dev.stepwise.asl.model.ErrorHandling;
import dev.stepwise.asl.model.MapState;
import dev.stepwise.asl.path.JsonPath;
import dev.stepwise.engine.history.EventDetails;
import dev.stepwise.engine.history.EventType;
import java.util.ArrayList;
import java.util.List;

/**
 * Map: runs the item processor once per item of the array ItemsPath selects; each item's input
 * is the item, or the ItemSelector evaluated with $$.Map.Item.Index/Value. The result is the
 * array of item outputs in item order. A Distributed Map runs its items as the child executions
 * of a Map Run (MapRunStarted, then MapRunSucceeded or MapRunFailed in this history), read by its
 * ItemReader or taken from its input, item by item as its runner asks ({@link MapItems}).
 */
final class MapRunner implements StateRunner<MapState> {
    @Override
    public Outcome attempt(MapState state, StepRun run, StateVisit visit) {
        boolean mocked = run.isolation != null && run.isolation.fanOutMocked();
        JsonNode readerData = run.isolation == null ? null : run.isolation.itemReaderData();
        boolean distributed = state.mode() == MapState.ProcessorMode.DISTRIBUTED;
        if (state.itemReader() != null && readerData == null && (mocked || !distributed)) {
            if (!mocked) {
                throw new StatesFailure(StatesError.ITEM_READER_FAILED, "An ItemReader reads the items of a Map in DISTRIBUTED mode only");
            }
            // Mocked without mapItemReaderData: the reader is not run, so it read nothing.
            readerData = Json.NODES.arrayNode();
        }
        if (state.resultWriter() != null && !distributed && !mocked) {
            throw new StatesFailure(StatesError.RESULT_WRITER_FAILED, "A ResultWriter writes the results of a Map in DISTRIBUTED mode only");
        }
        boolean jsonata = state.jsonata() != null;
        JsonNode input = jsonata ? visit.input() : run.applyInputPath(state.paths(), visit);
        MapItems items = new MapItems(state, run, visit, input);
        boolean reads = state.itemReader() != null && readerData == null;
        JsonNode listed = reads ? null : readerData != null ? readerData : items.inlineItems();
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
        // A reader's items are counted as it reads them; the event gives the length when it is known.
        run.emit(EventType.MapStateStarted, new EventDetails.MapStateStarted(listed == null ? 0 : listed.size()));
        if (listed != null && listed.isEmpty() && !mocked) {
            // No item, no child execution: no Map Run either.
            return run.joined(state, state.paths(), state.resultSelector(), state.errors(), state.transition(), visit,
                    new Resumption.BranchesSucceeded(List.of()));
        }
        Step.Resume join = new Step.Resume(run.frame, visit, new Resumption.BranchesPending());
        if (distributed && run.isolation == null) {
            // The runner reads the items (ItemReader) or takes them from the input, page by page.
            ItemReaderRequest reader = reads ? ItemReaderRequest.of(state, run, visit, input) : null;
            ResultWriterRequest writer = state.resultWriter() == null ? null : ResultWriterRequest.of(state, run, visit, input);
            MapRun mapRun = MapRun.of(run.execution, state.label(), state.childDefinition(), state.executionType(), run.random,
                    reader, writer);
            run.emit(EventType.MapRunStarted, new EventDetails.MapRunStarted(mapRun.arn()));
            return new Outcome.FanOut(List.of(), maxConcurrency, tolerance, join, mapRun);
        }
        List<JsonNode> inputs = itemInputs(items, run, listed);
        MapRun mapRun = null;
        if (distributed) {
            mapRun = MapRun.of(run.execution, state.label(), state.childDefinition(), state.executionType(), run.random, null, null);
            run.emit(EventType.MapRunStarted, new EventDetails.MapRunStarted(mapRun.arn()));
        }
        List<Step.StartBranch> branches = new ArrayList<>(inputs.size());
        for (int i = 0; i < inputs.size(); i++) {
            // A child execution starts with no variables: it cannot see its parent's.
            branches.add(new Step.StartBranch(run.frame.child(state.name(), i), inputs.get(i),
                    mapRun == null ? visit.variables() : Variables.NONE));
        }
        return new Outcome.FanOut(branches, maxConcurrency, tolerance, join, mapRun);
    }

    /** Each item's input (the item, or its ItemSelector's value), batched by the ItemBatcher. */
    private static List<JsonNode> itemInputs(MapItems items, StepRun run, JsonNode listed) {
        List<JsonNode> selected = new ArrayList<>(listed.size());
        for (int i = 0; i < listed.size(); i++) {
            selected.add(items.input(listed.get(i), i));
        }
        if (items.selects() && run.inspecting()) {
            run.inspect(DataFlow.Stage.AFTER_ITEM_SELECTOR, Json.NODES.arrayNode().addAll(selected));
        }
        if (!items.batches()) {
            return selected;
        }
        List<JsonNode> batches = new ArrayList<>();
        ItemBatcher batcher = items.batcher();
        for (JsonNode input : selected) {
            if (!batcher.fits(input)) {
                batches.add(batcher.close());
            }
            batcher.add(input);
        }
        JsonNode last = batcher.close();
        if (last != null) {
            batches.add(last);
        }
        if (run.inspecting()) {
            run.inspect(DataFlow.Stage.AFTER_ITEM_BATCHER, Json.NODES.arrayNode().addAll(batches));
        }
        return batches;
    }

    @Override
    public Outcome resume(MapState state, StepRun run, StateVisit visit, Resumption resumption) {
        if (state.mode() == MapState.ProcessorMode.DISTRIBUTED) {
            if (resumption instanceof Resumption.BranchesFailed failed) {
                run.emit(EventType.MapRunFailed, new EventDetails.MapRunFailed(failed.error(), failed.cause()));
            } else if (resumption instanceof Resumption.BranchesSucceeded || resumption instanceof Resumption.MapRunResult) {
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
