package dev.stepwise.asl.jsonata;

import com.dashjoin.jsonata.JException;

/**
 * The causes of States.QueryEvaluationError, worded as AWS words them. The engine puts "An error
 * occurred while executing the state 'X' (entered at the event id #N). " in front.
 */
final class JsonataCauses {
    /** AWS's sentence when an expression builds a value past its evaluation memory limit. */
    static final String MEMORY_LIMIT_EXCEEDED = dev.stepwise.asl.EvaluationLimitExceeded.JSONATA_MEMORY_LIMIT;

    private JsonataCauses() {
    }

    /**
     * Recorded on AWS: "The JSONata expression '$states.input.pushLocation' specified for the field
     * 'Arguments/Input/pushLocation' returned nothing (undefined)."
     */
    static String returnedNothing(String expression, String field) {
        return "The JSONata expression '" + expression + "'" + forField(field) + " returned nothing (undefined).";
    }

    /**
     * A field's expression gave a value of the wrong JSON type, e.g. "The JSONata expression
     * '$states.input.items' specified for the field 'Items' returned an unexpected result type.
     * Expected 'array', but was 'object' for value: {"a":1}" (LocalStack's ItemsJSONata, written to
     * AWS's wording: strings quoted, objects and arrays compact).
     */
    static String unexpectedType(String expression, String field, String expected, com.fasterxml.jackson.databind.JsonNode value) {
        String type = value.isNull() ? "null" : value.isBoolean() ? "boolean" : value.isNumber() ? "number"
                : value.isTextual() ? "string" : value.isArray() ? "array" : "object";
        return "The JSONata expression '" + expression + "'" + forField(field) + " returned an unexpected result type. Expected '"
                + expected + "', but was '" + type + "' for value: " + dev.stepwise.asl.Json.write(value);
    }

    /** A function value has no JSON form (LocalStack's wording for the same case). */
    static String unsupportedResult(String expression, String field) {
        return "The JSONata expression '" + expression + "'" + forField(field) + " returned an unsupported result type.";
    }

    /**
     * An expression that threw: AWS's sentence, then JSONata's code and message as jsonata-js
     * renders it ("T2001: The left side of the "+" operator must evaluate to a number"). A message
     * without a code of its own follows a colon instead of a full stop.
     */
    static String threw(String expression, String field, String jsonataMessage) {
        String separator = jsonataMessage.matches("[A-Z]\\d{4}: .*") ? ". " : ": ";
        return "The JSONata expression '" + expression + "'" + forField(field)
                + " threw an error during evaluation" + separator + jsonataMessage;
    }

    private static String forField(String field) {
        return field == null || field.isEmpty() ? "" : " specified for the field '" + field + "'";
    }

    /** The library's failure in jsonata-js's words: "CODE: message", or the bare message. */
    static String message(Throwable failure) {
        if (failure instanceof dev.stepwise.asl.EvaluationLimitExceeded exceeded) {
            return exceeded.jsonataMessage();
        }
        if (failure instanceof FunctionError functionError) {
            return functionError.getMessage();
        }
        if (failure instanceof JException jsonata) {
            String code = jsonata.getError();
            if (code == null) {
                return String.valueOf(jsonata.getMessage());
            }
            if (!code.matches("[A-Z]\\d{4}")) {
                // The library puts a message without a catalogued code in the code slot.
                return code.replaceFirst("\\. Depth=\\d+ max=\\d+$", "");
            }
            return code + ": " + jsonataWording(code, jsonata);
        }
        return String.valueOf(failure.getMessage());
    }

    /**
     * The dashjoin port's catalog says "Object" where jsonata-js says "function" and quotes an
     * argument index jsonata-js prints bare; the signature messages are written out here.
     */
    private static String jsonataWording(String code, JException failure) {
        if (code.equals("T0410")) {
            return "Argument " + failure.getCurrent() + " of function \"" + failure.getExpected()
                    + "\" does not match function signature";
        }
        return String.valueOf(failure.getMessage())
                .replace(" of Object \"", " of function \"")
                .replace(" Object signature", " function signature");
    }
}
