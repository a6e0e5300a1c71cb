package dev.stepwise.api;

import static dev.stepwise.api.Members.*;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepwise.api.port.AliasRecord;
import dev.stepwise.api.port.ExecutionPort;
import dev.stepwise.api.port.ExecutionRecord;
import dev.stepwise.api.port.NewExecution;
import dev.stepwise.api.port.Page;
import dev.stepwise.api.port.StateMachineRecord;
import dev.stepwise.api.port.StoredEvent;
import dev.stepwise.api.port.VersionRecord;
import dev.stepwise.asl.Json;
import dev.stepwise.engine.EngineOptions;
import dev.stepwise.engine.ExecutionStatus;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * StartExecution, DescribeExecution, StopExecution, ListExecutions, GetExecutionHistory and
 * DescribeStateMachineForExecution (RedriveExecution is {@link RedriveAction}).
 */
final class ExecutionActions {
    private static final List<String> STATUSES =
            List.of("RUNNING", "SUCCEEDED", "FAILED", "TIMED_OUT", "ABORTED", "PENDING_REDRIVE");

    private static final java.time.Duration EXPRESS_LIMIT = java.time.Duration.ofMinutes(5);

    private final ApiContext context;
    private final java.util.random.RandomGenerator random = new java.security.SecureRandom();

    ExecutionActions(ApiContext context) {
        this.context = context;
    }

    JsonNode start(Request request) {
        ExecutionRecord execution = startExecution(request, false);
        ObjectNode out = Json.object().put(EXECUTION_ARN, execution.executionArn());
        Shapes.putTimestamp(out, START_DATE, execution.startDate());
        return out;
    }

    /**
     * StartSyncExecution: Express machines only, answered when the execution ends (at most the
     * five minutes an Express execution may last), with AWS's billing of 64 MB and 100 ms steps.
     */
    JsonNode startSync(Request request) {
        request.string("traceHeader", 0, 256, false);
        request.metadataOnly(); // nothing in the answer is the definition
        ExecutionRecord started = startExecution(request, true);
        ExecutionRecord execution = context.executions().awaitEnd(started.executionArn(), EXPRESS_LIMIT).orElse(started);
        ObjectNode out = Json.object();
        out.put(EXECUTION_ARN, execution.executionArn());
        out.put(STATE_MACHINE_ARN, execution.stateMachineArn());
        out.put(NAME, execution.name());
        Shapes.putTimestamp(out, START_DATE, execution.startDate());
        Instant stop = execution.stopDate() == null ? context.clock().instant() : execution.stopDate();
        Shapes.putTimestamp(out, STOP_DATE, stop);
        String status = execution.status().isTerminal() ? execution.status().name() : "TIMED_OUT";
        out.put(STATUS, status);
        Shapes.putIfSet(out, ERROR, execution.error());
        Shapes.putIfSet(out, CAUSE, execution.cause());
        out.put(INPUT, execution.input());
        out.set(INPUT_DETAILS, Json.object().put(INCLUDED, true));
        if (execution.output() != null) {
            out.put(OUTPUT, execution.output());
            out.set(OUTPUT_DETAILS, Json.object().put(INCLUDED, true));
        }
        long millis = Math.max(0, java.time.Duration.between(execution.startDate(), stop).toMillis());
        out.set("billingDetails", Json.object().put("billedMemoryUsedInMB", 64)
                .put("billedDurationInMilliseconds", Math.max(100, (millis + 99) / 100 * 100)));
        return out;
    }

    private ExecutionRecord startExecution(Request request, boolean sync) {
        String requestedArn = request.string(STATE_MACHINE_ARN, 1, 256, true);
        // Step Functions Local: with a mock configuration, "<state machine ARN>#<TestCase>" picks a test case.
        int hash = context.testCases() == null ? -1 : requestedArn.indexOf('#');
        String machineArn = hash < 0 ? requestedArn : requestedArn.substring(0, hash);
        String testCase = hash < 0 ? null : requestedArn.substring(hash + 1);
        String name = request.string(NAME);
        String inputText = request.string(INPUT);
        Arns.Parsed parsed = context.arns().parse(machineArn, Arns.STATE_MACHINE);
        if (name != null) {
            Names.check(NAME, name);
        } else {
            name = UUID.randomUUID().toString();
        }
        String input = inputText == null ? "{}" : inputText;
        checkInput(input);
        StateMachineRecord machine;
        String versionArn = null;
        String aliasArn = null;
        if (Arns.isVersion(parsed)) {
            VersionRecord version = context.machines().findVersion(machineArn)
                    .orElseThrow(() -> ApiException.stateMachineDoesNotExist(machineArn));
            machine = version.snapshot();
            versionArn = machineArn;
        } else if (parsed.parts().length == 2) {
            AliasRecord alias = context.machines().findAlias(machineArn)
                    .orElseThrow(() -> ApiException.stateMachineDoesNotExist(machineArn));
            String chosen = AliasActions.route(alias, random);
            VersionRecord version = context.machines().findVersion(chosen)
                    .orElseThrow(() -> ApiException.stateMachineDoesNotExist(chosen));
            machine = version.snapshot();
            versionArn = chosen;
            aliasArn = machineArn;
        } else {
            machine = context.machines().find(machineArn).orElseThrow(() -> ApiException.stateMachineDoesNotExist(machineArn));
        }
        boolean express = "EXPRESS".equals(machine.type());
        if (sync && !express) {
            // Recorded on AWS (test_start_sync_execution).
            throw new ApiException("StateMachineTypeNotSupported", "This operation is not supported by this type of state machine");
        }
        String executionArn = express
                ? context.arns().expressExecution(machine.stateMachineArn(), name, UUID.randomUUID().toString())
                : context.arns().execution(machine.stateMachineArn(), name);
        if (testCase != null && context.executions().find(executionArn).isEmpty()) {
            selectTestCase(requestedArn, executionArn, machine.name(), testCase);
        }
        ExecutionPort.Started started = context.executions().start(
                new NewExecution(executionArn, name, input, machine, versionArn, aliasArn, context.clock().instant()));
        ExecutionRecord execution = started.execution();
        // "If StartExecution is called with the same name and input as a running execution, the
        // call succeeds and return the same response as the original request. If the execution is
        // closed or if the input is different, it returns a 400 ExecutionAlreadyExists error."
        if (!started.created() && !(execution.status() == ExecutionStatus.RUNNING && execution.input().equals(input))) {
            throw ApiException.executionAlreadyExists(executionArn);
        }
        return execution;
    }

    /**
     * Records the test case before the execution starts, so its first Task already runs mocked.
     * An unknown test case is refused as an unknown state machine would be, naming the ARN as
     * given, with the reason after it.
     */
    private void selectTestCase(String requestedArn, String executionArn, String machineName, String testCase) {
        try {
            context.testCases().select(executionArn, machineName, testCase);
        } catch (IllegalArgumentException e) {
            throw new ApiException("StateMachineDoesNotExist", "State Machine Does Not Exist: '" + requestedArn + "' ("
                    + e.getMessage() + ")");
        }
    }

    /**
     * Execution input must be JSON text within 256 KiB. Messages recorded on AWS
     * (test_invalid_start_execution_input): the parser's message for bad JSON, "Invalid execution
     * input." for an empty string; a number, a string or null are accepted.
     */
    static void checkInput(String input) {
        if (input.getBytes(StandardCharsets.UTF_8).length > EngineOptions.AWS_PAYLOAD_LIMIT_BYTES) {
            throw ApiException.invalidExecutionInput("Input exceeds the maximum size of "
                    + EngineOptions.AWS_PAYLOAD_LIMIT_BYTES + " bytes");
        }
        if (input.isBlank()) {
            throw ApiException.invalidExecutionInput("Invalid execution input.");
        }
        try {
            // At most 1000 levels: deeper input could not run anywhere (store, queue, engine), so it is refused here.
            Json.parseUserValue(input);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalidExecutionInput(e.getMessage() == null ? "Invalid execution input." : e.getMessage());
        }
    }

    JsonNode describe(Request request) {
        ExecutionRecord execution = execution(request);
        request.metadataOnly(); // nothing here is the definition: both answers are the same
        ObjectNode out = Json.object();
        out.put(EXECUTION_ARN, execution.executionArn());
        out.put(STATE_MACHINE_ARN, execution.stateMachineArn());
        out.put(NAME, execution.name());
        out.put(STATUS, execution.status().name());
        Shapes.putTimestamp(out, START_DATE, execution.startDate());
        Shapes.putTimestamp(out, STOP_DATE, execution.stopDate());
        out.put(INPUT, execution.input());
        out.set(INPUT_DETAILS, Json.object().put(INCLUDED, true));
        if (execution.output() != null) {
            out.put(OUTPUT, execution.output());
            out.set(OUTPUT_DETAILS, Json.object().put(INCLUDED, true));
        }
        Shapes.putIfSet(out, ERROR, execution.error());
        Shapes.putIfSet(out, CAUSE, execution.cause());
        Shapes.putIfSet(out, STATE_MACHINE_VERSION_ARN, execution.stateMachineVersionArn());
        Shapes.putIfSet(out, STATE_MACHINE_ALIAS_ARN, execution.stateMachineAliasArn());
        Shapes.putIfSet(out, "mapRunArn", execution.mapRunArn());
        RedriveAction.describe(out, execution, context.executions().redrives(), context.clock().instant());
        return out;
    }

    JsonNode stop(Request request) {
        String arn = request.string(EXECUTION_ARN, 1, 256, true);
        String error = sensitive(request, ERROR, 256);
        String cause = sensitive(request, CAUSE, 32768);
        context.arns().parse(arn, Arns.EXECUTION);
        ExecutionRecord stopped = context.executions().stop(arn, error, cause, context.clock().instant())
                .orElseThrow(() -> ApiException.executionDoesNotExist(arn));
        ObjectNode out = Json.object();
        Shapes.putTimestamp(out, STOP_DATE, stopped.stopDate());
        return out;
    }

    JsonNode list(Request request) {
        String mapRunArn = request.string("mapRunArn", 1, 2000, false);
        String machineArn = request.string(STATE_MACHINE_ARN, 1, 256, mapRunArn == null);
        String status = request.oneOf("statusFilter", STATUSES);
        String redrive = request.oneOf("redriveFilter", List.of("REDRIVEN", "NOT_REDRIVEN"));
        int limit = request.maxResults(100);
        String token = request.string(NEXT_TOKEN, 1, 3096, false);
        if (mapRunArn != null) {
            if (machineArn != null) {
                // API reference: "You can specify either a mapRunArn or a stateMachineArn, but not both."
                throw new ApiException("ValidationException", "You can specify either a mapRunArn or a stateMachineArn, but not both.");
            }
            return listChildren(mapRunArn, status, redrive, limit, token);
        }
        Arns.Parsed parsed = context.arns().parse(machineArn, Arns.STATE_MACHINE);
        String baseArn = parsed.parts().length == 1 ? machineArn : machineArn.substring(0, machineArn.lastIndexOf(':'));
        StateMachineRecord machine = context.machines().find(baseArn)
                .orElseThrow(() -> ApiException.stateMachineDoesNotExist(machineArn));
        boolean qualified = parsed.parts().length == 2;
        if (qualified && context.machines().findVersion(machineArn).isEmpty()
                && context.machines().findAlias(machineArn).isEmpty()) {
            throw ApiException.stateMachineDoesNotExist(machineArn);
        }
        if ("EXPRESS".equals(machine.type())) {
            // Express executions are not listed (API reference: "This API action is not supported by EXPRESS state machines").
            throw new ApiException("StateMachineTypeNotSupported", "This operation is not supported by this type of state machine");
        }
        // The redrive filter applies to each page, so a page may hold fewer than maxResults executions.
        String scope = "ListExecutions|" + machineArn + "|" + status + "|" + redrive;
        Page<ExecutionRecord> page = context.executions().list(baseArn,
                status == null ? null : ExecutionStatus.valueOf(status), context.tokens().open(scope, token), limit);
        ArrayNode items = Json.NODES.arrayNode();
        for (ExecutionRecord execution : page.items()) {
            if ((!qualified || machineArn.equals(execution.stateMachineVersionArn())
                    || machineArn.equals(execution.stateMachineAliasArn())) && RedriveAction.matches(redrive, execution)) {
                items.add(Shapes.executionListItem(execution));
            }
        }
        ObjectNode out = Json.object();
        out.set("executions", items);
        Shapes.putIfSet(out, NEXT_TOKEN, context.tokens().seal(scope, page.next()));
        return out;
    }

    /** ListExecutions with mapRunArn: the child executions of a Distributed Map's run. */
    private JsonNode listChildren(String mapRunArn, String status, String redrive, int limit, String token) {
        context.arns().parse(mapRunArn, MapRunActions.MAP_RUN);
        context.executions().mapRun(mapRunArn).orElseThrow(ApiException::resourceNotFound);
        String scope = "ListExecutions|" + mapRunArn + "|" + status + "|" + redrive;
        Page<ExecutionRecord> page = context.executions().list(mapRunArn,
                status == null ? null : ExecutionStatus.valueOf(status), context.tokens().open(scope, token), limit);
        ArrayNode items = Json.NODES.arrayNode();
        for (ExecutionRecord execution : page.items()) {
            if (RedriveAction.matches(redrive, execution)) {
                items.add(Shapes.executionListItem(execution));
            }
        }
        ObjectNode out = Json.object();
        out.set("executions", items);
        Shapes.putIfSet(out, NEXT_TOKEN, context.tokens().seal(scope, page.next()));
        return out;
    }

    JsonNode history(Request request) {
        int limit = request.maxResults(100);
        String token = request.string(NEXT_TOKEN, 1, 3096, false);
        boolean reverse = request.bool("reverseOrder", false);
        boolean includeData = request.bool("includeExecutionData", true);
        ExecutionRecord execution = execution(request);
        String scope = "GetExecutionHistory|" + execution.executionArn() + "|" + reverse;
        Page<StoredEvent> page = context.executions().history(execution.executionArn(), reverse,
                context.tokens().open(scope, token), limit);
        ArrayNode events = Json.NODES.arrayNode();
        for (StoredEvent event : page.items()) {
            events.add(HistoryShapes.render(event, includeData));
        }
        ObjectNode out = Json.object();
        out.set("events", events);
        Shapes.putIfSet(out, NEXT_TOKEN, context.tokens().seal(scope, page.next()));
        return out;
    }

    JsonNode describeStateMachine(Request request) {
        ExecutionRecord execution = execution(request);
        boolean metadataOnly = request.metadataOnly();
        StateMachineRecord machine = context.executions().stateMachineOf(execution.executionArn())
                .orElseThrow(() -> ApiException.executionDoesNotExist(execution.executionArn()));
        // Recorded on AWS (test_describe_state_machine_for_execution): no status, type or
        // creationDate here, but an updateDate even for a machine never updated.
        ObjectNode out = Json.object();
        out.put(STATE_MACHINE_ARN, machine.stateMachineArn());
        out.put(NAME, machine.name());
        out.put(DEFINITION, machine.definition());
        out.put(ROLE_ARN, machine.roleArn());
        Shapes.putTimestamp(out, UPDATE_DATE, machine.updateDate() == null ? machine.creationDate() : machine.updateDate());
        out.set(LOGGING_CONFIGURATION, machine.loggingConfiguration());
        out.set(TRACING_CONFIGURATION, machine.tracingConfiguration());
        Shapes.putIfSet(out, REVISION_ID, machine.revisionId());
        if (execution.mapRunArn() != null) {
            // A Map Run's child: the run that started it, and the Distributed Map's label (the ARN's last name part).
            out.put("mapRunArn", execution.mapRunArn());
            out.put("label", machine.name().substring(machine.name().lastIndexOf('/') + 1));
        }
        return metadataOnly ? Shapes.withoutDefinition(out) : out;
    }

    /** error and cause are sensitive members: a too long one is refused without echoing it. */
    private static String sensitive(Request request, String field, int max) {
        String value = request.string(field);
        if (value != null && value.length() > max) {
            throw ApiException.validationOfSensitive(field, "Member must have length less than or equal to " + max);
        }
        return value;
    }

    private ExecutionRecord execution(Request request) {
        String arn = request.string(EXECUTION_ARN, 1, 256, true);
        context.arns().parse(arn, Arns.EXECUTION);
        return context.executions().find(arn).orElseThrow(() -> ApiException.executionDoesNotExist(arn));
    }
}
