package dev.stepwise.asl.validate;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Set;

/**
 * Map: the item processor (ItemProcessor, or the legacy Iterator) is a machine of its own; the
 * Distributed-mode fields are shape-checked. Wording: "This object should have only one of the
 * following fields: [ItemProcessor, Iterator]", "These fields are required: [ExecutionType]",
 * "Value should be one of the following: [STANDARD, EXPRESS]", "Field 'ExecutionType' is not
 * supported" (INLINE mode) — quoted by the cdk_preflight rego rules; "Field 'QueryLanguage' is not
 * supported" at /States/M/ItemProcessor (measured on AWS, floci-io/floci #2968).
 */
final class MapCheck implements StateValidator.StateCheck {
    static final Set<String> PROCESSOR_FIELDS = Set.of("StartAt", "States", "Comment", "ProcessorConfig");
    private static final Set<String> PROCESSOR_CONFIG_FIELDS = Set.of("Mode", "ExecutionType");
    /** ItemReader's S3 integrations (AWS developer guide, ItemReader). */
    static final java.util.regex.Pattern READER_RESOURCE =
            java.util.regex.Pattern.compile("arn:[^:]+:states:::s3:(getObject|listObjectsV2)");
    /** ResultWriter's S3 integration (AWS developer guide, ResultWriter). */
    static final java.util.regex.Pattern WRITER_RESOURCE = java.util.regex.Pattern.compile("arn:[^:]+:states:::s3:putObject");
    private static final Set<String> ITEM_READER_FIELDS = Set.of("Resource", "ReaderConfig", "Parameters", "Arguments");
    private static final Set<String> ITEM_BATCHER_FIELDS = Set.of("MaxItemsPerBatch", "MaxItemsPerBatchPath",
            "MaxInputBytesPerBatch", "MaxInputBytesPerBatchPath", "BatchInput");
    private static final Set<String> RESULT_WRITER_FIELDS = Set.of("Resource", "Parameters", "Arguments", "WriterConfig");

    private final Findings findings;
    private final Syntax syntax;
    private final ScopeValidator scopes;
    private final ErrorHandlers errorHandlers;

    MapCheck(Findings findings, Syntax syntax, ScopeValidator scopes, ErrorHandlers errorHandlers) {
        this.findings = findings;
        this.syntax = syntax;
        this.scopes = scopes;
        this.errorHandlers = errorHandlers;
    }

    @Override
    public void check(StateContext state) {
        findings.exactlyOne(state.node(), state.location(), "ItemProcessor", "Iterator");
        for (String field : new String[] {"ItemProcessor", "Iterator"}) {
            if (state.has(field) && findings.isObject(state.get(field), state.at(field))) {
                processor(state.get(field), state.at(field));
            }
        }
        findings.atMostOne(state.node(), state.location(), "Parameters", "ItemSelector");
        findings.atMostOne(state.node(), state.location(), "MaxConcurrency", "MaxConcurrencyPath");
        findings.atMostOne(state.node(), state.location(), "ToleratedFailurePercentage", "ToleratedFailurePercentagePath");
        findings.atMostOne(state.node(), state.location(), "ToleratedFailureCount", "ToleratedFailureCountPath");
        if (!state.jsonata()) {
            syntax.path(state.get("ItemsPath"), "ItemsPath", state.at("ItemsPath"), false);
            if (state.has("ItemSelector") && findings.isObject(state.get("ItemSelector"), state.at("ItemSelector"))) {
                syntax.template(state.get("ItemSelector"), state.at("ItemSelector"));
            }
            for (String path : new String[] {"MaxConcurrencyPath", "ToleratedFailurePercentagePath", "ToleratedFailureCountPath"}) {
                syntax.singleValuePath(state.get(path), path, state.at(path));
            }
        }
        if (state.has("MaxConcurrency") && !state.isJsonataExpression("MaxConcurrency")) {
            findings.integerIn(state.get("MaxConcurrency"), state.at("MaxConcurrency"), 0, null);
        }
        if (state.has("ToleratedFailurePercentage") && !state.isJsonataExpression("ToleratedFailurePercentage")) {
            findings.numberIn(state.get("ToleratedFailurePercentage"), state.at("ToleratedFailurePercentage"), 0, 100.0);
        }
        if (state.has("ToleratedFailureCount") && !state.isJsonataExpression("ToleratedFailureCount")) {
            findings.integerIn(state.get("ToleratedFailureCount"), state.at("ToleratedFailureCount"), 0, null);
        }
        if (state.has("Label")) {
            findings.isString(state.get("Label"), state.at("Label"));
        }
        // ItemReader and the other Distributed-mode fields are NOT refused on an INLINE Map: AWS
        // accepts them at definition time (measured, floci-io/floci integration tests).
        itemReader(state);
        itemBatcher(state);
        resultWriter(state);
        errorHandlers.check(state);
    }

    /** Checks an ItemProcessor or Iterator. */
    private void processor(JsonNode processor, String location) {
        ParallelCheck.subMachine(findings, scopes, processor, location, PROCESSOR_FIELDS);
        if (!processor.has("ProcessorConfig")) {
            return;
        }
        JsonNode config = processor.get("ProcessorConfig");
        String at = Findings.at(location, "ProcessorConfig");
        if (!findings.isObject(config, at)) {
            return;
        }
        findings.unknownFields(config, at, PROCESSOR_CONFIG_FIELDS);
        if (config.has("Mode")) {
            findings.oneOf(config.get("Mode"), Findings.at(at, "Mode"), List.of("INLINE", "DISTRIBUTED"));
        }
        boolean distributed = "DISTRIBUTED".equals(config.path("Mode").asText());
        if (distributed) {
            if (findings.required(config, at, "ExecutionType")) {
                findings.oneOf(config.get("ExecutionType"), Findings.at(at, "ExecutionType"), List.of("STANDARD", "EXPRESS"));
            }
        } else if (config.has("ExecutionType")) {
            findings.notSupported("ExecutionType", at);
        }
    }

    private void itemReader(StateContext state) {
        if (!state.has("ItemReader") || !findings.isObject(state.get("ItemReader"), state.at("ItemReader"))) {
            return;
        }
        JsonNode reader = state.get("ItemReader");
        String at = state.at("ItemReader");
        findings.unknownFields(reader, at, ITEM_READER_FIELDS);
        if (findings.required(reader, at, "Resource")) {
            resource(reader.get("Resource"), Findings.at(at, "Resource"), READER_RESOURCE);
        }
        parameters(reader, at, state);
        if (!reader.has("ReaderConfig") || !findings.isObject(reader.get("ReaderConfig"), Findings.at(at, "ReaderConfig"))) {
            return;
        }
        JsonNode config = reader.get("ReaderConfig");
        String configAt = Findings.at(at, "ReaderConfig");
        if (config.has("InputType")) {
            findings.oneOf(config.get("InputType"), Findings.at(configAt, "InputType"),
                    List.of("CSV", "JSON", "JSONL", "MANIFEST", "PARQUET"));
        }
        if (config.has("CSVHeaderLocation")) {
            findings.oneOf(config.get("CSVHeaderLocation"), Findings.at(configAt, "CSVHeaderLocation"), List.of("FIRST_ROW", "GIVEN"));
            if ("GIVEN".equals(config.get("CSVHeaderLocation").asText())) {
                findings.required(config, configAt, "CSVHeaders");
            }
        }
        if (config.has("CSVHeaders")) {
            findings.isArray(config.get("CSVHeaders"), Findings.at(configAt, "CSVHeaders"));
        }
        if (config.has("CSVDelimiter")) {
            // AWS developer guide, ItemReader: "Accepts one of the following values: COMMA (default), PIPE, SEMICOLON, SPACE, TAB."
            findings.oneOf(config.get("CSVDelimiter"), Findings.at(configAt, "CSVDelimiter"),
                    List.of("COMMA", "PIPE", "SEMICOLON", "SPACE", "TAB"));
        }
        if (config.has("MaxItems") && !(state.jsonata() && config.get("MaxItems").isTextual())) {
            // AWS: "You can specify a limit of up to 100,000,000 after which the Distributed Map stops reading items."
            findings.integerIn(config.get("MaxItems"), Findings.at(configAt, "MaxItems"), 0, 100_000_000L);
        }
        if (!state.jsonata()) {
            syntax.singleValuePath(config.get("MaxItemsPath"), "MaxItemsPath", Findings.at(configAt, "MaxItemsPath"));
        }
    }

    private void itemBatcher(StateContext state) {
        if (!state.has("ItemBatcher") || !findings.isObject(state.get("ItemBatcher"), state.at("ItemBatcher"))) {
            return;
        }
        JsonNode batcher = state.get("ItemBatcher");
        String at = state.at("ItemBatcher");
        findings.unknownFields(batcher, at, ITEM_BATCHER_FIELDS);
        findings.atMostOne(batcher, at, "MaxItemsPerBatch", "MaxItemsPerBatchPath");
        findings.atMostOne(batcher, at, "MaxInputBytesPerBatch", "MaxInputBytesPerBatchPath");
        if (batcher.has("MaxItemsPerBatch") && !(state.jsonata() && batcher.get("MaxItemsPerBatch").isTextual())) {
            findings.integerIn(batcher.get("MaxItemsPerBatch"), Findings.at(at, "MaxItemsPerBatch"), 1, null);
        }
        if (batcher.has("MaxInputBytesPerBatch") && !(state.jsonata() && batcher.get("MaxInputBytesPerBatch").isTextual())) {
            // AWS developer guide (ItemBatcher): at most 256 KiB per batch.
            findings.integerIn(batcher.get("MaxInputBytesPerBatch"), Findings.at(at, "MaxInputBytesPerBatch"), 1, 262144L);
        }
        if (!state.jsonata()) {
            for (String path : new String[] {"MaxItemsPerBatchPath", "MaxInputBytesPerBatchPath"}) {
                syntax.singleValuePath(batcher.get(path), path, Findings.at(at, path));
            }
            if (batcher.has("BatchInput") && findings.isObject(batcher.get("BatchInput"), Findings.at(at, "BatchInput"))) {
                syntax.template(batcher.get("BatchInput"), Findings.at(at, "BatchInput"));
            }
        }
    }

    private void resultWriter(StateContext state) {
        if (!state.has("ResultWriter") || !findings.isObject(state.get("ResultWriter"), state.at("ResultWriter"))) {
            return;
        }
        JsonNode writer = state.get("ResultWriter");
        String at = state.at("ResultWriter");
        findings.unknownFields(writer, at, RESULT_WRITER_FIELDS);
        // A ResultWriter writes to S3 (Resource with its Parameters/Arguments), or only reshapes
        // the result (WriterConfig); an empty one is refused at the ResultWriter (measured,
        // floci-io/floci integration tests), and so is a Resource without its destination.
        if (!writer.has("Resource") && !writer.has("WriterConfig")) {
            findings.required(writer, at, "Resource");
        }
        if (writer.has("Resource")) {
            resource(writer.get("Resource"), Findings.at(at, "Resource"), WRITER_RESOURCE);
            findings.required(writer, at, state.jsonata() ? "Arguments" : "Parameters");
        }
        parameters(writer, at, state);
        String configAt = Findings.at(at, "WriterConfig");
        if (writer.has("WriterConfig") && findings.isObject(writer.get("WriterConfig"), configAt)) {
            JsonNode config = writer.get("WriterConfig");
            if (findings.required(config, configAt, "Transformation", "OutputType")) {
                findings.oneOf(config.get("Transformation"), Findings.at(configAt, "Transformation"),
                        List.of("NONE", "COMPACT", "FLATTEN"));
                findings.oneOf(config.get("OutputType"), Findings.at(configAt, "OutputType"), List.of("JSON", "JSONL"));
            }
        }
    }

    private void resource(JsonNode resource, String location, java.util.regex.Pattern allowed) {
        if (findings.isString(resource, location) && !allowed.matcher(resource.textValue()).matches()) {
            // Wording quoted by the cdk_preflight rego rules for ItemReader's Resource.
            findings.schema("The field 'Resource' does not match any of the allowed values", location);
        }
    }

    /** Parameters (JSONPath) or Arguments (JSONata) of an ItemReader or ResultWriter. */
    private void parameters(JsonNode holder, String at, StateContext state) {
        String own = state.jsonata() ? "Arguments" : "Parameters";
        String other = state.jsonata() ? "Parameters" : "Arguments";
        if (holder.has(other)) {
            findings.schema(StateValidator.wrongLanguage(state.jsonata() ? "JSONata" : "JSONPath", other,
                    state.jsonata() ? "JSONPath" : "JSONata"), Findings.at(at, other));
        }
        if (holder.has(own) && !state.jsonata() && findings.isObject(holder.get(own), Findings.at(at, own))) {
            syntax.template(holder.get(own), Findings.at(at, own));
        }
    }

}
