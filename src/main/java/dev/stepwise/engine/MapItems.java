package dev.stepwise.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepwise.asl.StatesError;
import dev.stepwise.asl.StatesFailure;
import dev.stepwise.asl.jsonata.JsonataTemplate;
import dev.stepwise.asl.jsonata.QueryEvaluationFailure;
import dev.stepwise.asl.model.MapState;
import dev.stepwise.asl.path.Bindings;

/**
 * A Map state's items and what each child gets: the items from the state's input (ItemsPath, or
 * JSONata's Items), each item's input (the item, or ItemSelector with $$.Map.Item.Index and
 * Value) and the ItemBatcher that groups inputs. A Distributed Map's runner asks for it item by
 * item ({@link Engine#mapItems}) as it reads them, so no step holds a Map Run's items.
 */
public final class MapItems {
    private final MapState state;
    private final StepRun run;
    private final StateVisit visit;
    private final JsonNode input;
    private ObjectNode context;

    MapItems(MapState state, StepRun run, StateVisit visit, JsonNode input) {
        this.state = state;
        this.run = run;
        this.visit = visit;
        this.input = input;
    }

    /** The items of the state's input: JSONata's Items, or what ItemsPath selects (the input by default). */
    public JsonNode inlineItems() {
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

    /** True when each item's input is its ItemSelector's value rather than the item itself. */
    public boolean selects() {
        return state.jsonata() != null ? state.jsonata().has("ItemSelector") : state.itemSelector() != null;
    }

    /** Item {@code index}'s input: the item, or the ItemSelector evaluated with $$.Map.Item.Index and Value. */
    public JsonNode input(JsonNode item, int index) {
        if (!selects()) {
            return item;
        }
        if (context == null) {
            context = run.context(visit);
        }
        ObjectNode itemContext = (ObjectNode) ContextObject.withMapItem(context, index, item);
        if (state.jsonata() != null) {
            ObjectNode states = run.statesVariable(visit, null, StepRun.Source.INPUT);
            states.set("context", itemContext);
            return state.jsonata().get("ItemSelector").evaluate(states, visit.variables().values(), run.random, run.now);
        }
        return state.itemSelector().evaluate(Bindings.of(input, () -> itemContext, run.random, visit.variables().values()));
    }

    /** A fresh ItemBatcher of the state's settings (one that passes each input on when it has none). */
    public ItemBatcher batcher() {
        return ItemBatcher.of(state.itemBatcher(), run.bindings(input, visit));
    }

    /** True when the state has an ItemBatcher: a child's input holds many items. */
    public boolean batches() {
        return state.itemBatcher() != null;
    }
}
