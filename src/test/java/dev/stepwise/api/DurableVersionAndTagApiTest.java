package dev.stepwise.api;

/** Every test of {@link VersionAndTagApiTest} on the durable ports: DynamoDB and SQS emulators, the step poller. */
class DurableVersionAndTagApiTest extends VersionAndTagApiTest {
    @Override
    LocalSfn.Backend backend() {
        return LocalSfn.Backend.DURABLE;
    }
}
