package dev.stepwise.api;

/** Every test of {@link ExecutionApiTest} on the durable ports: DynamoDB and SQS emulators, the step poller. */
class DurableExecutionApiTest extends ExecutionApiTest {
    @Override
    LocalSfn.Backend backend() {
        return LocalSfn.Backend.DURABLE;
    }
}
