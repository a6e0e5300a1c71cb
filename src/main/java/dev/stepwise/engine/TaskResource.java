package dev.stepwise.engine;

/**
 * A Task's Resource ARN read the way its history events name it: a service integration
 * ({@code arn:aws:states:::lambda:invoke} → resourceType "lambda", resource "invoke"), a Lambda
 * function ARN, or an activity ARN.
 */
public record TaskResource(Kind kind, String resourceType, String resource, String region) {

    public enum Kind { SERVICE, LAMBDA_FUNCTION, ACTIVITY }

    /** The resource type prefix of AWS SDK integrations ({@code arn:aws:states:::aws-sdk:SERVICE:ACTION}). */
    public static final String AWS_SDK = "aws-sdk:";

    /** AWS's three service integration patterns, named by the resource ARN's suffix. */
    public enum Pattern {
        REQUEST_RESPONSE(""), RUN_JOB(".sync"), RUN_JOB_JSON(".sync:2"), WAIT_FOR_TASK_TOKEN(".waitForTaskToken");

        private final String suffix;

        Pattern(String suffix) {
            this.suffix = suffix;
        }

        public String suffix() {
            return suffix;
        }

        public static Pattern of(String arn) {
            if (!arn.startsWith("arn:aws:states:")) {
                return REQUEST_RESPONSE;
            }
            if (arn.endsWith(".waitForTaskToken")) {
                return WAIT_FOR_TASK_TOKEN;
            }
            if (arn.endsWith(".sync:2")) {
                return RUN_JOB_JSON;
            }
            return arn.endsWith(".sync") ? RUN_JOB : REQUEST_RESPONSE;
        }

        /** The ARN without this pattern's suffix: {@code arn:aws:states:::sqs:sendMessage}. */
        public String strip(String arn) {
            return arn.endsWith(suffix) ? arn.substring(0, arn.length() - suffix.length()) : arn;
        }
    }

    public static TaskResource of(String arn, String defaultRegion) {
        String[] parts = arn.split(":", 6);
        if (parts.length == 6 && "lambda".equals(parts[2]) && parts[5].startsWith("function:")) {
            return new TaskResource(Kind.LAMBDA_FUNCTION, "lambda", arn, orDefault(parts[3], defaultRegion));
        }
        if (parts.length == 6 && "states".equals(parts[2]) && parts[5].startsWith("activity:")) {
            return new TaskResource(Kind.ACTIVITY, "activity", arn, orDefault(parts[3], defaultRegion));
        }
        if (parts.length == 6 && "states".equals(parts[2])) {
            String service = parts[5];
            // AWS SDK integrations name the service in the type: resourceType "aws-sdk:s3", resource
            // "getObject" (recorded on AWS, LocalStack services/test_aws_sdk_task_service).
            int colon = service.startsWith(AWS_SDK) ? service.indexOf(':', AWS_SDK.length()) : service.indexOf(':');
            if (colon > 0) {
                return new TaskResource(Kind.SERVICE, service.substring(0, colon), service.substring(colon + 1),
                        orDefault(parts[3], defaultRegion));
            }
        }
        return new TaskResource(Kind.SERVICE, parts.length > 2 ? parts[2] : arn, arn,
                parts.length > 3 ? orDefault(parts[3], defaultRegion) : defaultRegion);
    }

    private static String orDefault(String region, String defaultRegion) {
        return region == null || region.isEmpty() ? defaultRegion : region;
    }
}
