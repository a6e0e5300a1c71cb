package dev.stepwise.tasks.mock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stepwise.asl.Json;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The AWS guide's "Configuration file for mocked service integrations" read, and its rules enforced. */
class MockConfigFileTest {
    /** The guide's example file (sfn-local-mock-cfg-file). */
    static final Path GUIDE_EXAMPLE = Path.of("examples/MockConfigFile.json");

    @Test
    void theGuidesExampleGivesEachTestCaseItsStatesAndResponses() {
        MockConfigFile file = MockConfigFile.read(GUIDE_EXAMPLE);
        assertEquals(Optional.of(Map.of("LambdaState", "MockedLambdaRetry", "SQSState", "MockedSQSSuccess")),
                file.testCase("LambdaSQSIntegration", "RetryPath"));
        assertEquals(Optional.of(Map.of("LambdaState", "MockedLambdaSuccess")), file.testCase("LambdaSQSIntegration", "HybridPath"));
        assertTrue(file.testCase("LambdaSQSIntegration", "SadPath").isEmpty());
        assertTrue(file.testCase("Other", "HappyPath").isEmpty());
    }

    @Test
    void invocationNumbersAndInclusiveRangesPickTheResponse() {
        MockConfigFile.Responses retry = MockConfigFile.read(GUIDE_EXAMPLE).responses("MockedLambdaRetry").orElseThrow();
        // The guide: "0" the initial attempt, "1-2" the first and second retries, "3" the third retry.
        assertEquals(Optional.of(new MockedResponse.Throw("Lambda.ResourceNotReadyException", "Lambda resource is not ready.")),
                retry.at(0));
        assertEquals(Optional.of(new MockedResponse.Throw("Lambda.TimeoutException", "Lambda timed out.")), retry.at(1));
        assertEquals(Optional.of(new MockedResponse.Throw("Lambda.TimeoutException", "Lambda timed out.")), retry.at(2));
        assertEquals(Optional.of(new MockedResponse.Return(Json.parse(
                "{\"StatusCode\":200,\"Payload\":{\"StatusCode\":200,\"body\":\"Hello from Lambda!\"}}"))), retry.at(3));
        assertEquals(Optional.empty(), retry.at(4));
    }

    @Test
    void everyBrokenRuleIsReportedWithItsLocation() {
        InvalidMockConfigException e = assertThrows(InvalidMockConfigException.class, () -> MockConfigFile.parse("""
                {"StateMachines": {
                   "M": {"TestCases": {"T": {"A": "Both", "B": "Missing", "C": 7}}},
                   "N": {"Cases": {}}},
                 "MockedResponses": {
                   "Both": {"0": {"Return": 1, "Throw": {"Error": "E", "Cause": "C"}}},
                   "Neither": {"0": {}},
                   "HalfThrow": {"0": {"Throw": {"Error": "E"}}},
                   "Keys": {"first": {"Return": 1}, "2-1": {"Return": 1}, "0-2": {"Return": 1}, "1": {"Return": 2}}}}"""));
        assertEquals(List.of(
                "MockedResponses.Both.0: a response has exactly one field, Return or Throw",
                "MockedResponses.Neither.0: a response has exactly one field, Return or Throw",
                "MockedResponses.HalfThrow.0.Throw: must be an object with the string fields Error and Cause",
                "MockedResponses.Keys.first: an invocation key is a number (\"0\") or an inclusive range (\"1-2\")",
                "MockedResponses.Keys.2-1: an invocation key is a number (\"0\") or an inclusive range (\"1-2\")",
                "MockedResponses.Keys.1: overlaps the invocations \"0-2\"",
                "StateMachines.M.TestCases.T.B: names the mocked response 'Missing', which MockedResponses does not define",
                "StateMachines.M.TestCases.T.C: must be the name of a mocked response (a string)",
                "StateMachines.N.TestCases: is missing"), e.problems());
    }

    @Test
    void bothTopLevelObjectsAreRequired() {
        InvalidMockConfigException e = assertThrows(InvalidMockConfigException.class, () -> MockConfigFile.parse("{}"));
        assertEquals(List.of("MockedResponses: is missing", "StateMachines: is missing"), e.problems());
    }

    @Test
    void aResponseWithNoInvocationsIsAcceptedAndGivesNone() {
        MockConfigFile file = MockConfigFile.parse("""
                {"StateMachines": {"M": {"TestCases": {"T": {"A": "Empty"}}}}, "MockedResponses": {"Empty": {}}}""");
        assertEquals(Optional.empty(), file.responses("Empty").orElseThrow().at(0));
    }
}
