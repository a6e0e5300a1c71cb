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
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.DescribeStateMachineAliasResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.ResourceNotFoundException;
import software.amazon.awssdk.services.sfn.model.RoutingConfigurationListItem;
import software.amazon.awssdk.services.sfn.model.StateMachineAliasListItem;
import software.amazon.awssdk.services.sfn.model.ValidationException;

/** Aliases through the real AWS SDK; messages as recorded on AWS (test_sfn_api_aliasing). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AliasApiTest {
    private final LocalSfn local = new LocalSfn();

    @AfterAll
    void stop() {
        local.close();
        assertEquals(List.of(), local.bugs);
    }

    private static RoutingConfigurationListItem route(String version, int weight) {
        return RoutingConfigurationListItem.builder().stateMachineVersionArn(version).weight(weight).build();
    }

    /** A machine with versions 1 and 2; returns the machine ARN. */
    private String machineWithTwoVersions(String name) {
        String machine = local.sfn.createStateMachine(b -> b.name(name).definition(PASS).roleArn(ROLE).publish(true))
                .stateMachineArn();
        local.sfn.updateStateMachine(b -> b.stateMachineArn(machine).definition(PASS.replace("argument1", "v2")).publish(true));
        return machine;
    }

    @Test
    void anAliasRoutesExecutionsToItsVersion() {
        String machine = machineWithTwoVersions("aliased");
        String alias = local.sfn.createStateMachineAlias(b -> b.name("prod").description("d")
                .routingConfiguration(route(machine + ":1", 100))).stateMachineAliasArn();
        assertEquals(machine + ":prod", alias);
        // Creating the same alias again is idempotent.
        assertEquals(alias, local.sfn.createStateMachineAlias(b -> b.name("prod").description("d")
                .routingConfiguration(route(machine + ":1", 100))).stateMachineAliasArn());
        ConflictException conflict = assertThrows(ConflictException.class, () -> local.sfn.createStateMachineAlias(
                b -> b.name("prod").description("d").routingConfiguration(route(machine + ":2", 100))));
        assertEquals("Failed to create alias because an alias with the same name and a different routing configuration "
                + "already exists.", conflict.awsErrorDetails().errorMessage());

        String execution = local.sfn.startExecution(b -> b.stateMachineArn(alias)).executionArn();
        DescribeExecutionResponse done = local.awaitEnd(execution);
        assertEquals(ExecutionStatus.SUCCEEDED, done.status());
        assertEquals("{\"Arg1\":\"argument1\"}", done.output());
        assertEquals(alias, done.stateMachineAliasArn());
        assertEquals(machine + ":1", done.stateMachineVersionArn());
        assertEquals(machine, done.stateMachineArn());
        assertEquals(1, local.sfn.listExecutions(b -> b.stateMachineArn(alias)).executions().size());

        local.sfn.updateStateMachineAlias(b -> b.stateMachineAliasArn(alias).description("new description")
                .routingConfiguration(route(machine + ":1", 50), route(machine + ":2", 50)));
        DescribeStateMachineAliasResponse described = local.sfn.describeStateMachineAlias(b -> b.stateMachineAliasArn(alias));
        assertEquals("prod", described.name());
        assertEquals("new description", described.description());
        assertEquals(List.of(route(machine + ":1", 50), route(machine + ":2", 50)), described.routingConfiguration());

        ConflictException referenced = assertThrows(ConflictException.class,
                () -> local.sfn.deleteStateMachineVersion(b -> b.stateMachineVersionArn(machine + ":1")));
        assertEquals("Version to be deleted must not be referenced by an alias. Current list of aliases referencing "
                + "this version: [prod]", referenced.awsErrorDetails().errorMessage());

        assertEquals(List.of(alias), local.sfn.listStateMachineAliases(b -> b.stateMachineArn(machine)).stateMachineAliases()
                .stream().map(StateMachineAliasListItem::stateMachineAliasArn).toList());
        local.sfn.deleteStateMachineAlias(b -> b.stateMachineAliasArn(alias));
        local.sfn.deleteStateMachineAlias(b -> b.stateMachineAliasArn(alias));
        ResourceNotFoundException gone = assertThrows(ResourceNotFoundException.class,
                () -> local.sfn.describeStateMachineAlias(b -> b.stateMachineAliasArn(alias)));
        assertEquals("Request references a resource that does not exist.", gone.awsErrorDetails().errorMessage());
    }

    @Test
    void routingConfigurationsAreCheckedAsAwsChecksThem() {
        String machine = machineWithTwoVersions("routing");
        ValidationException unversioned = assertThrows(ValidationException.class, () -> local.sfn.createStateMachineAlias(
                b -> b.name("a").routingConfiguration(route(machine, 100))));
        assertEquals("Routing configuration must contain state machine version ARNs. Received: [" + machine + "]",
                unversioned.awsErrorDetails().errorMessage());
        ValidationException duplicate = assertThrows(ValidationException.class, () -> local.sfn.createStateMachineAlias(
                b -> b.name("a").routingConfiguration(route(machine + ":1", 50), route(machine + ":1", 50))));
        assertEquals("Routing configuration must contain distinct state machine version ARNs. Received: [" + machine + ":1, "
                + machine + ":1]", duplicate.awsErrorDetails().errorMessage());
        ValidationException sum = assertThrows(ValidationException.class, () -> local.sfn.createStateMachineAlias(
                b -> b.name("a").routingConfiguration(route(machine + ":1", 70), route(machine + ":2", 29))));
        assertEquals("Sum of routing configuration weights must equal 100. Received: [70, 29]", sum.awsErrorDetails().errorMessage());
        ValidationException heavy = assertThrows(ValidationException.class, () -> local.sfn.createStateMachineAlias(
                b -> b.name("a").routingConfiguration(route(machine + ":1", 101))));
        assertEquals("1 validation error detected: Value '101' at 'routingConfiguration.1.member.weight' failed to satisfy "
                + "constraint: Member must have value less than or equal to 100", heavy.awsErrorDetails().errorMessage());
        for (String name : List.of("123", "INVALID ALIAS", "!INVALID", "ALIAS@")) {
            ValidationException bad = assertThrows(ValidationException.class, () -> local.sfn.createStateMachineAlias(
                    b -> b.name(name).routingConfiguration(route(machine + ":1", 100))));
            assertEquals("1 validation error detected: Value '" + name + "' at 'name' failed to satisfy constraint: Member must "
                    + "satisfy regular expression pattern: ^(?=.*[a-zA-Z_\\-\\.])[a-zA-Z0-9_\\-\\.]+$", bad.awsErrorDetails().errorMessage());
        }
    }
}
