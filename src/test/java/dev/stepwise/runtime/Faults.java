package dev.stepwise.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.stepwise.engine.ExecutionStatus;
import dev.stepwise.queue.StepMessage;
import dev.stepwise.queue.StepQueue;
import dev.stepwise.store.CounterState;
import dev.stepwise.store.ExecutionHeader;
import dev.stepwise.store.RunCounters;
import dev.stepwise.store.Tally;
import dev.stepwise.store.HeaderPage;
import dev.stepwise.store.Headers;
import dev.stepwise.store.JoinCount;
import dev.stepwise.store.Joins;
import dev.stepwise.store.Loaded;
import dev.stepwise.store.StartRecord;
import dev.stepwise.store.StepItems;
import dev.stepwise.store.Store;
import dev.stepwise.store.StoredItem;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Fault injection around the real adapters: a processor "crash" is an exception thrown just
 * before or just after a real effect (so the effect happened, or did not, and nothing after it),
 * and a duplicating queue delivers every message twice, the copy later and out of order.
 */
final class Faults {
    static final class Crash extends RuntimeException {
        Crash(String where) {
            super("simulated crash " + where, null, false, false);
        }
    }

    private final double probability;
    private final SplittableRandom random;
    final AtomicLong crashes = new AtomicLong();
    private volatile boolean enabled = true;

    Faults(double probability, long seed) {
        this.probability = probability;
        this.random = new SplittableRandom(seed);
    }

    void disable() {
        enabled = false;
    }

    private synchronized boolean roll() {
        return enabled && random.nextDouble() < probability;
    }

    <T> T around(String what, Supplier<T> effect) {
        if (roll()) {
            crashes.incrementAndGet();
            throw new Crash("before " + what);
        }
        T result = effect.get();
        if (roll()) {
            crashes.incrementAndGet();
            throw new Crash("after " + what);
        }
        return result;
    }

    void around(String what, Runnable effect) {
        around(what, () -> {
            effect.run();
            return null;
        });
    }

    /** A store whose every write (and every step's load) may crash before or after it is applied. */
    Store store(Store real) {
        return new Store(headers(real.headers()), steps(real.steps()), joins(real.joins()), counters(real.counters()),
                real.definitions(), real.records(), real.activities());
    }

    private RunCounters counters(RunCounters real) {
        return new RunCounters() {
            @Override
            public CounterState expect(Key counter, long members, long items) {
                return around("expect " + counter, () -> real.expect(counter, members, items));
            }

            @Override
            public CounterState count(Key counter, long member, Tally tally, boolean failed) {
                return around("count " + counter + " " + member, () -> real.count(counter, member, tally, failed));
            }

            @Override
            public Optional<CounterState> read(Key counter) {
                return real.read(counter);
            }

            @Override
            public java.util.Map<Key, CounterState> readAll(List<Key> counters) {
                return real.readAll(counters);
            }

            @Override
            public void put(Key counter, CounterState state) {
                around("put " + counter, () -> real.put(counter, state));
            }

            @Override
            public CounterState reportFailures(Key root, int chunk, long failed) {
                return around("failures " + root, () -> real.reportFailures(root, chunk, failed));
            }

            @Override
            public void reportRead(Key root, long pages, long children, long items) {
                around("read " + root, () -> real.reportRead(root, pages, children, items));
            }
        };
    }

    private Headers headers(Headers real) {
        return new Headers() {
            @Override
            public boolean putStart(StartRecord start) {
                return around("start " + start.executionArn(), () -> real.putStart(start));
            }

            @Override
            public Optional<StartRecord> start(String executionArn) {
                return real.start(executionArn);
            }

            @Override
            public boolean create(StartRecord start) {
                return around("header " + start.executionArn(), () -> real.create(start));
            }

            @Override
            public Optional<ExecutionHeader> header(String executionArn) {
                return real.header(executionArn);
            }

            @Override
            public boolean finish(String executionArn, String listedUnder, ExecutionStatus status, Instant stopDate,
                                  JsonNode output, String error, String cause) {
                return around("finish", () -> real.finish(executionArn, listedUnder, status, stopDate, output, error, cause));
            }

            @Override
            public boolean redrive(String executionArn, String listedUnder, ExecutionStatus from, int redriveCount,
                                   Instant now, String clientToken) {
                return around("redrive", () -> real.redrive(executionArn, listedUnder, from, redriveCount, now, clientToken));
            }

            @Override
            public HeaderPage list(String stateMachineArn, ExecutionStatus status, String position, int limit) {
                return real.list(stateMachineArn, status, position, limit);
            }

            @Override
            public List<String> running() {
                return real.running();
            }

            @Override
            public List<String> unstarted() {
                return real.unstarted();
            }
        };
    }

    private StepItems steps(StepItems real) {
        return new StepItems() {
            @Override
            public Loaded load(String executionArn, String stepKey, List<String> others, boolean withInput) {
                return around("load", () -> real.load(executionArn, stepKey, others, withInput));
            }

            @Override
            public Optional<StoredItem> item(String executionArn, String key) {
                return real.item(executionArn, key);
            }

            @Override
            public boolean putIfAbsent(String executionArn, StoredItem item) {
                return around("put " + item.key(), () -> real.putIfAbsent(executionArn, item));
            }

            @Override
            public void putAll(String executionArn, List<StoredItem> items) {
                around("putAll", () -> real.putAll(executionArn, items));
            }

            @Override
            public List<StoredItem> items(String executionArn, String prefix) {
                return real.items(executionArn, prefix);
            }

            @Override
            public void delete(String executionArn, String key) {
                around("delete", () -> real.delete(executionArn, key));
            }

            @Override
            public long allocateEvents(String executionArn, int count) {
                return around("allocate", () -> real.allocateEvents(executionArn, count));
            }

            @Override
            public void raiseEventCounter(String executionArn, long lastUsed) {
                around("raise", () -> real.raiseEventCounter(executionArn, lastUsed));
            }

            @Override
            public ArrayNode history(String executionArn) {
                return real.history(executionArn);
            }

            @Override
            public long lastEventId(String executionArn) {
                return real.lastEventId(executionArn);
            }
        };
    }

    private Joins joins(Joins real) {
        return new Joins() {
            @Override
            public JoinCount countBranch(String executionArn, String joinKey, int index, boolean failed) {
                return around("count", () -> real.countBranch(executionArn, joinKey, index, failed));
            }

            @Override
            public boolean closeJoin(String executionArn, String joinKey, String state, String error, String cause) {
                return around("close", () -> real.closeJoin(executionArn, joinKey, state, error, cause));
            }
        };
    }

    /** A queue whose every send may crash before or after the message is sent. */
    StepQueue queue(StepQueue real) {
        return new StepQueue() {
            @Override
            public void send(StepMessage message, int delaySeconds) {
                around("send", () -> real.send(message, delaySeconds));
            }

            @Override
            public void sendAll(List<StepMessage> messages) {
                around("sendAll", () -> real.sendAll(messages));
            }
        };
    }

    /** A queue that sends every message twice; the copy comes 0–2 s later, so copies overtake other messages. */
    static StepQueue duplicating(StepQueue real, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        return new StepQueue() {
            @Override
            public void send(StepMessage message, int delaySeconds) {
                real.send(message, delaySeconds);
                int extra;
                synchronized (random) {
                    extra = random.nextInt(3);
                }
                real.send(message, Math.min(MAX_DELAY_SECONDS, delaySeconds + extra));
            }

            @Override
            public void sendAll(List<StepMessage> messages) {
                for (StepMessage message : messages) {
                    send(message, 0);
                }
            }
        };
    }

    /** A store that fails every load of the executions {@code poisoned} names. */
    static Store poisoning(Store real, Predicate<String> poisoned) {
        StepItems steps = new Faults(0, 0).steps(real.steps());
        StepItems failing = (StepItems) java.lang.reflect.Proxy.newProxyInstance(StepItems.class.getClassLoader(),
                new Class<?>[] {StepItems.class}, (proxy, method, args) -> {
                    if (method.getName().equals("load") && poisoned.test((String) args[0])) {
                        throw new IllegalStateException("poisoned step of " + args[0]);
                    }
                    try {
                        return method.invoke(steps, args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        return new Store(real.headers(), failing, real.joins(), real.counters(), real.definitions(), real.records(), real.activities());
    }
}
