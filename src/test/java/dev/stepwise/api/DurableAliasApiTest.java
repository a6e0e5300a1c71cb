package dev.stepwise.api;

/** Every test of {@link AliasApiTest} on the durable ports: DynamoDB and SQS emulators, the step poller. */
class DurableAliasApiTest extends AliasApiTest {
    @Override
    LocalSfn.Backend backend() {
        return LocalSfn.Backend.DURABLE;
    }
}
