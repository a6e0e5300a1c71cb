package dev.stepwise.runtime;

import dev.stepwise.queue.StepMessage;
import dev.stepwise.store.Headers;
import dev.stepwise.store.ItemKind;
import dev.stepwise.store.StepKeys;
import dev.stepwise.store.StoredItem;
import dev.stepwise.store.TableLayout;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * After a local runner was killed, its in-memory queue lost the messages in flight; the store
 * still has every committed item. Recovery finds what those messages would have done (two scans:
 * fine on a laptop; in the cloud SQS keeps the messages and the execution's check message finds a
 * start cut short) and sends, as redeliveries, a message for each step of each RUNNING execution
 * that has not committed its successor, for each branch end (its count is idempotent), for each
 * committed execution end, and the execution's check; and finishes the starts that never got
 * their header.
 */
final class Recovery {
    private final RuntimeEnv env;
    private final ExecutionStarts starts;

    Recovery(RuntimeEnv env, ExecutionStarts starts) {
        this.env = env;
        this.starts = starts;
    }

    /** Returns how many messages it sent (starts finished count one each). */
    int resume() {
        Headers headers = env.store().headers();
        int sent = 0;
        for (String executionArn : headers.unstarted()) {
            headers.start(executionArn).ifPresent(starts::complete);
            sent++;
        }
        for (String executionArn : headers.running()) {
            List<StepMessage> messages = messages(executionArn);
            messages.forEach(message -> env.queue().send(message, 0));
            sent += messages.size();
        }
        return sent;
    }

    private List<StepMessage> messages(String executionArn) {
        List<StoredItem> steps = env.steps().items(executionArn, TableLayout.STEP);
        List<StoredItem> ends = env.steps().items(executionArn, TableLayout.BRANCH_END);
        Set<String> keys = new HashSet<>();
        steps.forEach(item -> keys.add(item.key()));
        ends.forEach(item -> keys.add(item.key()));
        List<StepMessage> messages = new ArrayList<>();
        for (StoredItem item : steps) {
            String frame = StepKeys.frameKey(item.key());
            boolean committed = keys.contains(StepKeys.successor(item.key()))
                    || (!StepKeys.isRoot(frame) && keys.contains(StepKeys.branchEnd(frame)));
            boolean rootEnd = item.kind() == ItemKind.END && StepKeys.isRoot(frame);
            if (rootEnd || (!committed && item.kind().isRunnable())) {
                messages.add(StepMessage.recovery(executionArn, item.key()));
            }
        }
        ends.forEach(end -> messages.add(StepMessage.recovery(executionArn, end.key())));
        // The check finishes a start whose first step was never written, and keeps TimeoutSeconds.
        messages.add(StepMessage.recovery(executionArn, StepMessage.CHECK));
        return messages;
    }
}
