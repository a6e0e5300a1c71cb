package dev.stepwise.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepwise.asl.Json;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What a Distributed Map's ResultWriter writes, as the developer guide's "ResultWriter (Map)"
 * shows it: one entry per child execution in the file of its status, each entry shaped by
 * WriterConfig's Transformation, and a manifest.json listing the files, all under
 * {@code Prefix/<Map Run id>/}; the state's result is then the run's ARN and the manifest's place.
 */
public final class ResultFiles {
    /** The files a child's entry goes to: SUCCEEDED_n, FAILED_n (failed, timed out, aborted), PENDING_n (never started). */
    public enum File { SUCCEEDED, FAILED, PENDING }

    /** A child execution of a Map Run as the result files describe it ({@code status} null: never started). */
    public record Child(String executionArn, String name, String stateMachineArn, JsonNode input, JsonNode output, String status,
                        String error, String cause, Instant startDate, Instant stopDate, int redriveCount) {

        public File file() {
            return status == null ? File.PENDING : "SUCCEEDED".equals(status) ? File.SUCCEEDED : File.FAILED;
        }
    }

    private ResultFiles() {
    }

    /**
     * The child's entries under {@code transformation}: NONE its description; COMPACT its output;
     * FLATTEN its output's elements when the output is an array. AWS: "If a child workflow
     * execution fails, Step Functions returns its execution result unchanged" (as NONE does).
     */
    public static List<JsonNode> entries(Child child, String transformation) {
        if (child.file() != File.SUCCEEDED || "NONE".equals(transformation)) {
            return List.of(described(child));
        }
        if ("FLATTEN".equals(transformation) && child.output() != null && child.output().isArray()) {
            return List.copyOf(iterable(child.output()));
        }
        return List.of(child.output() == null ? Json.NODES.nullNode() : child.output());
    }

    private static List<JsonNode> iterable(JsonNode array) {
        java.util.ArrayList<JsonNode> elements = new java.util.ArrayList<>(array.size());
        array.forEach(elements::add);
        return elements;
    }

    /** NONE's entry, as the guide's example shows it: the execution's description with Input and Output as JSON text. */
    private static ObjectNode described(Child child) {
        ObjectNode entry = Json.object();
        if (child.executionArn() != null && child.status() != null) {
            entry.put("ExecutionArn", child.executionArn());
        }
        entry.put("Input", Json.write(child.input()));
        entry.putObject("InputDetails").put("Included", true);
        entry.put("Name", child.name());
        if (child.status() == null) {
            return entry;
        }
        if (child.output() != null) {
            entry.put("Output", Json.write(child.output()));
            entry.putObject("OutputDetails").put("Included", true);
        }
        if (child.error() != null) {
            entry.put("Error", child.error());
        }
        if (child.cause() != null) {
            entry.put("Cause", child.cause());
        }
        entry.put("RedriveCount", child.redriveCount());
        if ("SUCCEEDED".equals(child.status())) {
            entry.put("RedriveStatus", "NOT_REDRIVABLE");
            entry.put("RedriveStatusReason", "Execution is SUCCEEDED and cannot be redriven");
        } else {
            // DescribeExecution's redriveStatus for a Map Run's child: a redrive of the run restarts it.
            entry.put("RedriveStatus", "REDRIVABLE_BY_MAP_RUN");
        }
        entry.put("StartDate", ContextObject.TIME.format(child.startDate()));
        entry.put("StateMachineArn", child.stateMachineArn());
        entry.put("Status", child.status());
        if (child.stopDate() != null) {
            entry.put("StopDate", ContextObject.TIME.format(child.stopDate()));
        }
        return entry;
    }

    /** The folder of a run's files: {@code Prefix/<Map Run id>/} (the guide: "csvProcessJobs/ad9b5f27-.../manifest.json"). */
    public static String folder(String prefix, String mapRunArn) {
        String base = prefix == null || prefix.isEmpty() ? "" : prefix.endsWith("/") ? prefix : prefix + "/";
        return base + MapRun.id(mapRunArn) + "/";
    }

    /** {@code SUCCEEDED_0.json}, {@code FAILED_1.json} ...: AWS starts a file's index at 0; JSON Lines files end in .jsonl. */
    public static String fileKey(String folder, File file, int index, boolean jsonLines) {
        return folder + file.name() + "_" + index + (jsonLines ? ".jsonl" : ".json");
    }

    public static String manifestKey(String folder) {
        return folder + "manifest.json";
    }

    /** A written result file: its key and size in bytes. */
    public record Written(String key, long size) {
    }

    /** manifest.json: the destination, the run, and each status's files. */
    public static ObjectNode manifest(String bucket, String mapRunArn, Map<File, List<Written>> files) {
        ObjectNode manifest = Json.object();
        manifest.put("DestinationBucket", bucket);
        manifest.put("MapRunArn", mapRunArn);
        ObjectNode results = manifest.putObject("ResultFiles");
        for (File file : List.of(File.FAILED, File.PENDING, File.SUCCEEDED)) {
            ArrayNode list = results.putArray(file.name());
            for (Written written : files.getOrDefault(file, List.of())) {
                list.addObject().put("Key", written.key()).put("Size", written.size());
            }
        }
        return manifest;
    }

    /** The Map state's result when it exported: the guide's {"MapRunArn", "ResultWriterDetails": {"Bucket", "Key"}}. */
    public static ObjectNode details(String mapRunArn, String bucket, String manifestKey) {
        ObjectNode result = Json.object();
        result.put("MapRunArn", mapRunArn);
        result.putObject("ResultWriterDetails").put("Bucket", bucket).put("Key", manifestKey);
        return result;
    }
}
