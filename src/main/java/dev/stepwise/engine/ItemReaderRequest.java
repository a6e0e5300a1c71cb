package dev.stepwise.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepwise.asl.Json;
import dev.stepwise.asl.StatesError;
import dev.stepwise.asl.StatesFailure;
import dev.stepwise.asl.jsonata.JsonataTemplate;
import dev.stepwise.asl.model.MapState;
import dev.stepwise.asl.path.JsonPath;
import dev.stepwise.asl.template.PayloadTemplate;
import java.util.ArrayList;
import java.util.List;

/**
 * What a Distributed Map's ItemReader reads, as the state decided it (AWS developer guide,
 * "ItemReader (Map)"): {@code s3:getObject} of one object parsed as {@code inputType} (JSON,
 * JSONL, CSV, MANIFEST), or {@code s3:listObjectsV2} over a bucket and prefix; {@code arguments}
 * are its Parameters (JSONPath) or Arguments (JSONata) evaluated against the state's input;
 * {@code maxItems} stops reading (0: read every item).
 */
public record ItemReaderRequest(Action action, JsonNode arguments, String inputType, String csvHeaderLocation,
                                List<String> csvHeaders, String csvDelimiter, long maxItems) {
    /** AWS: "You can specify a limit of up to 100,000,000 after which the Distributed Map stops reading items." */
    public static final long MAX_ITEMS_LIMIT = 100_000_000L;

    public enum Action {
        GET_OBJECT("getObject"), LIST_OBJECTS_V2("listObjectsV2");

        private final String wire;

        Action(String wire) {
            this.wire = wire;
        }

        public String wire() {
            return wire;
        }

        public static Action of(String resource) {
            for (Action action : values()) {
                if (resource.endsWith(":s3:" + action.wire)) {
                    return action;
                }
            }
            throw new StatesFailure(StatesError.ITEM_READER_FAILED, "The ItemReader resource '" + resource + "' is not supported");
        }
    }

    public ItemReaderRequest {
        csvHeaders = csvHeaders == null ? null : List.copyOf(csvHeaders);
        csvHeaderLocation = csvHeaderLocation == null ? "FIRST_ROW" : csvHeaderLocation;
        csvDelimiter = csvDelimiter == null ? "COMMA" : csvDelimiter;
    }

    /** The delimiter character CSVDelimiter names (AWS: COMMA, PIPE, SEMICOLON, SPACE, TAB). */
    public char delimiter() {
        return switch (csvDelimiter) {
            case "PIPE" -> '|';
            case "SEMICOLON" -> ';';
            case "SPACE" -> ' ';
            case "TAB" -> '\t';
            default -> ',';
        };
    }

    /** A text member of the arguments (Bucket, Key, Prefix, VersionId ...), or null. */
    public String argument(String name) {
        JsonNode value = arguments == null ? null : arguments.get(name);
        return value == null || value.isNull() ? null : value.asText();
    }

    /** The ItemReader of {@code state}, evaluated against its effective {@code input} (JSONPath) or $states (JSONata). */
    static ItemReaderRequest of(MapState state, StepRun run, StateVisit visit, JsonNode input) {
        JsonNode reader = state.itemReader();
        Action action = Action.of(reader.path("Resource").asText());
        JsonNode config = reader.path("ReaderConfig");
        boolean jsonata = state.jsonata() != null;
        JsonNode arguments;
        if (jsonata) {
            JsonNode template = reader.get("Arguments");
            arguments = template == null ? Json.object()
                    : JsonataTemplate.compile("Arguments", template).evaluate(run.statesVariable(visit, null, StepRun.Source.INPUT),
                    visit.variables().values(), run.random, run.now);
        } else {
            JsonNode template = reader.get("Parameters");
            arguments = template == null ? Json.object() : PayloadTemplate.compile(template).evaluate(run.bindings(input, visit));
        }
        if (!arguments.isObject()) {
            throw new StatesFailure(StatesError.ITEM_READER_FAILED, "The ItemReader's " + (jsonata ? "Arguments" : "Parameters")
                    + " must be an object, but was '" + Json.write(arguments) + "'");
        }
        List<String> headers = null;
        if (config.has("CSVHeaders")) {
            headers = new ArrayList<>();
            for (JsonNode header : config.get("CSVHeaders")) {
                headers.add(header.asText());
            }
        }
        return new ItemReaderRequest(action, arguments, text(config, "InputType"), text(config, "CSVHeaderLocation"), headers,
                text(config, "CSVDelimiter"), maxItems(state, config, run, visit, input));
    }

    /** ReaderConfig's MaxItems (a number, or a JSONata expression) or MaxItemsPath; 0 when neither is set. */
    private static long maxItems(MapState state, JsonNode config, StepRun run, StateVisit visit, JsonNode input) {
        JsonNode value = config.get("MaxItems");
        String field = "MaxItems";
        if (value != null && value.isTextual() && state.jsonata() != null) {
            value = JsonataTemplate.compile(field, value).evaluate(run.statesVariable(visit, null, StepRun.Source.INPUT),
                    visit.variables().values(), run.random, run.now);
        } else if (value == null && config.has("MaxItemsPath")) {
            field = "MaxItemsPath";
            JsonPath path = JsonPath.compile(config.get("MaxItemsPath").asText());
            value = path.readRequired(run.bindings(input, visit));
            if (!value.isIntegralNumber() || !value.canConvertToLong()) {
                throw new StatesFailure(StatesError.RUNTIME, "The MaxItemsPath field refers to value \""
                        + (value.isTextual() ? value.textValue() : Json.write(value)) + "\" which is not a valid integer: "
                        + path.expression());
            }
        }
        if (value == null) {
            return 0;
        }
        if (!value.isIntegralNumber() || value.asLong() < 0 || value.asLong() > MAX_ITEMS_LIMIT) {
            throw new StatesFailure(StatesError.RUNTIME, "The " + field + " field must be an integer between 0 and "
                    + MAX_ITEMS_LIMIT + ", but was '" + Json.write(value) + "'");
        }
        return value.asLong();
    }

    private static String text(JsonNode config, String field) {
        JsonNode value = config.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    /** The request as the runtime stores it with its Map Run. */
    public ObjectNode toJson() {
        ObjectNode json = Json.object().put("action", action.name());
        json.set("arguments", arguments);
        if (inputType != null) {
            json.put("inputType", inputType);
        }
        json.put("headerLocation", csvHeaderLocation).put("delimiter", csvDelimiter).put("maxItems", maxItems);
        if (csvHeaders != null) {
            csvHeaders.forEach(json.putArray("headers")::add);
        }
        return json;
    }

    public static ItemReaderRequest fromJson(JsonNode json) {
        List<String> headers = null;
        if (json.has("headers")) {
            headers = new ArrayList<>();
            for (JsonNode header : json.get("headers")) {
                headers.add(header.asText());
            }
        }
        return new ItemReaderRequest(Action.valueOf(json.get("action").asText()), json.get("arguments"),
                json.hasNonNull("inputType") ? json.get("inputType").asText() : null, json.get("headerLocation").asText(),
                headers, json.get("delimiter").asText(), json.path("maxItems").asLong());
    }
}
