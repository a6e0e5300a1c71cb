package dev.stepwise.api;

/** Every test of {@link ProtocolTest} on the durable ports: DynamoDB and SQS emulators, the step poller. */
class DurableProtocolTest extends ProtocolTest {
    @Override
    LocalSfn.Backend backend() {
        return LocalSfn.Backend.DURABLE;
    }
}
