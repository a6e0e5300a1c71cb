package dev.stepwise.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepwise.asl.Json;
import dev.stepwise.asl.StatesError;
import dev.stepwise.asl.StatesFailure;
import dev.stepwise.asl.jsonata.JsonataTemplate;
import dev.stepwise.asl.model.MapState;
import dev.stepwise.asl.template.PayloadTemplate;

/**
 * A Distributed Map's ResultWriter as the state decided it (AWS developer guide, "ResultWriter
 * (Map)"): the bucket and prefix {@code s3:putObject} exports the children's results to (null
 * bucket: no export, WriterConfig only reshapes the state's result), and WriterConfig's
 * OutputType (JSON, JSONL) and Transformation (NONE, COMPACT, FLATTEN). AWS: "NONE ... Default
 * when exporting the child workflow execution results to Amazon S3 and WriterConfig is not
 * specified"; "COMPACT ... Default when ResultWriter is not specified".
 */
public record ResultWriterRequest(String bucket, String prefix, String outputType, String transformation) {

    public boolean exports() {
        return bucket != null;
    }

    public boolean jsonLines() {
        return "JSONL".equals(outputType);
    }

    static ResultWriterRequest of(MapState state, StepRun run, StateVisit visit, JsonNode input) {
        JsonNode writer = state.resultWriter();
        JsonNode config = writer.path("WriterConfig");
        String bucket = null;
        String prefix = null;
        if (writer.has("Resource")) {
            boolean jsonata = state.jsonata() != null;
            JsonNode template = writer.get(jsonata ? "Arguments" : "Parameters");
            JsonNode arguments = template == null ? Json.object() : jsonata
                    ? JsonataTemplate.compile("Arguments", template).evaluate(run.statesVariable(visit, null, StepRun.Source.INPUT),
                    visit.variables().values(), run.random, run.now)
                    : PayloadTemplate.compile(template).evaluate(run.bindings(input, visit));
            if (!arguments.path("Bucket").isTextual()) {
                throw new StatesFailure(StatesError.RESULT_WRITER_FAILED, "The ResultWriter's Bucket must be a string, but was '"
                        + Json.write(arguments.path("Bucket")) + "'");
            }
            bucket = arguments.get("Bucket").asText();
            prefix = arguments.path("Prefix").asText("");
        }
        return new ResultWriterRequest(bucket, prefix, config.path("OutputType").asText("JSON"),
                config.path("Transformation").asText(bucket != null ? "NONE" : "COMPACT"));
    }

    public ObjectNode toJson() {
        ObjectNode json = Json.object();
        if (bucket != null) {
            json.put("bucket", bucket).put("prefix", prefix);
        }
        return json.put("outputType", outputType).put("transformation", transformation);
    }

    public static ResultWriterRequest fromJson(JsonNode json) {
        return new ResultWriterRequest(json.hasNonNull("bucket") ? json.get("bucket").asText() : null,
                json.path("prefix").asText(""), json.get("outputType").asText(), json.get("transformation").asText());
    }
}
