package dev.stepwise.api.memory;

import dev.stepwise.api.port.ExecutionPort;
import dev.stepwise.api.port.ExecutionRecord;
import dev.stepwise.api.port.NewExecution;
import dev.stepwise.api.port.Page;
import dev.stepwise.api.port.StateMachineRecord;
import dev.stepwise.api.port.StoredEvent;
import dev.stepwise.asl.Json;
import dev.stepwise.asl.StatesError;
import dev.stepwise.asl.model.StateMachine;
import dev.stepwise.asl.model.StateMachineParser;
import dev.stepwise.engine.Engine;
import dev.stepwise.engine.EngineOptions;
import dev.stepwise.engine.ExecutionInfo;
import dev.stepwise.engine.ExecutionStatus;
import dev.stepwise.engine.InMemoryRunner;
import dev.stepwise.engine.Resumption;
import dev.stepwise.engine.history.EventDetails;
import dev.stepwise.engine.history.EventType;
import dev.stepwise.engine.history.HistoryEvent;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Executions in memory, each run by the engine's {@link InMemoryRunner} on a background thread.
 * The runner's clock is virtual; this class paces it against the real clock: an event stamped
 * in the future (after a Wait, or a retry's back-off) is held back until its time has come. So
 * an execution waiting 10 seconds is RUNNING for 10 real seconds, StopExecution can abort it
 * meanwhile, and StartExecution's "same name and input while running" idempotency works as on AWS.
 *
 * <p>previousEventId follows what AWS recorded for linear histories ({@link StoredEvent#inSequence}).
 * Branch events of Parallel/Map are chained the same simple way (AWS links them to their branch's
 * previous event).
 */
public final class InMemoryExecutions implements ExecutionPort, AutoCloseable {
    private final Clock clock;
    private final InMemoryRunner runner;
    private final StateMachineParser parser = new StateMachineParser();
    private final Map<String, Run> runs = new ConcurrentHashMap<>();
    private final AtomicLong sequence = new AtomicLong();
    private final ExecutorService threads = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "stepwise-execution");
        thread.setDaemon(true);
        return thread;
    });

    public InMemoryExecutions(Clock clock, EngineOptions options, InMemoryRunner.TaskExecutor tasks) {
        this.clock = clock;
        this.runner = new InMemoryRunner(new Engine(options), tasks);
    }

    /** Tasks fail with States.TaskFailed until task integrations run in this process. */
    public static InMemoryRunner.TaskExecutor noIntegrations() {
        return request -> new Resumption.TaskFailed(StatesError.TASK_FAILED.aslName(),
                "No integration for resource '" + request.resource() + "' is available in this runner yet");
    }

    /** Thrown inside the runner's history sink to end a run that was stopped. */
    private static final class Stopped extends RuntimeException {
        Stopped() {
            super(null, null, false, false);
        }
    }

    /** One execution: its record, its history, and the lock its run and StopExecution share. */
    private final class Run {
        final long order = sequence.incrementAndGet();
        final StateMachineRecord machine;
        final List<StoredEvent> events = new ArrayList<>();
        ExecutionRecord record;

        Run(ExecutionRecord record, StateMachineRecord machine) {
            this.record = record;
            this.machine = machine;
        }

        synchronized void append(long id, Instant timestamp, HistoryEvent event) {
            events.add(StoredEvent.inSequence(id, timestamp, event));
        }

        /** Holds the run until {@code at} has come; throws {@link Stopped} once the execution was stopped. */
        synchronized void awaitTime(Instant at) {
            while (true) {
                if (record.status() != ExecutionStatus.RUNNING) {
                    throw new Stopped();
                }
                long millis = Duration.between(clock.instant(), at).toMillis();
                if (millis <= 0) {
                    return;
                }
                try {
                    wait(millis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new Stopped();
                }
            }
        }

        synchronized void finish(ExecutionStatus status, String output, String error, String cause, Instant stop) {
            if (record.status() == ExecutionStatus.RUNNING) {
                record = with(record, status, stop, output, error, cause);
            }
        }
    }

    @Override
    public Started start(NewExecution execution) {
        ExecutionRecord record = new ExecutionRecord(execution.executionArn(), execution.machine().stateMachineArn(),
                execution.name(), ExecutionStatus.RUNNING, execution.startDate(), null, execution.input(), null, null, null,
                execution.stateMachineVersionArn(), execution.stateMachineAliasArn(), execution.machine().type());
        Run fresh = new Run(record, execution.machine());
        Run existing = runs.putIfAbsent(execution.executionArn(), fresh);
        if (existing != null) {
            synchronized (existing) {
                return new Started(existing.record, false);
            }
        }
        ExecutionInfo info = new ExecutionInfo(record.executionArn(), record.name(), Json.parse(record.input()),
                execution.machine().roleArn(), record.startDate(), 0, null, record.stateMachineArn(), execution.machine().name());
        fresh.append(1, record.startDate(), new HistoryEvent(EventType.ExecutionStarted,
                new EventDetails.ExecutionStarted(info.input(), info.roleArn())));
        threads.execute(() -> run(fresh, info));
        return new Started(record, true);
    }

    private void run(Run run, ExecutionInfo info) {
        try {
            StateMachine machine = parser.parse(run.machine.definition());
            InMemoryRunner.Result result = runner.run(machine, info, (id, timestamp, event) -> {
                if (event.type() == EventType.ExecutionStarted) {
                    return; // written by start(), before the run began
                }
                run.awaitTime(timestamp);
                synchronized (run) {
                    if (run.record.status() != ExecutionStatus.RUNNING) {
                        throw new Stopped();
                    }
                    run.append(id, timestamp, event);
                }
            }, new SecureRandom());
            run.awaitTime(result.stopTime());
            synchronized (run) {
                if (run.record.status() != ExecutionStatus.RUNNING) {
                    return;
                }
                // The engine wrote ExecutionSucceeded/Failed/TimedOut itself, through the sink.
                run.finish(result.status(), result.output() == null ? null : Json.write(result.output()),
                        result.error(), result.cause(), result.stopTime());
            }
        } catch (Stopped stopped) {
            // StopExecution wrote the end of this history.
        } catch (RuntimeException e) {
            synchronized (run) {
                if (run.record.status() == ExecutionStatus.RUNNING) {
                    String cause = "Stepwise could not run this execution: " + e;
                    run.append(run.events.size() + 1, clock.instant(), new HistoryEvent(EventType.ExecutionFailed,
                            new EventDetails.ExecutionFailed(StatesError.RUNTIME.aslName(), cause)));
                    run.finish(ExecutionStatus.FAILED, null, StatesError.RUNTIME.aslName(), cause, clock.instant());
                }
            }
        }
    }

    @Override
    public Optional<ExecutionRecord> find(String executionArn) {
        Run run = runs.get(executionArn);
        if (run == null) {
            return Optional.empty();
        }
        synchronized (run) {
            return Optional.of(run.record);
        }
    }

    @Override
    public Optional<StateMachineRecord> stateMachineOf(String executionArn) {
        return Optional.ofNullable(runs.get(executionArn)).map(run -> run.machine);
    }

    @Override
    public Page<ExecutionRecord> list(String stateMachineArn, ExecutionStatus status, String position, int limit) {
        long before = position == null ? Long.MAX_VALUE : Long.parseLong(position);
        List<Run> matching = runs.values().stream()
                .filter(run -> run.order < before)
                .sorted(Comparator.comparingLong((Run run) -> run.order).reversed())
                .toList();
        List<ExecutionRecord> items = new ArrayList<>();
        long last = 0;
        for (Run run : matching) {
            ExecutionRecord record;
            synchronized (run) {
                record = run.record;
            }
            if (!record.stateMachineArn().equals(stateMachineArn) || (status != null && record.status() != status)) {
                continue;
            }
            if (items.size() == limit) {
                return new Page<>(items, Long.toString(last));
            }
            items.add(record);
            last = run.order;
        }
        return new Page<>(items, null);
    }

    @Override
    public Optional<ExecutionRecord> stop(String executionArn, String error, String cause, Instant now) {
        Run run = runs.get(executionArn);
        if (run == null) {
            return Optional.empty();
        }
        synchronized (run) {
            if (run.record.status() == ExecutionStatus.RUNNING) {
                // The aborted event carries the error and cause like ExecutionFailed's details;
                // the API names the member executionAbortedEventDetails from the type.
                run.append(run.events.size() + 1, now, new HistoryEvent(EventType.ExecutionAborted,
                        new EventDetails.ExecutionFailed(error, cause)));
                run.record = with(run.record, ExecutionStatus.ABORTED, now, null, error, cause);
                run.notifyAll();
            }
            return Optional.of(run.record);
        }
    }

    /**
     * The in-memory runner keeps no steps to restart from, so it does not redrive: the durable
     * backend does (README, "RedriveExecution").
     */
    @Override
    public Optional<ExecutionRecord> redrive(String executionArn, String clientToken) {
        if (!runs.containsKey(executionArn)) {
            return Optional.empty();
        }
        throw new NotRedrivable("RedriveExecution is not supported by the in-memory backend; run ./stepwise serve without --in-memory");
    }

    @Override
    public boolean redrives() {
        return false;
    }

    @Override
    public Page<StoredEvent> history(String executionArn, boolean reverseOrder, String position, int limit) {
        Run run = runs.get(executionArn);
        if (run == null) {
            return new Page<>(List.of(), null);
        }
        List<StoredEvent> all;
        synchronized (run) {
            all = new ArrayList<>(run.events);
        }
        if (reverseOrder) {
            java.util.Collections.reverse(all);
        }
        long after = position == null ? (reverseOrder ? Long.MAX_VALUE : 0) : Long.parseLong(position);
        List<StoredEvent> items = new ArrayList<>();
        for (StoredEvent event : all) {
            if (reverseOrder ? event.id() >= after : event.id() <= after) {
                continue;
            }
            if (items.size() == limit) {
                return new Page<>(items, Long.toString(items.get(items.size() - 1).id()));
            }
            items.add(event);
        }
        return new Page<>(items, null);
    }

    @Override
    public void close() {
        threads.shutdownNow();
    }

    private static ExecutionRecord with(ExecutionRecord r, ExecutionStatus status, Instant stop, String output,
                                        String error, String cause) {
        return new ExecutionRecord(r.executionArn(), r.stateMachineArn(), r.name(), status, r.startDate(), stop,
                r.input(), output, error, cause, r.stateMachineVersionArn(), r.stateMachineAliasArn(), r.stateMachineType());
    }
}
