package dev.stepwise.tasks;

import java.util.Map;

/**
 * An AWS service an integration calls, and how Step Functions names its failures. Step Functions
 * reports a service error as {@code <prefix>.<exception>}, where the exception is the class the
 * AWS SDK for Java 1.x models for the error code, or the service's generic exception when none
 * is modelled; the cause is the SDK 1.x exception message. Recorded on AWS (LocalStack snapshots
 * tests/aws/services/stepfunctions/v2/error_handling/*): {@code DynamoDB.ResourceNotFoundException}
 * vs {@code DynamoDB.AmazonDynamoDBException} for a ValidationException,
 * {@code SQS.AmazonSQSException} for MissingParameter, {@code Lambda.ResourceNotFoundException}.
 *
 * @param signingName   SigV4 service name and default endpoint host prefix
 * @param errorPrefix   the error names' prefix ({@code Lambda}, {@code SQS}, ...)
 * @param sdkName       the service name SDK 1.x messages show ({@code AWSLambda}, {@code AmazonDynamoDBv2})
 * @param genericError  the exception of an error code SDK 1.x does not model
 * @param modelled      error code → SDK 1.x exception class name
 */
public record AwsService(String signingName, String errorPrefix, String sdkName, String genericError,
                         Map<String, String> modelled) {

    public static final AwsService LAMBDA = new AwsService("lambda", "Lambda", "AWSLambda", "AWSLambdaException",
            same("CodeStorageExceededException", "EC2AccessDeniedException", "EC2ThrottledException",
                    "EC2UnexpectedException", "EFSIOException", "EFSMountConnectivityException",
                    "EFSMountFailureException", "EFSMountTimeoutException", "ENILimitReachedException",
                    "InvalidParameterValueException", "InvalidRequestContentException", "InvalidRuntimeException",
                    "InvalidSecurityGroupIDException", "InvalidSubnetIDException", "InvalidZipFileException",
                    "KMSAccessDeniedException", "KMSDisabledException", "KMSInvalidStateException",
                    "KMSNotFoundException", "RecursiveInvocationException", "RequestTooLargeException",
                    "ResourceConflictException", "ResourceNotFoundException", "ResourceNotReadyException",
                    "ServiceException", "SnapStartException", "SnapStartNotReadyException",
                    "SnapStartTimeoutException", "SubnetIPAddressLimitReachedException", "TooManyRequestsException",
                    "UnsupportedMediaTypeException"));

    public static final AwsService SQS = new AwsService("sqs", "SQS", "AmazonSQS", "AmazonSQSException", Map.ofEntries(
            // SDK 1.x speaks SQS's query protocol; the JSON protocol reports the same codes in x-amzn-query-error.
            Map.entry("AWS.SimpleQueueService.NonExistentQueue", "QueueDoesNotExistException"),
            Map.entry("QueueDoesNotExist", "QueueDoesNotExistException"),
            Map.entry("InvalidMessageContents", "InvalidMessageContentsException"),
            Map.entry("AWS.SimpleQueueService.UnsupportedOperation", "UnsupportedOperationException"),
            Map.entry("RequestThrottled", "RequestThrottledException"),
            Map.entry("InvalidAddress", "InvalidAddressException"),
            Map.entry("InvalidSecurity", "InvalidSecurityException"),
            Map.entry("KMS.AccessDeniedException", "KmsAccessDeniedException"),
            Map.entry("KMS.DisabledException", "KmsDisabledException"),
            Map.entry("KMS.InvalidKeyUsageException", "KmsInvalidKeyUsageException"),
            Map.entry("KMS.InvalidStateException", "KmsInvalidStateException"),
            Map.entry("KMS.NotFoundException", "KmsNotFoundException"),
            Map.entry("KMS.OptInRequired", "KmsOptInRequiredException"),
            Map.entry("KMS.ThrottlingException", "KmsThrottledException")));

    public static final AwsService DYNAMODB = new AwsService("dynamodb", "DynamoDB", "AmazonDynamoDBv2",
            "AmazonDynamoDBException", Map.ofEntries(
                    Map.entry("ConditionalCheckFailedException", "ConditionalCheckFailedException"),
                    Map.entry("InternalServerError", "InternalServerErrorException"),
                    Map.entry("ItemCollectionSizeLimitExceededException", "ItemCollectionSizeLimitExceededException"),
                    Map.entry("LimitExceededException", "LimitExceededException"),
                    Map.entry("ProvisionedThroughputExceededException", "ProvisionedThroughputExceededException"),
                    Map.entry("RequestLimitExceeded", "RequestLimitExceededException"),
                    Map.entry("ResourceInUseException", "ResourceInUseException"),
                    Map.entry("ResourceNotFoundException", "ResourceNotFoundException"),
                    Map.entry("TransactionConflictException", "TransactionConflictException")));

    /** SNS models most of its query-protocol codes as {@code <Code>Exception}. */
    public static final AwsService SNS = new AwsService("sns", "SNS", "AmazonSNS", "AmazonSNSException", Map.ofEntries(
            Map.entry("AuthorizationError", "AuthorizationErrorException"),
            Map.entry("EndpointDisabled", "EndpointDisabledException"),
            Map.entry("InternalError", "InternalErrorException"),
            Map.entry("InvalidParameter", "InvalidParameterException"),
            Map.entry("ParameterValueInvalid", "InvalidParameterValueException"),
            Map.entry("InvalidSecurity", "InvalidSecurityException"),
            Map.entry("KMSAccessDenied", "KMSAccessDeniedException"),
            Map.entry("KMSDisabled", "KMSDisabledException"),
            Map.entry("KMSInvalidState", "KMSInvalidStateException"),
            Map.entry("KMSNotFound", "KMSNotFoundException"),
            Map.entry("KMSOptInRequired", "KMSOptInRequiredException"),
            Map.entry("KMSThrottling", "KMSThrottlingException"),
            Map.entry("NotFound", "NotFoundException"),
            Map.entry("PlatformApplicationDisabled", "PlatformApplicationDisabledException"),
            Map.entry("Throttled", "ThrottledException"),
            Map.entry("ValidationException", "ValidationException")));

    public static final AwsService EVENTBRIDGE = new AwsService("events", "EventBridge", "AmazonEventBridge",
            "AmazonEventBridgeException", same("InternalException", "ResourceNotFoundException"));

    /** The error name Step Functions gives this service's error {@code code}. */
    public String errorName(String code) {
        return errorPrefix + "." + modelled.getOrDefault(code, genericError);
    }

    /** The cause: SDK 1.x's exception message for a service error. */
    public String cause(String message, int status, String code, String requestId) {
        return message + " (Service: " + sdkName + "; Status Code: " + status + "; Error Code: " + code
                + "; Request ID: " + requestId + "; Proxy: null)";
    }

    /** A request that got no response (connection refused, unknown host, timeout): SDK 1.x's client exception. */
    public String clientErrorName() {
        return errorPrefix + ".SdkClientException";
    }

    public static String clientErrorCause(String message) {
        return "Unable to execute HTTP request: " + message;
    }

    private static Map<String, String> same(String... names) {
        Map<String, String> map = new java.util.HashMap<>();
        for (String name : names) {
            map.put(name, name);
        }
        return Map.copyOf(map);
    }
}
