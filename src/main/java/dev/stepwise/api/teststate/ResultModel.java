package dev.stepwise.api.teststate;

import java.util.List;
import java.util.Set;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;

/**
 * The response a Task resource returns, as its AWS API model describes it: the fields of the AWS
 * SDK's response class, and the members the model marks required (the SDK's response classes
 * do not carry that mark, so it is given here from the API reference).
 */
public record ResultModel(List<SdkField<?>> fields, Set<String> required) {
    public ResultModel {
        fields = List.copyOf(fields);
        required = Set.copyOf(required);
    }

    /** The model of an SDK response class, from its builder (e.g. {@code InvokeResponse.builder()}). */
    public static ResultModel of(SdkPojo response, String... required) {
        return new ResultModel(response.sdkFields(), Set.of(required));
    }
}
