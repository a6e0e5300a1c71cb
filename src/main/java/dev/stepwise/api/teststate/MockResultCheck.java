package dev.stepwise.api.teststate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepwise.api.ApiException;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.protocol.MarshallingType;
import software.amazon.awssdk.core.traits.ListTrait;
import software.amazon.awssdk.core.traits.MapTrait;

/**
 * Checks a mocked result against its response model, as MockInput.fieldValidationMode asks:
 * STRICT ("All required fields must be present, and all present fields must conform to the
 * API's schema"), PRESENT ("All present fields must conform"), NONE. Members are named as Step
 * Functions names them (PascalCase: {@code executionArn} is {@code ExecutionArn}); members the
 * model does not know are let through. Messages as recorded on AWS (LocalStack's
 * test_field_validation_mode*.snapshot.json): "Mock result schema validation error: Field
 * 'StatusCode' must be a number", "... Required field 'ExecutionArn' is missing".
 */
final class MockResultCheck {
    private static final String PREFIX = "Mock result schema validation error: ";

    private MockResultCheck() {
    }

    static void check(JsonNode result, ResultModel model, boolean strict) {
        if (!result.isObject()) {
            throw invalid("The mocked result must be a JSON object");
        }
        if (strict) {
            // In the model's member order, as AWS reports the first one missing.
            for (SdkField<?> field : model.fields()) {
                String name = stepFunctionsCased(field.memberName());
                if (model.required().contains(field.memberName()) && !result.has(name)) {
                    throw invalid("Required field '" + name + "' is missing");
                }
            }
        }
        structure(result, model.fields());
    }

    private static void structure(JsonNode value, List<SdkField<?>> fields) {
        for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> member = it.next();
            for (SdkField<?> field : fields) {
                if (stepFunctionsCased(field.memberName()).equals(member.getKey())) {
                    value(member.getValue(), field, member.getKey());
                    break;
                }
            }
        }
    }

    private static void value(JsonNode value, SdkField<?> field, String name) {
        MarshallingType<?> type = field.marshallingType();
        if (value.isNull() || type == MarshallingType.DOCUMENT) {
            return;
        }
        if (type == MarshallingType.SDK_POJO) {
            if (!value.isObject()) {
                throw typeError(name, "an object");
            }
            structure(value, field.constructor().get().sdkFields());
        } else if (type == MarshallingType.LIST) {
            if (!value.isArray()) {
                throw typeError(name, "an array");
            }
            SdkField<?> member = field.getTrait(ListTrait.class).memberFieldInfo();
            value.forEach(element -> value(element, member, name));
        } else if (type == MarshallingType.MAP) {
            if (!value.isObject()) {
                throw typeError(name, "an object");
            }
            SdkField<?> member = field.getTrait(MapTrait.class).valueFieldInfo();
            value.forEach(element -> value(element, member, name));
        } else if (type == MarshallingType.BOOLEAN) {
            if (!value.isBoolean()) {
                throw typeError(name, "a boolean");
            }
        } else if (NUMBERS.contains(type)) {
            if (!value.isNumber() || (INTEGERS.contains(type) && !value.isIntegralNumber())) {
                throw typeError(name, "a number");
            }
        } else if (!value.isTextual()) {
            // Strings, timestamps and blobs (a Lambda Payload too) are strings in the API's JSON.
            throw typeError(name, "a string");
        }
    }

    private static final Set<MarshallingType<?>> INTEGERS = Set.of(MarshallingType.INTEGER, MarshallingType.LONG,
            MarshallingType.SHORT, MarshallingType.BYTE);
    private static final Set<MarshallingType<?>> NUMBERS = Set.of(MarshallingType.INTEGER, MarshallingType.LONG,
            MarshallingType.SHORT, MarshallingType.BYTE, MarshallingType.FLOAT, MarshallingType.DOUBLE,
            MarshallingType.BIG_DECIMAL);

    /** Step Functions' integrations name members with a capital first letter. */
    static String stepFunctionsCased(String member) {
        return member.isEmpty() ? member : Character.toUpperCase(member.charAt(0)) + member.substring(1);
    }

    private static ApiException typeError(String name, String expected) {
        return invalid("Field '" + name + "' must be " + expected);
    }

    private static ApiException invalid(String detail) {
        return new ApiException("ValidationException", PREFIX + detail);
    }
}
