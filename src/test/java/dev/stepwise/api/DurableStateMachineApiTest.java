package dev.stepwise.api;

/** Every test of {@link StateMachineApiTest} on the durable ports: DynamoDB and SQS emulators, the step poller. */
class DurableStateMachineApiTest extends StateMachineApiTest {
    @Override
    LocalSfn.Backend backend() {
        return LocalSfn.Backend.DURABLE;
    }
}
