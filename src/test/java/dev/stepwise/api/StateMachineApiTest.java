package dev.stepwise.api;

import static dev.stepwise.api.LocalSfn.PASS;
import static dev.stepwise.api.LocalSfn.ROLE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.sfn.model.CreateStateMachineResponse;
import software.amazon.awssdk.services.sfn.model.DescribeStateMachineResponse;
import software.amazon.awssdk.services.sfn.model.InvalidArnException;
import software.amazon.awssdk.services.sfn.model.InvalidDefinitionException;
import software.amazon.awssdk.services.sfn.model.InvalidNameException;
import software.amazon.awssdk.services.sfn.model.ListStateMachinesResponse;
import software.amazon.awssdk.services.sfn.model.LogLevel;
import software.amazon.awssdk.services.sfn.model.MissingRequiredParameterException;
import software.amazon.awssdk.services.sfn.model.StateMachineAlreadyExistsException;
import software.amazon.awssdk.services.sfn.model.StateMachineDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.StateMachineListItem;
import software.amazon.awssdk.services.sfn.model.StateMachineStatus;
import software.amazon.awssdk.services.sfn.model.StateMachineType;
import software.amazon.awssdk.services.sfn.model.UpdateStateMachineResponse;
import software.amazon.awssdk.services.sfn.model.ValidationException;

/** State machine actions through the real AWS SDK; expected answers are AWS's, as recorded or documented. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StateMachineApiTest {
    private final LocalSfn local = new LocalSfn();

    @AfterAll
    void stop() {
        local.close();
        assertEquals(List.of(), local.bugs);
    }

    @Test
    void createsAndDescribesAStateMachineWithAwsDefaults() {
        CreateStateMachineResponse created = local.sfn.createStateMachine(b -> b.name("describe-me").definition(PASS).roleArn(ROLE));
        assertEquals("arn:aws:states:us-east-1:123456789012:stateMachine:describe-me", created.stateMachineArn());
        assertNotNull(created.creationDate());

        DescribeStateMachineResponse described = local.sfn.describeStateMachine(b -> b.stateMachineArn(created.stateMachineArn()));
        assertEquals("describe-me", described.name());
        assertEquals(PASS, described.definition());
        assertEquals(ROLE, described.roleArn());
        assertEquals(StateMachineType.STANDARD, described.type());
        assertEquals(StateMachineStatus.ACTIVE, described.status());
        assertEquals(created.creationDate(), described.creationDate());
        assertEquals(LogLevel.OFF, described.loggingConfiguration().level());
        assertFalse(described.loggingConfiguration().includeExecutionData());
        assertFalse(described.tracingConfiguration().enabled());
        assertNull(described.revisionId());
    }

    @Test
    void createsAnExpressStateMachine() {
        String arn = local.sfn.createStateMachine(b -> b.name("express-one").definition(PASS).roleArn(ROLE)
                .type(StateMachineType.EXPRESS)).stateMachineArn();
        assertEquals(StateMachineType.EXPRESS, local.sfn.describeStateMachine(b -> b.stateMachineArn(arn)).type());
    }

    @Test
    void reCreatingWithTheSameDefinitionIsIdempotent() {
        CreateStateMachineResponse first = local.sfn.createStateMachine(b -> b.name("twice").definition(PASS).roleArn(ROLE));
        // A different role does not matter for the idempotency check (API reference).
        CreateStateMachineResponse second = local.sfn.createStateMachine(b -> b.name("twice").definition(PASS)
                .roleArn("arn:aws:iam::123456789012:role/other"));
        assertEquals(first.stateMachineArn(), second.stateMachineArn());
        assertEquals(first.creationDate(), second.creationDate());
    }

    @Test
    void reCreatingWithAnotherDefinitionFailsWithStateMachineAlreadyExists() {
        String arn = local.createMachine("taken", PASS);
        StateMachineAlreadyExistsException e = assertThrows(StateMachineAlreadyExistsException.class,
                () -> local.sfn.createStateMachine(b -> b.name("taken").definition(PASS.replace("  ", " ").replace("\n", " "))
                        .roleArn(ROLE)));
        assertEquals("State Machine Already Exists: '" + arn + "'", e.awsErrorDetails().errorMessage());
        assertEquals(400, e.statusCode());
    }

    @Test
    void anInvalidDefinitionIsRejectedWithAwsMessage() {
        InvalidDefinitionException e = assertThrows(InvalidDefinitionException.class, () -> local.sfn.createStateMachine(
                b -> b.name("no-states").definition("{\"StartAt\": \"A\"}").roleArn(ROLE)));
        // Recorded on AWS (test_create_delete_invalid_sm).
        assertEquals("Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: These fields are required: [States] at /'",
                e.awsErrorDetails().errorMessage());
    }

    @Test
    void aDefinitionWithTwoProblemsListsBoth() {
        String definition = """
                {"StartAt": "pass1", "States": {
                  "pass1": {"Type": "Pass", "Next": "pass3"},
                  "pass2": {"Type": "Pass", "End": true}}}""";
        InvalidDefinitionException e = assertThrows(InvalidDefinitionException.class, () -> local.sfn.createStateMachine(
                b -> b.name("two-problems").definition(definition).roleArn(ROLE)));
        // AWS's answer quoted in localstack/localstack issue #11978.
        assertEquals("Invalid State Machine Definition: 'MISSING_TRANSITION_TARGET: Missing 'Next' target: pass3 at "
                + "/States/pass1/Next, MISSING_TRANSITION_TARGET: State \"pass2\" is not reachable. at /States/pass2'",
                e.awsErrorDetails().errorMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"has space", "a/b", "a:b", "quote\"", "star*", "brace{", "tab\t", "percent%", "ctl\u0001", "del\u007f"})
    void namesWithForbiddenCharactersAreInvalidName(String name) {
        InvalidNameException e = assertThrows(InvalidNameException.class,
                () -> local.sfn.createStateMachine(b -> b.name(name).definition(PASS).roleArn(ROLE)));
        assertEquals("Invalid Name: '" + name + "'", e.awsErrorDetails().errorMessage());
    }

    @Test
    void aNameOfEightyOneCharactersFailsItsLengthConstraint() {
        String name = "n".repeat(81);
        ValidationException e = assertThrows(ValidationException.class,
                () -> local.sfn.createStateMachine(b -> b.name(name).definition(PASS).roleArn(ROLE)));
        assertEquals("1 validation error detected: Value '" + name + "' at 'name' failed to satisfy constraint: "
                + "Member must have length less than or equal to 80", e.awsErrorDetails().errorMessage());
        assertTrue(local.createMachine("n".repeat(80), PASS).endsWith(":stateMachine:" + "n".repeat(80)));
    }

    @Test
    void aDefinitionOverOneMebibyteFailsValidation() {
        String big = "{\"Comment\": \"" + "x".repeat(1_048_576) + "\", \"StartAt\": \"A\", \"States\": {}}";
        ValidationException e = assertThrows(ValidationException.class,
                () -> local.sfn.createStateMachine(b -> b.name("too-big").definition(big).roleArn(ROLE)));
        assertEquals("1 validation error detected: Value at 'definition' failed to satisfy constraint: "
                + "Member must have length less than or equal to 1048576", e.awsErrorDetails().errorMessage());
    }

    @Test
    void describingAnUnknownMachineFailsWithStateMachineDoesNotExist() {
        String arn = "arn:aws:states:us-east-1:123456789012:stateMachine:nobody";
        StateMachineDoesNotExistException e = assertThrows(StateMachineDoesNotExistException.class,
                () -> local.sfn.describeStateMachine(b -> b.stateMachineArn(arn)));
        assertEquals("State Machine Does Not Exist: '" + arn + "'", e.awsErrorDetails().errorMessage());
    }

    @Test
    void aMalformedArnIsInvalidArn() {
        InvalidArnException e = assertThrows(InvalidArnException.class,
                () -> local.sfn.describeStateMachine(b -> b.stateMachineArn("not_a_valid_arn")));
        // Recorded on AWS (test_describe_invalid_arn_sm).
        assertEquals("Invalid Arn: 'Invalid ARN prefix: not_a_valid_arn'", e.awsErrorDetails().errorMessage());
        InvalidArnException wrongType = assertThrows(InvalidArnException.class, () -> local.sfn.describeStateMachine(
                b -> b.stateMachineArn("arn:aws:states:us-east-1:123456789012:execution:sm:run")));
        assertEquals("Invalid Arn: 'Resource type not valid in this context: execution'",
                wrongType.awsErrorDetails().errorMessage());
    }

    @Test
    void updatingChangesTheRevisionOnlyWhenSomethingChanged() {
        String arn = local.createMachine("updated", PASS);
        String changed = PASS.replace("argument1", "AfterUpdate1");
        UpdateStateMachineResponse first = local.sfn.updateStateMachine(b -> b.stateMachineArn(arn).definition(changed));
        assertNotNull(first.revisionId());
        assertNotNull(first.updateDate());
        DescribeStateMachineResponse described = local.sfn.describeStateMachine(b -> b.stateMachineArn(arn));
        assertEquals(changed, described.definition());
        assertEquals(first.revisionId(), described.revisionId());

        UpdateStateMachineResponse same = local.sfn.updateStateMachine(b -> b.stateMachineArn(arn).definition(changed));
        assertEquals(first.revisionId(), same.revisionId());
        UpdateStateMachineResponse role = local.sfn.updateStateMachine(b -> b.stateMachineArn(arn)
                .roleArn("arn:aws:iam::123456789012:role/t2"));
        assertNotEquals(first.revisionId(), role.revisionId());
    }

    @Test
    void anUpdateWithNothingToChangeIsMissingRequiredParameter() {
        String arn = local.createMachine("update-none", PASS);
        MissingRequiredParameterException e = assertThrows(MissingRequiredParameterException.class,
                () -> local.sfn.updateStateMachine(b -> b.stateMachineArn(arn)));
        assertEquals("Either the definition, the role ARN, the LoggingConfiguration, or the TracingConfiguration must be specified",
                e.awsErrorDetails().errorMessage());
    }

    @Test
    void anUpdateWithAnInvalidDefinitionIsInvalidDefinition() {
        String arn = local.createMachine("update-bad", PASS);
        assertThrows(InvalidDefinitionException.class,
                () -> local.sfn.updateStateMachine(b -> b.stateMachineArn(arn).definition("{\"StartAt\": \"A\"}")));
        assertEquals(PASS, local.sfn.describeStateMachine(b -> b.stateMachineArn(arn)).definition());
    }

    @Test
    void deletingRemovesTheMachineAndDeletingAgainSucceeds() {
        String arn = local.createMachine("deleted", PASS);
        local.sfn.deleteStateMachine(b -> b.stateMachineArn(arn));
        assertThrows(StateMachineDoesNotExistException.class, () -> local.sfn.describeStateMachine(b -> b.stateMachineArn(arn)));
        local.sfn.deleteStateMachine(b -> b.stateMachineArn(arn)); // recorded on AWS: 200 (test_delete_nonexistent_sm)
    }

    @Test
    void listsStateMachinesInNameOrderAcrossPages() {
        for (int i = 0; i < 7; i++) {
            local.createMachine("page-" + i, PASS);
        }
        List<String> names = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            String next = token;
            ListStateMachinesResponse page = local.sfn.listStateMachines(b -> b.maxResults(3).nextToken(next));
            assertTrue(page.stateMachines().size() <= 3);
            page.stateMachines().stream().map(StateMachineListItem::name).forEach(names::add);
            token = page.nextToken();
            pages++;
        } while (token != null);
        List<String> ours = names.stream().filter(n -> n.startsWith("page-")).toList();
        assertEquals(List.of("page-0", "page-1", "page-2", "page-3", "page-4", "page-5", "page-6"), ours);
        assertEquals(names.stream().sorted().toList(), names);
        assertTrue(pages >= 3);
        // The SDK's paginator follows the same tokens.
        assertEquals(names, local.sfn.listStateMachinesPaginator(b -> b.maxResults(2)).stateMachines().stream()
                .map(StateMachineListItem::name).toList());
    }

    @Test
    void maxResultsAboveOneThousandFailsValidation() {
        ValidationException e = assertThrows(ValidationException.class, () -> local.sfn.listStateMachines(b -> b.maxResults(1001)));
        // Recorded on AWS (test_list_sms_pagination).
        assertEquals("1 validation error detected: Value '1001' at 'maxResults' failed to satisfy constraint: "
                + "Member must have value less than or equal to 1000", e.awsErrorDetails().errorMessage());
    }
}
