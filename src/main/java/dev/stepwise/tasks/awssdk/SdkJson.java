package dev.stepwise.tasks.awssdk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepwise.asl.Json;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.protocol.MarshallingType;
import software.amazon.awssdk.core.traits.ListTrait;
import software.amazon.awssdk.core.traits.MapTrait;
import software.amazon.awssdk.core.traits.PayloadTrait;
import software.amazon.awssdk.core.util.SdkAutoConstructList;
import software.amazon.awssdk.core.util.SdkAutoConstructMap;
import software.amazon.awssdk.utils.builder.SdkBuilder;

/**
 * JSON to SDK requests and SDK responses to JSON, driven by the SDK's own field descriptions
 * ({@link SdkPojo#sdkFields()}): member names as the API models them, in PascalCase, which is how
 * Step Functions spells AWS SDK integration parameters and results ({@link #name}).
 *
 * <p>Results as recorded on AWS (LocalStack test_aws_sdk_task_service, recorded 2023-2024):
 * members the service did not send are left out (DynamoDB putItem gives {@code {}}), members
 * and map keys in alphabetical order (getItem's Item {"S", "data", "id"}; getObject's
 * AcceptRanges, ContentLength, ContentType, ETag, LastModified, Metadata, ServerSideEncryption),
 * a streamed body last as text ({@code "Body": "text data"}), timestamps as ISO-8601 strings, a
 * payload blob (Lambda's Payload) as its text and other blobs in base64. A string member given
 * a JSON value that is not a string gets its JSON text (recorded: sfn startExecution's Input).
 */
final class SdkJson {
    static final String BODY = "Body";

    private SdkJson() {
    }

    /** A parameter the action does not take, or a value of the wrong type: the task cannot be sent. */
    static final class BadParameter extends RuntimeException {
        BadParameter(String message) {
            super(message);
        }
    }

    /** The request {@code operation} sends for {@code parameters} (its {@code Body} left to the caller when it uploads one). */
    static Object request(SdkOperation operation, JsonNode parameters) {
        SdkPojo builder = operation.newRequest();
        if (parameters != null && !parameters.isNull() && !parameters.isObject()) {
            throw new BadParameter("The parameters must be a JSON object");
        }
        fill(builder, parameters, operation.uploadsBody() ? BODY : null, "");
        return ((SdkBuilder<?, ?>) builder).build();
    }

    /** The result of a call: the response's members, and a streamed body last as {@code Body}. */
    static ObjectNode result(Object response) {
        if (response instanceof ResponseBytes<?> bytes) {
            ObjectNode result = pojo((SdkPojo) bytes.response());
            result.put(BODY, bytes.asUtf8String());
            return result;
        }
        return response instanceof SdkPojo pojo ? pojo(pojo) : Json.object();
    }

    private static void fill(SdkPojo builder, JsonNode parameters, String skipped, String path) {
        if (parameters == null || parameters.isNull()) {
            return;
        }
        Map<String, SdkField<?>> fields = new LinkedHashMap<>();
        builder.sdkFields().forEach(f -> fields.put(name(f), f));
        for (Iterator<Map.Entry<String, JsonNode>> it = parameters.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> parameter = it.next();
            String name = parameter.getKey();
            if (name.equals(skipped)) {
                continue;
            }
            SdkField<?> field = fields.get(name);
            if (field == null) {
                throw new BadParameter("The field \"" + path + name + "\" is not supported by Step Functions");
            }
            if (!parameter.getValue().isNull()) {
                field.set(builder, value(field, parameter.getValue(), path + name));
            }
        }
    }

    private static Object value(SdkField<?> field, JsonNode json, String path) {
        MarshallingType<?> type = field.marshallingType();
        if (type == MarshallingType.SDK_POJO) {
            if (!json.isObject()) {
                throw wrongType(path, "an object", json);
            }
            SdkPojo builder = field.constructor().get();
            fill(builder, json, null, path + ".");
            return ((SdkBuilder<?, ?>) builder).build();
        }
        if (type == MarshallingType.LIST) {
            if (!json.isArray()) {
                throw wrongType(path, "an array", json);
            }
            SdkField<?> member = field.getTrait(ListTrait.class).memberFieldInfo();
            List<Object> list = new ArrayList<>();
            for (int i = 0; i < json.size(); i++) {
                list.add(json.get(i).isNull() ? null : value(member, json.get(i), path + "[" + i + "]"));
            }
            return list;
        }
        if (type == MarshallingType.MAP) {
            if (!json.isObject()) {
                throw wrongType(path, "an object", json);
            }
            SdkField<?> member = field.getTrait(MapTrait.class).valueFieldInfo();
            Map<String, Object> map = new LinkedHashMap<>();
            json.fields().forEachRemaining(e -> map.put(e.getKey(),
                    e.getValue().isNull() ? null : value(member, e.getValue(), path + "." + e.getKey())));
            return map;
        }
        return scalar(type, json, path);
    }

    private static Object scalar(MarshallingType<?> type, JsonNode json, String path) {
        if (type == MarshallingType.STRING) {
            return json.isTextual() ? json.asText() : Json.write(json);
        }
        if (type == MarshallingType.BOOLEAN) {
            if (!json.isBoolean()) {
                throw wrongType(path, "a boolean", json);
            }
            return json.booleanValue();
        }
        if (type == MarshallingType.SDK_BYTES) {
            return SdkBytes.fromUtf8String(json.isTextual() ? json.asText() : Json.write(json));
        }
        if (type == MarshallingType.INSTANT) {
            return instant(json, path);
        }
        if (!json.isNumber()) {
            throw wrongType(path, "a number", json);
        }
        if (type == MarshallingType.INTEGER) {
            return json.intValue();
        }
        if (type == MarshallingType.LONG) {
            return json.longValue();
        }
        if (type == MarshallingType.SHORT) {
            return json.shortValue();
        }
        if (type == MarshallingType.BYTE) {
            return (byte) json.intValue();
        }
        if (type == MarshallingType.FLOAT) {
            return json.floatValue();
        }
        if (type == MarshallingType.DOUBLE) {
            return json.doubleValue();
        }
        if (type == MarshallingType.BIG_DECIMAL) {
            return json.decimalValue();
        }
        throw new BadParameter("The field '" + path + "' has a type Step Functions cannot send (" + type + ")");
    }

    private static Instant instant(JsonNode json, String path) {
        if (json.isNumber()) {
            return Instant.ofEpochMilli(json.decimalValue().multiply(BigDecimal.valueOf(1000)).longValue());
        }
        try {
            return Instant.parse(json.asText());
        } catch (DateTimeParseException e) {
            throw wrongType(path, "an ISO-8601 timestamp", json);
        }
    }

    /**
     * A member's name as Step Functions spells it: PascalCase, "even if the native service API is
     * in camelCase" (developer guide, AWS SDK service integrations: StateMachineArn for Step
     * Functions' stateMachineArn).
     */
    static String name(SdkField<?> field) {
        String member = field.memberName();
        return member.isEmpty() ? member : Character.toUpperCase(member.charAt(0)) + member.substring(1);
    }

    private static BadParameter wrongType(String path, String expected, JsonNode json) {
        return new BadParameter("The value of the field '" + path + "' must be " + expected + ", but was " + Json.write(json));
    }

    private static ObjectNode pojo(SdkPojo pojo) {
        TreeMap<String, JsonNode> sorted = new TreeMap<>();
        for (SdkField<?> field : pojo.sdkFields()) {
            JsonNode json = json(field, field.getValueOrDefault(pojo));
            if (json != null) {
                sorted.put(name(field), json);
            }
        }
        ObjectNode object = Json.object();
        sorted.forEach(object::set);
        return object;
    }

    /** A member's value as JSON; null when the service did not send it. */
    private static JsonNode json(SdkField<?> field, Object value) {
        if (value == null || value instanceof SdkAutoConstructList<?> || value instanceof SdkAutoConstructMap<?, ?>) {
            return null;
        }
        if (value instanceof SdkPojo pojo) {
            return pojo(pojo);
        }
        if (value instanceof List<?> list) {
            SdkField<?> member = field.getTrait(ListTrait.class).memberFieldInfo();
            ArrayNode array = Json.NODES.arrayNode();
            list.forEach(item -> {
                JsonNode json = json(member, item);
                array.add(json == null ? Json.NODES.nullNode() : json);
            });
            return array;
        }
        if (value instanceof Map<?, ?> map) {
            SdkField<?> member = field.getTrait(MapTrait.class).valueFieldInfo();
            ObjectNode object = Json.object();
            new TreeMap<>(map).forEach((key, item) -> {
                JsonNode json = json(member, item);
                object.set(String.valueOf(key), json == null ? Json.NODES.nullNode() : json);
            });
            return object;
        }
        if (value instanceof SdkBytes bytes) {
            return Json.NODES.textNode(field.containsTrait(PayloadTrait.class) ? bytes.asUtf8String()
                    : Base64.getEncoder().encodeToString(bytes.asByteArrayUnsafe()));
        }
        if (value instanceof Instant instant) {
            return Json.NODES.textNode(instant.toString());
        }
        return number(value);
    }

    private static JsonNode number(Object value) {
        if (value instanceof Integer i) {
            return Json.NODES.numberNode(i);
        }
        if (value instanceof Long l) {
            // As the value reads back from its JSON text: a small number is an int.
            return l == l.intValue() ? Json.NODES.numberNode(l.intValue()) : Json.NODES.numberNode(l);
        }
        if (value instanceof Double d) {
            return Json.NODES.numberNode(d);
        }
        if (value instanceof Float f) {
            return Json.NODES.numberNode(f);
        }
        if (value instanceof BigDecimal d) {
            return Json.NODES.numberNode(d);
        }
        if (value instanceof Short s) {
            return Json.NODES.numberNode(s);
        }
        if (value instanceof Byte b) {
            return Json.NODES.numberNode(b);
        }
        if (value instanceof Boolean b) {
            return Json.NODES.booleanNode(b);
        }
        return Json.NODES.textNode(String.valueOf(value));
    }
}
