package dev.stepwise.engine;

/**
 * What a Task waits for once its call has been made, decided from its resource and integration
 * pattern. A task that waits is not over when its call returns: its step records the call's
 * response as TaskSubmitted (after TaskStarted) and the task's result comes later, from
 * SendTaskSuccess/Failure, the child execution's end, or an activity worker. A mocked answer
 * (TestState's mock, a mocked test case) is the task's result at once: it waits for nothing.
 */
public enum TaskWait {
    /** Request-response: the call's response is the task's result. */
    NONE,
    /** {@code .waitForTaskToken}: a worker answers with {@code $$.Task.Token} (SendTaskSuccess/Failure). */
    TOKEN,
    /** {@code states:startExecution.sync}: the child execution's end, its Output as a JSON string. */
    CHILD,
    /** {@code states:startExecution.sync:2}: the child execution's end, its Output as JSON. */
    CHILD_JSON,
    /**
     * An activity: no call is made; the task starts when a worker's GetActivityTask takes it
     * (ActivityStarted) and ends with the worker's SendTaskSuccess/Failure.
     */
    ACTIVITY;

    /** The Service Integration's resource that starts a Step Functions execution. */
    private static final String START_EXECUTION = "startExecution";

    /** What a task with this resource and pattern waits for; {@code mocked}: its answer is mocked. */
    public static TaskWait of(TaskResource resource, TaskResource.Pattern pattern, boolean mocked) {
        if (mocked) {
            return NONE;
        }
        if (resource.kind() == TaskResource.Kind.ACTIVITY) {
            return ACTIVITY;
        }
        if (pattern == TaskResource.Pattern.WAIT_FOR_TASK_TOKEN) {
            return TOKEN;
        }
        if (isStartExecution(resource, pattern)) {
            return pattern == TaskResource.Pattern.RUN_JOB ? CHILD : pattern == TaskResource.Pattern.RUN_JOB_JSON ? CHILD_JSON : NONE;
        }
        return NONE;
    }

    /** {@code arn:aws:states:::states:startExecution} with any pattern: the task starts a child execution. */
    public static boolean isStartExecution(TaskResource resource, TaskResource.Pattern pattern) {
        return resource.kind() == TaskResource.Kind.SERVICE && "states".equals(resource.resourceType())
                && START_EXECUTION.equals(pattern.strip(resource.resource()));
    }

    /**
     * True when the call's response is recorded as TaskSubmitted and the task then waits: a
     * callback or a child execution. An activity waits too, but makes no call to submit.
     */
    public boolean submits() {
        return this == TOKEN || this == CHILD || this == CHILD_JSON;
    }

    /** The events the task's step adds once its call was submitted (TaskStarted, TaskSubmitted): ids to reserve up front. */
    public int submittedEvents() {
        return submits() ? 2 : 0;
    }

    /** True when the task waits for a child execution's end ({@code .sync} or {@code .sync:2}). */
    public boolean isChild() {
        return this == CHILD || this == CHILD_JSON;
    }
}
