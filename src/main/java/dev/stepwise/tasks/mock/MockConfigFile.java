package dev.stepwise.tasks.mock;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepwise.asl.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A mock configuration file in the format of AWS Step Functions Local ("Using mocked service
 * integrations for testing in Step Functions Local"): {@code StateMachines} → state machine name
 * → {@code TestCases} → test case → {Task state name: mocked response name}, and
 * {@code MockedResponses} → mocked response name → {invocation number or inclusive range:
 * {@code {"Return": result}} or {@code {"Throw": {"Error", "Cause"}}}}.
 *
 * <p>Reading checks the guide's rules and reports every break with its location: both top-level
 * objects, a {@code TestCases} object per state machine, string response names that
 * {@code MockedResponses} defines, keys that are numbers or ranges and do not overlap, exactly one
 * of Return or Throw, and a Throw with string Error and Cause. A gap in the numbering is not an
 * error here: the guide says the execution fails when an invocation has no response, so it fails
 * when it reaches that invocation.
 */
public final class MockConfigFile {
    static final String STATE_MACHINES = "StateMachines";
    static final String TEST_CASES = "TestCases";
    static final String MOCKED_RESPONSES = "MockedResponses";
    static final String RETURN = "Return";
    static final String THROW = "Throw";

    /** One mocked response: its invocation ranges in file order. */
    public record Responses(String name, Map<InvocationRange, MockedResponse> byRange) {
        public Responses {
            byRange = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(byRange));
        }

        /** The response for the {@code invocation}-th call (0 = first), if the file gives one. */
        public Optional<MockedResponse> at(int invocation) {
            for (Map.Entry<InvocationRange, MockedResponse> entry : byRange.entrySet()) {
                if (entry.getKey().contains(invocation)) {
                    return Optional.of(entry.getValue());
                }
            }
            return Optional.empty();
        }
    }

    private final Map<String, Map<String, Map<String, String>>> testCases;
    private final Map<String, Responses> responses;

    private MockConfigFile(Map<String, Map<String, Map<String, String>>> testCases, Map<String, Responses> responses) {
        this.testCases = testCases;
        this.responses = responses;
    }

    public static MockConfigFile read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new InvalidMockConfigException(List.of("cannot read " + file + ": " + e.getMessage()));
        }
        return parse(text);
    }

    public static MockConfigFile parse(String text) {
        JsonNode root;
        try {
            root = Json.parse(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidMockConfigException(List.of("the file is not JSON: " + e.getMessage()));
        }
        return parse(root);
    }

    public static MockConfigFile parse(JsonNode root) {
        List<String> problems = new ArrayList<>();
        if (root == null || !root.isObject()) {
            throw new InvalidMockConfigException(List.of("the mock configuration must be a JSON object"));
        }
        Map<String, Responses> responses = responses(root.get(MOCKED_RESPONSES), problems);
        Map<String, Map<String, Map<String, String>>> machines = machines(root.get(STATE_MACHINES), responses, problems);
        if (!problems.isEmpty()) {
            throw new InvalidMockConfigException(problems);
        }
        return new MockConfigFile(machines, responses);
    }

    /** The Task states the test case mocks, each with its mocked response's name. */
    public Optional<Map<String, String>> testCase(String stateMachineName, String testCase) {
        Map<String, Map<String, String>> cases = testCases.get(stateMachineName);
        return cases == null ? Optional.empty() : Optional.ofNullable(cases.get(testCase));
    }

    public Optional<Responses> responses(String name) {
        return Optional.ofNullable(responses.get(name));
    }

    private static Map<String, Map<String, Map<String, String>>> machines(JsonNode node, Map<String, Responses> responses,
                                                                       List<String> problems) {
        Map<String, Map<String, Map<String, String>>> machines = new LinkedHashMap<>();
        if (!isObject(node, STATE_MACHINES, problems)) {
            return machines;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> machine = it.next();
            String at = STATE_MACHINES + "." + machine.getKey();
            if (!isObject(machine.getValue(), at, problems)) {
                continue;
            }
            JsonNode cases = machine.getValue().get(TEST_CASES);
            if (!isObject(cases, at + "." + TEST_CASES, problems)) {
                continue;
            }
            Map<String, Map<String, String>> byName = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> c = cases.fields(); c.hasNext(); ) {
                Map.Entry<String, JsonNode> testCase = c.next();
                String caseAt = at + "." + TEST_CASES + "." + testCase.getKey();
                if (!isObject(testCase.getValue(), caseAt, problems)) {
                    continue;
                }
                Map<String, String> states = new LinkedHashMap<>();
                for (Iterator<Map.Entry<String, JsonNode>> s = testCase.getValue().fields(); s.hasNext(); ) {
                    Map.Entry<String, JsonNode> state = s.next();
                    String stateAt = caseAt + "." + state.getKey();
                    if (!state.getValue().isTextual()) {
                        problems.add(stateAt + ": must be the name of a mocked response (a string)");
                    } else if (!responses.containsKey(state.getValue().asText())) {
                        problems.add(stateAt + ": names the mocked response '" + state.getValue().asText() + "', which "
                                + MOCKED_RESPONSES + " does not define");
                    } else {
                        states.put(state.getKey(), state.getValue().asText());
                    }
                }
                byName.put(testCase.getKey(), java.util.Collections.unmodifiableMap(states));
            }
            machines.put(machine.getKey(), java.util.Collections.unmodifiableMap(byName));
        }
        return java.util.Collections.unmodifiableMap(machines);
    }

    private static Map<String, Responses> responses(JsonNode node, List<String> problems) {
        Map<String, Responses> all = new LinkedHashMap<>();
        if (!isObject(node, MOCKED_RESPONSES, problems)) {
            return all;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> named = it.next();
            String at = MOCKED_RESPONSES + "." + named.getKey();
            if (!isObject(named.getValue(), at, problems)) {
                continue;
            }
            Map<InvocationRange, MockedResponse> byRange = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> r = named.getValue().fields(); r.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = r.next();
                String rangeAt = at + "." + entry.getKey();
                InvocationRange range = InvocationRange.parse(entry.getKey().strip());
                if (range == null) {
                    problems.add(rangeAt + ": an invocation key is a number (\"0\") or an inclusive range (\"1-2\")");
                    continue;
                }
                for (InvocationRange earlier : byRange.keySet()) {
                    if (earlier.overlaps(range)) {
                        problems.add(rangeAt + ": overlaps the invocations \"" + earlier + "\"");
                    }
                }
                MockedResponse response = response(entry.getValue(), rangeAt, problems);
                if (response != null) {
                    byRange.put(range, response);
                }
            }
            all.put(named.getKey(), new Responses(named.getKey(), byRange));
        }
        return all;
    }

    private static MockedResponse response(JsonNode node, String at, List<String> problems) {
        if (!isObject(node, at, problems)) {
            return null;
        }
        boolean returns = node.has(RETURN);
        boolean throws_ = node.has(THROW);
        if (returns == throws_ || node.size() != 1) {
            problems.add(at + ": a response has exactly one field, " + RETURN + " or " + THROW);
            return null;
        }
        if (returns) {
            return new MockedResponse.Return(node.get(RETURN));
        }
        JsonNode thrown = node.get(THROW);
        if (thrown == null || !thrown.isObject() || !thrown.path("Error").isTextual() || !thrown.path("Cause").isTextual()) {
            problems.add(at + "." + THROW + ": must be an object with the string fields Error and Cause");
            return null;
        }
        return new MockedResponse.Throw(thrown.get("Error").asText(), thrown.get("Cause").asText());
    }

    private static boolean isObject(JsonNode node, String at, List<String> problems) {
        if (node == null || !node.isObject()) {
            problems.add(at + ": " + (node == null ? "is missing" : "must be an object"));
            return false;
        }
        return true;
    }
}
