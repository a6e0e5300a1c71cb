package dev.stepwise.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** How history events name a Task's resource (taskScheduledEventDetails.resourceType/resource). */
class TaskResourceTest {

    @Test
    void aServiceIntegrationSplitsIntoServiceAndAction() {
        TaskResource r = TaskResource.of("arn:aws:states:::lambda:invoke", "eu-west-1");
        assertEquals(new TaskResource(TaskResource.Kind.SERVICE, "lambda", "invoke", "eu-west-1"), r);
    }

    @Test
    void theIntegrationPatternStaysPartOfTheResource() {
        TaskResource r = TaskResource.of("arn:aws:states:::sqs:sendMessage.waitForTaskToken", "us-east-1");
        assertEquals("sqs", r.resourceType());
        assertEquals("sendMessage.waitForTaskToken", r.resource());
    }

    @Test
    void anAwsSdkIntegrationNamesItsServiceInTheResourceType() {
        // Recorded on AWS (LocalStack services/test_aws_sdk_task_service): resourceType "aws-sdk:s3", resource "getObject".
        TaskResource r = TaskResource.of("arn:aws:states:::aws-sdk:s3:getObject", "us-east-1");
        assertEquals(new TaskResource(TaskResource.Kind.SERVICE, "aws-sdk:s3", "getObject", "us-east-1"), r);
        assertEquals("sendMessage.waitForTaskToken",
                TaskResource.of("arn:aws:states:::aws-sdk:sqs:sendMessage.waitForTaskToken", "us-east-1").resource());
    }

    @Test
    void aLambdaFunctionArnIsALambdaFunctionResource() {
        TaskResource r = TaskResource.of("arn:aws:lambda:us-west-2:123456789012:function:Hello:live", "us-east-1");
        assertEquals(TaskResource.Kind.LAMBDA_FUNCTION, r.kind());
        assertEquals("us-west-2", r.region());
    }

    @Test
    void anActivityArnIsAnActivity() {
        assertEquals(TaskResource.Kind.ACTIVITY,
                TaskResource.of("arn:aws:states:us-east-1:123456789012:activity:Review", "us-east-1").kind());
    }
}
