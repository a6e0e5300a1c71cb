package dev.stepwise.api;

/** Every test of {@link NestingApiTest} on the durable ports: DynamoDB and SQS emulators, the step poller. */
class DurableNestingApiTest extends NestingApiTest {
    @Override
    LocalSfn.Backend backend() {
        return LocalSfn.Backend.DURABLE;
    }
}
