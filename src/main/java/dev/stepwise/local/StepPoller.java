package dev.stepwise.local;

import dev.stepwise.queue.StepMessage;
import dev.stepwise.runtime.DurableRuntime;
import dev.stepwise.runtime.StepBatch;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageResponse;

/**
 * Plays Lambda's SQS event source mapping on a laptop: worker threads receive batches of up to
 * ten messages, hand each to the runtime, delete the ones that succeeded and leave the others to
 * reappear after the visibility timeout (and, after the queue's maxReceiveCount, to move to the
 * dead-letter queue) — the same contract as a Lambda reporting batchItemFailures.
 */
public final class StepPoller implements AutoCloseable {
    /** Sees each failed message (tests, logs). */
    public static final BiConsumer<StepMessage, RuntimeException> QUIET = (m, e) -> { };
    private static final System.Logger LOG = System.getLogger(StepPoller.class.getName());

    private final SqsClient sqs;
    private final String queueUrl;
    private final StepBatch batch;
    private final int waitSeconds;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicLong processed = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final List<Thread> workers = new ArrayList<>();
    /** Workers handling a batch now; close() waits for these, not for workers blocked in a long poll. */
    private final AtomicInteger busy = new AtomicInteger();

    public StepPoller(SqsClient sqs, String queueUrl, DurableRuntime runtime, int workers, int waitSeconds,
                      BiConsumer<StepMessage, RuntimeException> onFailure) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
        this.batch = new StepBatch(runtime, (record, error) -> {
            // A failed delivery comes back after the visibility timeout; logged, so a step that keeps failing is seen.
            LOG.log(System.Logger.Level.INFO, "step " + record.body() + " failed on delivery " + record.receiveCount() + ": " + error);
            onFailure.accept(StepMessage.fromJson(record.body()), error);
        });
        this.waitSeconds = waitSeconds;
        for (int i = 0; i < workers; i++) {
            Thread worker = new Thread(this::poll, "stepwise-poller-" + i);
            worker.setDaemon(true);
            this.workers.add(worker);
        }
    }

    public StepPoller start() {
        workers.forEach(Thread::start);
        return this;
    }

    public long processed() {
        return processed.get();
    }

    public long failed() {
        return failed.get();
    }

    private void poll() {
        while (running.get()) {
            try {
                ReceiveMessageResponse response = sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10)
                        .waitTimeSeconds(waitSeconds).messageSystemAttributeNames(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT));
                busy.incrementAndGet(); // before looking at running, so close() either waits for this batch or it is not handled
                try {
                    if (!running.get()) {
                        return; // closed while polling: the messages reappear after their visibility timeout, as after a crash
                    }
                    handle(response);
                } finally {
                    synchronized (busy) {
                        busy.decrementAndGet();
                        busy.notifyAll();
                    }
                }
            } catch (RuntimeException e) {
                if (running.get()) {
                    // The queue did not answer (or a delete failed: those messages come back): say so, then try again.
                    LOG.log(System.Logger.Level.WARNING, "receiving steps from " + queueUrl + " failed: " + e);
                    pause();
                }
            }
        }
    }

    private void handle(ReceiveMessageResponse response) {
        List<StepBatch.Record> records = new ArrayList<>(response.messages().size());
        for (Message message : response.messages()) {
            records.add(new StepBatch.Record(message.messageId(), message.body(), Integer.parseInt(message.attributes()
                    .getOrDefault(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT, "1"))));
        }
        Set<String> failures = new HashSet<>(batch.process(records));
        processed.addAndGet(records.size() - failures.size());
        failed.addAndGet(failures.size());
        List<DeleteMessageBatchRequestEntry> done = new ArrayList<>();
        for (Message message : response.messages()) {
            if (!failures.contains(message.messageId())) {
                done.add(DeleteMessageBatchRequestEntry.builder().id(String.valueOf(done.size()))
                        .receiptHandle(message.receiptHandle()).build());
            }
        }
        if (!done.isEmpty()) {
            sqs.deleteMessageBatch(b -> b.queueUrl(queueUrl).entries(done));
        }
    }

    private static void pause() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Stops polling and waits (up to 25 s) for the batches being handled. A worker still in a long
     * poll is not waited for: it ends when its poll returns, handling nothing more.
     */
    @Override
    public void close() {
        running.set(false);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(25);
        synchronized (busy) {
            while (busy.get() > 0 && System.nanoTime() < deadline) {
                try {
                    busy.wait(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}
