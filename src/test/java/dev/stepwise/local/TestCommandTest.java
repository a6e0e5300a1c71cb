package dev.stepwise.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepwise.asl.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./stepwise test}: the project's own examples/tests, failures, broken files, JUnit XML, the schema. */
class TestCommandTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return StepwiseCli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private Path file(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    @Test
    void theExampleTestsPassInProcess() {
        assertEquals(0, run("test", "examples/tests"), stdout() + err.toString(StandardCharsets.UTF_8));
        assertTrue(stdout().endsWith("5 passed, 0 failed" + System.lineSeparator()), stdout());
        assertEquals(5, stdout().lines().filter(l -> l.startsWith("ok   ")).count(), stdout());
    }

    @Test
    void theExampleTestsPassThroughTheDurablePath() {
        assertEquals(0, run("test", "examples/tests", "--durable"), stdout() + err.toString(StandardCharsets.UTF_8));
        assertTrue(stdout().endsWith("5 passed, 0 failed" + System.lineSeparator()), stdout());
    }

    @Test
    void aFailingTestSaysWhatDifferedAndTheRunExitsOne() throws IOException {
        Path test = file("wrong.test.json", """
                {"definition": "%s", "input": {"orderId": "A"}, "mockConfig": "%s", "testCase": "Declined",
                 "expect": {"output": {"status": "CONFIRMED"}, "states": ["Charge", "Confirm"]}}"""
                .formatted(Path.of("examples/tests/order.json").toAbsolutePath(), Path.of("examples/tests/order.mocks.json").toAbsolutePath()));
        assertEquals(1, run("test", test.toString(), "examples/tests/order-approved.test.json"));
        List<String> lines = stdout().lines().toList();
        assertTrue(lines.get(0).startsWith("FAIL wrong (" + test + ", "), lines.toString());
        assertEquals("       status: expected SUCCEEDED, was FAILED (OrderDeclined: insufficient funds)", lines.get(1));
        assertEquals("       output: expected {\"status\":\"CONFIRMED\"}, was no output", lines.get(2));
        assertEquals("       states: expected [Charge, Confirm], entered [Charge, Declined]", lines.get(3));
        assertTrue(lines.get(4).startsWith("ok   an approved charge confirms the order"), lines.toString());
        assertEquals("1 passed, 1 failed", lines.get(5));
    }

    @Test
    void aBrokenTestFileFailsWithEveryProblemInIt() throws IOException {
        Path test = file("broken.test.json", """
                {"definition": "nowhere.json", "mockConfig": "m.json", "expct": {}}""");
        assertEquals(1, run("test", test.toString()));
        assertTrue(stdout().contains("       " + test + ": unknown member expct (did you mean 'expect'?); mockConfig and testCase go"
                + " together; expect is required"), stdout());
        out.reset();
        Path missing = file("missing.test.json", "{\"definition\": \"nowhere.json\", \"expect\": {}}");
        assertEquals(1, run("test", missing.toString()));
        assertTrue(stdout().contains("       cannot read " + dir.resolve("nowhere.json") + ": no such file"), stdout());
    }

    @Test
    void junitXmlHasATestcasePerFileAndTheFailures() throws IOException {
        file("pass.json", "{\"StartAt\": \"P\", \"States\": {\"P\": {\"Type\": \"Pass\", \"End\": true}}}");
        Path test = file("wrong.test.json", "{\"definition\": \"pass.json\", \"expect\": {\"status\": \"FAILED\"}}");
        Path report = dir.resolve("report.xml");
        assertEquals(1, run("test", test.toString(), "examples/tests/hello.test.json", "--junit", report.toString()));
        String xml = Files.readString(report);
        assertTrue(xml.contains("<testsuite name=\"stepwise\" tests=\"2\" failures=\"1\""), xml);
        assertTrue(xml.contains("<failure message=\"status: expected FAILED, was SUCCEEDED\">"), xml);
        assertTrue(xml.contains("name=\"hello greets, counts to three and waves to each friend\""), xml);
    }

    @Test
    void withoutTestFilesItIsAUsageError() {
        assertEquals(2, run("test"));
        assertEquals(2, run("test", dir.toString()));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("no test files (*.test.json) under " + dir), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void theSchemaDescribesTheMembersTheRunnerReads() throws IOException {
        JsonNode schema = Json.parse(Files.readString(Path.of("schemas/stepwise-test.schema.json")));
        assertEquals(new TreeSet<>(WorkflowTest.FIELDS), names(schema.get("properties")));
        assertEquals(new TreeSet<>(WorkflowTest.Expect.FIELDS), names(schema.at("/properties/expect/properties")));
        assertEquals(WorkflowTest.Expect.STATUSES, text(schema.at("/properties/expect/properties/status/enum")));
        assertEquals(List.of("definition", "expect"), text(schema.get("required")));
    }

    private static Set<String> names(JsonNode object) {
        Set<String> names = new TreeSet<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static List<String> text(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }
}
