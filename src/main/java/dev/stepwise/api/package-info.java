/**
 * The AWS Step Functions API in the AWS JSON 1.0 protocol, so the official SDKs and CLI drive
 * Stepwise unchanged. {@link dev.stepwise.api.StepFunctionsApi} takes the X-Amz-Target header and
 * the body and answers status plus JSON; it knows no HTTP server, so the laptop server
 * ({@code dev.stepwise.local.ApiServer}) and an API Gateway handler can both carry it.
 *
 * <p>Actions read and validate their whole request first (wrong JSON types are
 * SerializationException, broken constraints ValidationException, as AWS's front end answers),
 * then call the ports in {@link dev.stepwise.api.port}: storage and execution are someone
 * else's business. Error codes and messages follow the API reference and what AWS answered in
 * recorded tests (LocalStack's snapshots recorded on AWS); each place says which.
 *
 * <p>Clients: the AWS SDK for Java v2 works with {@code endpointOverride}; TestState and
 * StartSyncExecution are sent to a {@code sync-} host prefix, so set
 * {@code SdkAdvancedClientOption.DISABLE_HOST_PREFIX_INJECTION} for a localhost endpoint. The
 * AWS CLI cannot switch the prefix off, so those two actions need a host name whose
 * {@code sync-} form resolves.
 */
package dev.stepwise.api;
