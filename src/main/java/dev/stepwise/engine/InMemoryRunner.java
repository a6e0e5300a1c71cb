package dev.stepwise.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepwise.asl.model.StateMachine;
import dev.stepwise.engine.history.EventDetails;
import dev.stepwise.engine.history.HistoryEvent;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.PriorityQueue;
import java.util.random.RandomGenerator;

/**
 * Runs a whole execution in memory on a virtual clock: waits and retry back-offs pass
 * instantly but move the clock, tasks go to a pluggable executor, Parallel branches and Map
 * items run one step at a time in a deterministic order. Used by tests, the benchmark and tools.
 * It keeps no history itself (events go to a sink), so its memory is bounded by the payloads
 * in flight, not by the execution's length.
 */
public final class InMemoryRunner {

    /** Performs a Task state's work. */
    @FunctionalInterface
    public interface TaskExecutor {
        /** @return {@link Resumption.TaskSucceeded} or {@link Resumption.TaskFailed} */
        Resumption execute(TaskRequest request);
    }

    /** Receives each history event with its id and time. */
    @FunctionalInterface
    public interface HistorySink {
        void accept(long id, Instant timestamp, HistoryEvent event);

        HistorySink NONE = (id, timestamp, event) -> { };
    }

    /** {@code variables}: the root frame's workflow variables when its last state was entered. */
    public record Result(ExecutionStatus status, JsonNode output, String error, String cause, long eventCount,
                         long statesEntered, Instant stopTime, Variables variables) {
    }

    private final Engine engine;
    private final TaskExecutor tasks;
    private final ItemReading reading;
    private final ResultWriting writing;
    private final String region;

    public InMemoryRunner(Engine engine, TaskExecutor tasks) {
        this(engine, tasks, ItemReading.NONE, ResultWriting.NONE, "us-east-1");
    }

    /** A runner whose Distributed Maps read and export with {@code reading} and {@code writing} in {@code region}. */
    public InMemoryRunner(Engine engine, TaskExecutor tasks, ItemReading reading, ResultWriting writing, String region) {
        this.engine = engine;
        this.tasks = tasks;
        this.reading = reading;
        this.writing = writing;
        this.region = region;
    }

    public Result run(StateMachine machine, ExecutionInfo execution, HistorySink sink, RandomGenerator random) {
        return run(machine, execution, sink, random, Variables.NONE);
    }

    public Result run(StateMachine machine, ExecutionInfo execution, HistorySink sink, RandomGenerator random,
                      Variables variables) {
        return new Run(machine, execution, sink, random, variables).go();
    }

    /** A fan-out waiting for its branches. */
    private static final class Join {
        final Join owner;
        final Outcome.FanOut fanOut;
        final FanIn.Join rules;
        final JsonNode[] outputs;
        int done;
        int failed;
        boolean closed;

        Join(Join owner, Outcome.FanOut fanOut) {
            this.owner = owner;
            this.fanOut = fanOut;
            this.rules = FanIn.Join.of(fanOut);
            this.outputs = new JsonNode[fanOut.branches().size()];
        }

        /** Counts a branch's end, keeping its output (a tolerated failure's is its error), and decides what follows. */
        FanIn.Decision ended(int index, JsonNode output, String error, String cause) {
            done++;
            FanIn.BranchEnd end = FanIn.BranchEnd.SUCCEEDED;
            if (error != null) {
                failed++;
                end = FanIn.BranchEnd.failed(error, cause);
                output = FanIn.failedOutput(error, cause);
            }
            outputs[index] = output;
            return FanIn.ended(rules, new FanIn.Count(done, failed, true, false), end);
        }

        boolean isAborted() {
            for (Join join = this; join != null; join = join.owner) {
                if (join.closed) {
                    return true;
                }
            }
            return false;
        }
    }

    private record Pending(Instant at, long sequence, Step step, Join owner) {
    }

    private final class Run {
        final StateMachine machine;
        final ExecutionInfo execution;
        final HistorySink sink;
        final RandomGenerator random;
        final PriorityQueue<Pending> queue = new PriorityQueue<>((a, b) -> {
            int byTime = a.at.compareTo(b.at);
            return byTime != 0 ? byTime : Long.compare(a.sequence, b.sequence);
        });
        final Instant deadline;
        /** The root frame's variables as of the last state it entered. */
        Variables variables;
        long sequence;
        long eventId;
        long statesEntered;
        Instant now;

        Run(StateMachine machine, ExecutionInfo execution, HistorySink sink, RandomGenerator random, Variables variables) {
            this.variables = variables;
            this.machine = machine;
            this.execution = execution;
            this.sink = sink;
            this.random = random;
            this.now = execution.startTime();
            this.deadline = machine.timeoutSeconds() == null ? null : now.plusSeconds(machine.timeoutSeconds());
        }

        Result go() {
            StepResult started = engine.start(machine, execution, variables);
            record(started.events());
            schedule(now, ((Outcome.Continue) started.outcome()).next(), null);
            while (!queue.isEmpty()) {
                Pending next = queue.poll();
                if (next.owner != null && next.owner.isAborted()) {
                    continue;
                }
                if (deadline != null && next.at.isAfter(deadline)) {
                    now = deadline;
                    ExecutionEnd timedOut = ExecutionEnd.timedOut();
                    record(List.of(timedOut.event()));
                    return finish(timedOut.status(), null, timedOut.error(), timedOut.cause());
                }
                now = next.at;
                if (next.step instanceof Step.Enter enter && enter.frame().isRoot()) {
                    variables = enter.variables();
                }
                StepResult result = engine.step(machine, execution, next.step, now, eventId + 1, random);
                record(result.events());
                Result end = apply(result.outcome(), next);
                if (end != null) {
                    return end;
                }
            }
            throw new IllegalStateException("the execution stopped without an end");
        }

        private Result apply(Outcome outcome, Pending from) {
            Join owner = from.owner;
            if (outcome instanceof Outcome.Continue go) {
                schedule(now, go.next(), owner);
            } else if (outcome instanceof Outcome.Sleep sleep) {
                schedule(sleep.until(), sleep.next(), owner);
            } else if (outcome instanceof Outcome.RunTask task) {
                schedule(now, task.then().with(tasks.execute(task.request())), owner);
            } else if (outcome instanceof Outcome.FanOut fanOut && fanOut.mapRun() != null) {
                runMapRun(fanOut, owner);
            } else if (outcome instanceof Outcome.FanOut fanOut) {
                Join join = new Join(owner, fanOut);
                start(join, join.rules.initialStarts());
            } else if (outcome instanceof Outcome.FrameSucceeded done) {
                if (from.step.frame().isRoot()) {
                    return finish(ExecutionStatus.SUCCEEDED, done.output(), null, null);
                }
                branchEnded(owner, from.step.frame().last().index(), done.output(), null, null);
            } else if (outcome instanceof Outcome.FrameFailed failed) {
                if (from.step.frame().isRoot()) {
                    return finish(ExecutionStatus.FAILED, null, failed.error(), failed.cause());
                }
                branchEnded(owner, from.step.frame().last().index(), null, failed.error(), failed.cause());
            }
            return null;
        }

        private void branchEnded(Join join, int index, JsonNode output, String error, String cause) {
            FanIn.Decision decision = join.ended(index, output, error, cause);
            if (decision instanceof FanIn.Decision.Start start) {
                start(join, start.indices());
            } else if (decision instanceof FanIn.Decision.Succeed) {
                close(join, new Resumption.BranchesSucceeded(Arrays.asList(join.outputs)));
            } else if (decision instanceof FanIn.Decision.Fail fail) {
                close(join, new Resumption.BranchesFailed(fail.error(), fail.cause()));
            }
        }

        private void start(Join join, List<Integer> indices) {
            for (int index : indices) {
                schedule(now, join.fanOut.branches().get(index), join);
            }
        }

        /**
         * A Distributed Map's items run as child executions, each a run of its own on this clock
         * from now, one after the other as its items are read (from its ItemReader, or from the
         * state's input) and batched; the Map resumes after the last child, or at the end of the
         * one whose failure was more than tolerated (the rest are not started).
         */
        private void runMapRun(Outcome.FanOut fanOut, Join owner) {
            MapRun mapRun = fanOut.mapRun();
            StateMachine child = new dev.stepwise.asl.model.StateMachineParser().parse(dev.stepwise.asl.Json.write(mapRun.definition()));
            FanIn.RunJoin rules = FanIn.RunJoin.of(fanOut.maxConcurrency(), fanOut.tolerance());
            MapRunOutcome run = new MapRunOutcome(mapRun);
            Resumption result;
            try {
                result = readAndRun(fanOut, mapRun, child, rules, run);
            } catch (dev.stepwise.asl.StatesFailure failure) {
                result = new Resumption.BranchesFailed(failure.error(), failure.cause());
            }
            Join join = new Join(owner, fanOut);
            close(join, result, run.end);
        }

        private Resumption readAndRun(Outcome.FanOut fanOut, MapRun mapRun, StateMachine child, FanIn.RunJoin rules,
                                      MapRunOutcome run) {
            MapItems items = engine.mapItems(machine, execution, fanOut.join(), now, random);
            ItemReaderRequest reader = mapRun.reader();
            FanIn.Decision decision = null;
            long index = 0;
            try (ItemCursor cursor = reader == null ? ItemCursor.over(engine.withinBounds(items::inlineItems), null)
                    : reading.open(reader, region, null)) {
                ItemBatcher batcher = items.batcher();
                while (decision == null) {
                    JsonNode item = reader != null && reader.maxItems() > 0 && index == reader.maxItems() ? null : cursor.next();
                    if (item == null) {
                        break;
                    }
                    long itemIndex = index++;
                    JsonNode input = engine.withinBounds(() -> items.input(item, (int) itemIndex));
                    if (!batcher.fits(input)) {
                        decision = run.child(child, batcher.close(), rules);
                    }
                    batcher.add(input);
                }
                if (decision == null && batcher.size() > 0) {
                    decision = run.child(child, batcher.close(), rules);
                }
            }
            if (decision == null) {
                decision = rules.closing(run.failed, run.children, true);
            }
            if (decision instanceof FanIn.Decision.Fail fail) {
                run.finish();
                return new Resumption.BranchesFailed(fail.error(), fail.cause());
            }
            return run.result();
        }

        /** A Map Run's children as this runner runs them, and what its ResultWriter makes of them. */
        private final class MapRunOutcome {
            final MapRun mapRun;
            final ResultWriterRequest writer;
            final ResultWriting.Export export;
            final List<JsonNode> outputs = new ArrayList<>();
            Instant end = now;
            long children;
            long failed;

            MapRunOutcome(MapRun mapRun) {
                this.mapRun = mapRun;
                this.writer = mapRun.writer();
                this.export = writer != null && writer.exports() ? writing.open(writer, region, mapRun.arn()) : null;
            }

            /** Runs the next child with {@code input}; a decision when its failure ends the run, else null. */
            FanIn.Decision child(StateMachine child, JsonNode input, FanIn.RunJoin rules) {
                long index = children++;
                String name = MapRun.childName(mapRun.arn(), index);
                String arn = MapRun.childArn(mapRun.arn(), name);
                ExecutionInfo info = new ExecutionInfo(arn, name, input, execution.roleArn(), now, 0, null,
                        mapRun.stateMachineArn(), mapRun.stateMachineName());
                Result ended = new Run(child, info, HistorySink.NONE, new java.util.SplittableRandom(random.nextLong()),
                        Variables.NONE).go();
                end = ended.stopTime().isAfter(end) ? ended.stopTime() : end;
                boolean succeeded = ended.status() == ExecutionStatus.SUCCEEDED;
                ResultFiles.Child described = new ResultFiles.Child(arn, name, mapRun.stateMachineArn(), input,
                        succeeded ? ended.output() : null, ended.status().name(), succeeded ? null : ended.error(),
                        succeeded ? null : ended.cause(), now, ended.stopTime(), 0);
                if (writer == null) {
                    outputs.add(succeeded ? ended.output() : FanIn.failedOutput(ended.error(), ended.cause()));
                } else if (export != null) {
                    ResultFiles.entries(described, writer.transformation()).forEach(entry -> export.add(described.file(), entry));
                } else {
                    outputs.addAll(ResultFiles.entries(described, writer.transformation()));
                }
                if (succeeded) {
                    return null;
                }
                failed++;
                FanIn.Decision decision = rules.closing(failed, -1, false);
                return decision instanceof FanIn.Decision.Fail ? decision : null;
            }

            void finish() {
                if (export != null) {
                    export.finish();
                }
            }

            Resumption result() {
                if (export != null) {
                    return new Resumption.MapRunResult(export.finish());
                }
                return writer != null ? new Resumption.MapRunResult(dev.stepwise.asl.Json.NODES.arrayNode().addAll(outputs))
                        : new Resumption.BranchesSucceeded(outputs);
            }
        }

        private void close(Join join, Resumption result) {
            close(join, result, now);
        }

        /** The join's state resumes at {@code at} with the branches' result; branches still pending never run. */
        private void close(Join join, Resumption result, Instant at) {
            join.closed = true;
            schedule(at, join.fanOut.join().with(result), join.owner);
        }

        private void schedule(Instant at, Step step, Join owner) {
            queue.add(new Pending(at, sequence++, step, owner));
        }

        private void record(List<HistoryEvent> events) {
            for (HistoryEvent event : events) {
                eventId++;
                if (event.details() instanceof EventDetails.StateEntered) {
                    statesEntered++;
                }
                sink.accept(eventId, now, event);
            }
        }

        private Result finish(ExecutionStatus status, JsonNode output, String error, String cause) {
            return new Result(status, output, error, cause, eventId, statesEntered, now, variables);
        }
    }

    /** Convenience for tools: all events of a run, in order. */
    public static final class CollectingSink implements HistorySink {
        private final List<HistoryEvent> events = new ArrayList<>();

        @Override
        public void accept(long id, Instant timestamp, HistoryEvent event) {
            events.add(event);
        }

        public List<HistoryEvent> events() {
            return events;
        }
    }
}
