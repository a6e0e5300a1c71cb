package dev.stepwise.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepwise.asl.Json;
import dev.stepwise.asl.model.StateMachine;
import dev.stepwise.engine.ExecutionInfo;
import dev.stepwise.engine.MapRun;
import dev.stepwise.engine.Outcome;
import dev.stepwise.engine.StepResult;
import dev.stepwise.queue.StepMessage;
import dev.stepwise.store.ExecutionHeader;
import dev.stepwise.store.ItemBodies;
import dev.stepwise.store.ItemKind;
import dev.stepwise.store.Loaded;
import dev.stepwise.store.Revision;
import dev.stepwise.store.StartRecord;
import dev.stepwise.store.StepBody;
import dev.stepwise.store.StepKeys;
import dev.stepwise.store.StoredItem;
import java.time.Instant;
import java.util.List;

/**
 * Starting an execution, so that a start cut short by a crash at any point is finished, never lost
 * and never half-visible. The protocol, in order:
 * <ol>
 *   <li>send the execution's check message, delayed ({@link RuntimeOptions#startCheckSeconds()},
 *       60 s by default, or its TimeoutSeconds when shorter);</li>
 *   <li>write the start record ({@code INPUT}: everything the start needs), conditionally: this
 *       is StartExecution's per-ARN check, and a start that finds one returns it to its caller,
 *       which compares names and inputs as AWS does;</li>
 *   <li>write the header (RUNNING), conditionally;</li>
 *   <li>write the first step, carrying ExecutionStarted (event 1), conditionally;</li>
 *   <li>send the first step's message.</li>
 * </ol>
 * Each write is idempotent, so {@link #complete} may redo any suffix of them: a retried
 * StartExecution with the same name and input does, the check message does when it finds the
 * start record without a header or the first step without its message having run, and a local
 * runner's recovery does for starts it finds unfinished. A crash before step 2 leaves nothing but
 * a check message that finds nothing to do.
 */
final class ExecutionStarts {
    /** When a start is checked by default: long after any healthy start has finished its writes. */
    static final int CHECK_SECONDS = 60;

    private final RuntimeEnv env;
    private final Machines machines;
    private final ExecutionEnds ends;

    ExecutionStarts(RuntimeEnv env, Machines machines, ExecutionEnds ends) {
        this.env = env;
        this.machines = machines;
        this.ends = ends;
    }

    /**
     * A start of {@code stateMachineArn}'s revision {@code revision} (its current one when null):
     * the record to pass to {@link #start}. {@code executionArn} null names it as AWS does.
     */
    StartRecord request(String executionArn, String stateMachineArn, String revision, String name, String input,
                        Instant startDate, String listedUnder, JsonNode api) {
        String key = revision != null ? revision : machines.current(stateMachineArn).orElseThrow(() ->
                new IllegalArgumentException("State Machine Does Not Exist: '" + stateMachineArn + "'"));
        Revision definition = machines.revision(stateMachineArn, key);
        StateMachine machine = machines.machine(stateMachineArn, key);
        String arn = executionArn != null ? executionArn : "arn:aws:states:" + env.options().region() + ":"
                + env.options().accountId() + ":execution:" + definition.name() + ":" + name;
        return new StartRecord(arn, name, stateMachineArn, key, definition.name(), definition.roleArn(), startDate,
                machine.timeoutSeconds(), listedUnder != null ? listedUnder : stateMachineArn, input, api);
    }

    /** Starts the execution, or finds the start already recorded for its ARN (returned, not completed: the caller decides). */
    StartRecord start(StartRecord start) {
        int check = env.options().startCheckSeconds();
        int first = start.timeoutSeconds() == null ? check : Math.min(check, start.timeoutSeconds());
        env.queue().send(new StepMessage(start.executionArn(), StepMessage.CHECK), first);
        if (!env.store().headers().putStart(start)) {
            return env.store().headers().start(start.executionArn()).orElseThrow();
        }
        complete(start);
        return start;
    }

    /** Steps 3 to 5 of the protocol, each done unless done before. */
    void complete(StartRecord start) {
        String executionArn = start.executionArn();
        env.store().headers().create(start);
        ExecutionHeader header = env.store().headers().header(executionArn).orElseThrow();
        if (header.status().isTerminal()) {
            return;
        }
        String key = StepKeys.step("", 0);
        StepResult started = env.engine().start(machines.machine(header), info(header, Json.parse(start.input())));
        StepBody body = StepBody.of(((Outcome.Continue) started.outcome()).next(), 1).carrying(2L);
        env.commit(executionArn, StoredItem.of(key, ItemKind.STEP, ItemBodies.write(body))
                .withEvents(1, HistoryChunks.of(started.events(), 1, 0, header.startDate())));
        env.send(executionArn, key);
    }

    /**
     * The execution's check message: finishes a start cut short, makes sure a running
     * execution's first step ran, and times the execution out at its TimeoutSeconds (checking
     * again, in hops of at most 900 s, until then).
     */
    void check(String executionArn) {
        ExecutionHeader header = env.store().headers().header(executionArn).orElse(null);
        if (header == null) {
            env.store().headers().start(executionArn).ifPresent(this::complete);
            return;
        }
        if (header.status().isTerminal()) {
            ends.tellParentIfUntold(executionArn); // a crash between the end and the notice lost it
            return;
        }
        String first = StepKeys.step("", 0);
        Loaded loaded = env.steps().load(executionArn, first, List.of(StepKeys.successor(first)), false);
        if (loaded.step() == null) {
            env.store().headers().start(executionArn).ifPresent(this::complete);
        } else if (loaded.others().isEmpty()) {
            env.send(executionArn, first); // its message may have been lost with the start; a copy changes nothing
        }
        if (header.timeoutSeconds() != null) {
            // A redriven execution's TimeoutSeconds counts from its redrive.
            Instant from = header.redriveDate() != null ? header.redriveDate() : header.startDate();
            Instant deadline = from.plusSeconds(header.timeoutSeconds());
            if (env.clock().instant().isBefore(deadline)) {
                env.queue().send(new StepMessage(executionArn, StepMessage.CHECK), RuntimeEnv.delay(env.clock().instant(), deadline));
            } else {
                ends.timeOut(header);
            }
        }
    }

    /** The execution as the engine sees it ({@code $$.Execution}, {@code $$.StateMachine}). */
    static ExecutionInfo info(ExecutionHeader header, JsonNode input) {
        // A Map Run's child runs the run's definition; its context shows the labelled state machine ARN.
        String machineArn = MapRun.isMapRunArn(header.stateMachineArn())
                ? MapRun.stateMachineArnOf(header.stateMachineArn()) : header.stateMachineArn();
        return new ExecutionInfo(header.executionArn(), header.name(), input, header.roleArn(), header.startDate(),
                header.redriveCount(), header.redriveDate(), machineArn, header.stateMachineName());
    }
}
