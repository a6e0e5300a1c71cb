package dev.stepwise.local;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepwise.asl.Json;
import dev.stepwise.asl.validate.Spelling;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * One test file of {@code ./stepwise test} (its JSON Schema: schemas/stepwise-test.schema.json):
 * a definition, an input, optionally a Step Functions Local mock configuration and one of its
 * test cases, and what the execution must give. Paths are relative to the test file.
 */
record WorkflowTest(Path file, String name, Path definition, String stateMachineName, JsonNode input, Path mockConfig,
                    String testCase, Expect expect) {

    /** The members a test file may have, as the schema lists them. */
    static final List<String> FIELDS = List.of("$schema", "name", "definition", "stateMachineName", "input", "inputFile",
            "mockConfig", "testCase", "expect");

    /** A test file that cannot be run: every problem, each with where it is. */
    static final class Invalid extends RuntimeException {
        Invalid(String message) {
            super(message, null, false, false);
        }
    }

    /** Reads {@code file}; {@link Invalid} (or a usage error for a file that cannot be read) says what is wrong. */
    static WorkflowTest read(Path file) {
        JsonNode json = CliFiles.readJson(file.toString());
        List<String> problems = new ArrayList<>();
        if (!json.isObject()) {
            throw new Invalid(file + ": a test file is a JSON object (schemas/stepwise-test.schema.json)");
        }
        unknown(json, FIELDS, "", problems);
        Path dir = file.toAbsolutePath().getParent();
        String definition = text(json, "definition", true, problems);
        String mockConfig = text(json, "mockConfig", false, problems);
        String testCase = text(json, "testCase", false, problems);
        if ((mockConfig == null) != (testCase == null)) {
            problems.add("mockConfig and testCase go together");
        }
        if (json.has("input") && json.has("inputFile")) {
            problems.add("give input or inputFile, not both");
        }
        String inputFile = text(json, "inputFile", false, problems);
        String name = text(json, "name", false, problems);
        String machineName = text(json, "stateMachineName", false, problems);
        Expect expect = json.has("expect") ? Expect.read(json.get("expect"), problems) : null;
        if (expect == null && !json.has("expect")) {
            problems.add("expect is required: what the execution must give (status, output, error, states ...)");
        }
        if (!problems.isEmpty()) {
            throw new Invalid(file + ": " + String.join("; ", problems));
        }
        JsonNode input = inputFile != null ? CliFiles.readJson(dir.resolve(inputFile).toString())
                : json.has("input") ? json.get("input") : Json.object();
        Path definitionPath = dir.resolve(definition).normalize();
        String fileName = file.getFileName().toString();
        return new WorkflowTest(file, name != null ? name : fileName.replaceAll("(\\.test)?\\.json$", ""), definitionPath,
                machineName != null ? machineName : RunCommand.machineName(definitionPath.toString()), input,
                mockConfig == null ? null : dir.resolve(mockConfig).normalize(), testCase, expect);
    }

    /** What the execution must give; a member left out is not checked. */
    record Expect(String status, JsonNode output, JsonNode outputContains, String error, String cause, List<String> states) {
        static final List<String> FIELDS = List.of("status", "output", "outputContains", "error", "cause", "states");
        static final List<String> STATUSES = List.of("SUCCEEDED", "FAILED", "TIMED_OUT", "ABORTED");

        static Expect read(JsonNode json, List<String> problems) {
            if (!json.isObject()) {
                problems.add("expect is an object");
                return null;
            }
            unknown(json, FIELDS, "expect.", problems);
            String status = text(json, "status", false, problems);
            if (status != null && !STATUSES.contains(status)) {
                problems.add("expect.status is one of " + STATUSES + ", not '" + status + "'" + Spelling.suggestion(status, STATUSES));
            }
            String error = text(json, "error", false, problems);
            String cause = text(json, "cause", false, problems);
            if (status == null) {
                // An error to expect means the execution fails; otherwise it must succeed.
                status = error != null || cause != null ? "FAILED" : "SUCCEEDED";
            }
            List<String> states = null;
            if (json.has("states")) {
                JsonNode list = json.get("states");
                if (!list.isArray() || !allText(list)) {
                    problems.add("expect.states is an array of state names");
                } else {
                    states = new ArrayList<>();
                    for (JsonNode state : list) {
                        states.add(state.textValue());
                    }
                }
            }
            return new Expect(status, json.get("output"), json.get("outputContains"), error, cause, states);
        }

        /** What differs from this expectation: one line per member that does not hold; empty when the test passes. */
        List<String> differences(String actualStatus, JsonNode output, String actualError, String actualCause,
                                 List<String> statesEntered) {
            List<String> differences = new ArrayList<>();
            if (!status.equals(actualStatus)) {
                differences.add("status: expected " + status + ", was " + actualStatus
                        + (actualError == null ? "" : " (" + actualError + (actualCause == null ? "" : ": " + actualCause) + ")"));
            }
            if (this.output != null && (output == null || !Json.sameValue(this.output, output))) {
                differences.add("output: expected " + Json.write(this.output) + ", was " + write(output));
            }
            if (outputContains != null && (output == null || !contains(outputContains, output))) {
                differences.add("output: expected to contain " + Json.write(outputContains) + ", was " + write(output));
            }
            if (error != null && !error.equals(actualError)) {
                differences.add("error: expected " + error + ", was " + actualError);
            }
            if (cause != null && !cause.equals(actualCause)) {
                differences.add("cause: expected " + cause + ", was " + actualCause);
            }
            if (states != null && !states.equals(statesEntered)) {
                differences.add("states: expected " + states + ", entered " + statesEntered);
            }
            return differences;
        }

        private static String write(JsonNode value) {
            return value == null ? "no output" : Json.write(value);
        }

        /**
         * {@code actual} holds {@code expected}: an object every member of it (with a value that
         * holds the expected one), an array of the same length whose items hold the expected
         * items in order, or the same value.
         */
        static boolean contains(JsonNode expected, JsonNode actual) {
            if (expected.isObject()) {
                if (!actual.isObject()) {
                    return false;
                }
                for (Iterator<java.util.Map.Entry<String, JsonNode>> it = expected.fields(); it.hasNext(); ) {
                    java.util.Map.Entry<String, JsonNode> member = it.next();
                    if (!actual.has(member.getKey()) || !contains(member.getValue(), actual.get(member.getKey()))) {
                        return false;
                    }
                }
                return true;
            }
            if (expected.isArray()) {
                if (!actual.isArray() || actual.size() != expected.size()) {
                    return false;
                }
                for (int i = 0; i < expected.size(); i++) {
                    if (!contains(expected.get(i), actual.get(i))) {
                        return false;
                    }
                }
                return true;
            }
            return Json.sameValue(expected, actual);
        }
    }

    private static boolean allText(JsonNode list) {
        for (JsonNode item : list) {
            if (!item.isTextual()) {
                return false;
            }
        }
        return true;
    }

    private static String text(JsonNode json, String field, boolean required, List<String> problems) {
        JsonNode value = json.get(field);
        if (value == null) {
            if (required) {
                problems.add(field + " is required");
            }
            return null;
        }
        if (!value.isTextual()) {
            problems.add(field + " is a string");
            return null;
        }
        return value.textValue();
    }

    private static void unknown(JsonNode json, List<String> known, String prefix, List<String> problems) {
        for (Iterator<String> it = json.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (!known.contains(field)) {
                problems.add("unknown member " + prefix + field + Spelling.suggestion(field, known));
            }
        }
    }
}
