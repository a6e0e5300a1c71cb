package dev.stepwise.api;

import static dev.stepwise.api.LocalSfn.PASS;
import static dev.stepwise.api.LocalSfn.ROLE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.sfn.model.ConflictException;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.ResourceNotFoundException;
import software.amazon.awssdk.services.sfn.model.StateMachineDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.StateMachineVersionListItem;
import software.amazon.awssdk.services.sfn.model.Tag;
import software.amazon.awssdk.services.sfn.model.TooManyTagsException;

/** Versions and tags through the real AWS SDK. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class VersionAndTagApiTest {
    private final LocalSfn local = new LocalSfn();

    @AfterAll
    void stop() {
        local.close();
        assertEquals(List.of(), local.bugs);
    }

    @Test
    void publishedVersionsKeepTheirDefinitionAndRunIt() {
        String arn = local.sfn.createStateMachine(b -> b.name("versioned").definition(PASS).roleArn(ROLE).publish(true))
                .stateMachineVersionArn();
        assertEquals("arn:aws:states:us-east-1:123456789012:stateMachine:versioned:1", arn);
        String machine = "arn:aws:states:us-east-1:123456789012:stateMachine:versioned";
        String changed = PASS.replace("argument1", "v2");
        String revision = local.sfn.updateStateMachine(b -> b.stateMachineArn(machine).definition(changed)).revisionId();
        String second = local.sfn.publishStateMachineVersion(b -> b.stateMachineArn(machine).revisionId(revision)
                .description("second")).stateMachineVersionArn();
        assertEquals("second", local.sfn.describeStateMachine(b -> b.stateMachineArn(second)).description());
        assertEquals(changed, local.sfn.describeStateMachine(b -> b.stateMachineArn(second)).definition());
        assertEquals(machine + ":2", second);
        // Publishing an unchanged revision again gives the same version.
        assertEquals(second, local.sfn.publishStateMachineVersion(b -> b.stateMachineArn(machine)).stateMachineVersionArn());
        assertThrows(ConflictException.class,
                () -> local.sfn.publishStateMachineVersion(b -> b.stateMachineArn(machine).revisionId("not-the-revision")));

        assertEquals(PASS, local.sfn.describeStateMachine(b -> b.stateMachineArn(arn)).definition());
        assertEquals(List.of(machine + ":2", machine + ":1"), local.sfn.listStateMachineVersions(b -> b.stateMachineArn(machine))
                .stateMachineVersions().stream().map(StateMachineVersionListItem::stateMachineVersionArn).toList());

        String execution = local.sfn.startExecution(b -> b.stateMachineArn(arn)).executionArn();
        assertEquals("arn:aws:states:us-east-1:123456789012:execution:versioned:" + execution.substring(execution.lastIndexOf(':') + 1),
                execution);
        var done = local.awaitEnd(execution);
        assertEquals(ExecutionStatus.SUCCEEDED, done.status());
        assertEquals("{\"Arg1\":\"argument1\"}", done.output());
        assertEquals(arn, done.stateMachineVersionArn());

        local.sfn.deleteStateMachineVersion(b -> b.stateMachineVersionArn(arn));
        assertThrows(StateMachineDoesNotExistException.class, () -> local.sfn.describeStateMachine(b -> b.stateMachineArn(arn)));
    }

    @Test
    void tagsAreAddedListedAndRemoved() {
        String machine = local.sfn.createStateMachine(b -> b.name("tagged").definition(PASS).roleArn(ROLE)
                .tags(Tag.builder().key("team").value("core").build())).stateMachineArn();
        local.sfn.tagResource(b -> b.resourceArn(machine).tags(Tag.builder().key("env").value("dev").build()));
        assertEquals(List.of("team=core", "env=dev"), tags(machine));
        local.sfn.untagResource(b -> b.resourceArn(machine).tagKeys("team"));
        assertEquals(List.of("env=dev"), tags(machine));
        List<Tag> many = java.util.stream.IntStream.range(0, 51).mapToObj(i -> Tag.builder().key("k" + i).value("v").build()).toList();
        assertThrows(TooManyTagsException.class, () -> local.sfn.tagResource(b -> b.resourceArn(machine).tags(many)));
        assertThrows(ResourceNotFoundException.class, () -> local.sfn.listTagsForResource(
                b -> b.resourceArn("arn:aws:states:us-east-1:123456789012:stateMachine:untagged-ghost")));
    }

    private List<String> tags(String arn) {
        return local.sfn.listTagsForResource(b -> b.resourceArn(arn)).tags().stream().map(t -> t.key() + "=" + t.value()).toList();
    }
}
