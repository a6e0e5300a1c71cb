package dev.stepwise.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

/**
 * AWS accepts definitions up to 1,048,576 characters; a DynamoDB item holds 400 KB. Definitions
 * of any size AWS accepts are stored, described byte for byte, updated, versioned and run, even
 * when their text does not compress.
 */
class DurableLargeDefinitionTest {
    private static LocalSfn local;

    @BeforeAll
    static void start() {
        local = new LocalSfn(LocalSfn.Backend.DURABLE);
    }

    @AfterAll
    static void stop() {
        local.close();
    }

    /** A Pass state whose Comment is {@code size} characters of text that does not compress. */
    private static String definition(int size, long seed, String result) {
        String head = "{\"StartAt\":\"P\",\"Comment\":\"";
        String tail = "\",\"States\":{\"P\":{\"Type\":\"Pass\",\"Result\":\"" + result + "\",\"End\":true}}}";
        StringBuilder text = new StringBuilder(size);
        text.append(head);
        SplittableRandom random = new SplittableRandom(seed);
        String alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
        while (text.length() < size - tail.length()) {
            text.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return text.append(tail).toString();
    }

    @Test
    void aDefinitionOfTheLargestSizeAwsAcceptsIsStoredDescribedUpdatedVersionedAndRun() {
        String first = definition(1_048_576, 1, "one");
        assertEquals(1_048_576, first.length());
        String arn = local.sfn.createStateMachine(b -> b.name("large").definition(first).roleArn(LocalSfn.ROLE)
                .publish(true)).stateMachineArn();
        assertEquals(first, local.sfn.describeStateMachine(b -> b.stateMachineArn(arn)).definition());

        String started = local.sfn.startExecution(b -> b.stateMachineArn(arn).input("{}")).executionArn();
        String second = definition(900_000, 2, "two");
        local.sfn.updateStateMachine(b -> b.stateMachineArn(arn).definition(second));
        assertEquals(second, local.sfn.describeStateMachine(b -> b.stateMachineArn(arn)).definition());

        var end = local.awaitEnd(started);
        assertEquals(ExecutionStatus.SUCCEEDED, end.status());
        assertEquals("\"one\"", end.output(), "an execution runs the revision it started with");
        assertEquals(first, local.sfn.describeStateMachineForExecution(b -> b.executionArn(started)).definition());

        String version = arn + ":1";
        assertEquals(first, local.sfn.describeStateMachine(b -> b.stateMachineArn(version)).definition());
        String ofVersion = local.sfn.startExecution(b -> b.stateMachineArn(version).input("{}")).executionArn();
        assertEquals("\"one\"", local.awaitEnd(ofVersion).output());
        String ofLatest = local.sfn.startExecution(b -> b.stateMachineArn(arn).input("{}")).executionArn();
        assertEquals("\"two\"", local.awaitEnd(ofLatest).output());
        assertTrue(local.sfn.listStateMachines(b -> b.maxResults(100)).stateMachines().stream()
                .anyMatch(m -> m.stateMachineArn().equals(arn)));
        assertTrue(local.bugs.isEmpty(), local.bugs.toString());
    }
}
