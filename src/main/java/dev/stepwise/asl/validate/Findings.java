package dev.stepwise.asl.validate;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The findings of one validation run, with the checks every part of a definition shares. Wording
 * follows what AWS CreateStateMachine / ValidateStateMachineDefinition print:
 * <ul>
 * <li>"These fields are required: [States, StartAt]" at "/" — LocalStack snapshot recorded on AWS,
 * tests/aws/services/stepfunctions/v2/test_sfn_api_validation.snapshot.json (EMPTY_DICT);</li>
 * <li>"Field 'TimeoutSeconds' is not supported" at the state, not at the field — measured on AWS in
 * floci-io/floci issue #2735;</li>
 * <li>"There should only be one of the following fields: [...]", "This object should have only one
 * of the following fields: [...]", "Value cannot be empty", "Value should be one of the following:
 * [...]", "Expected value of type Integer", "Minimum value is N", "Maximum value is N" — AWS
 * messages quoted by the public cdk_preflight rego rules (pf-sfn-asl-*), measured with
 * ValidateStateMachineDefinition.</li>
 * </ul>
 */
final class Findings {
    static final String SCHEMA = "SCHEMA_VALIDATION_FAILED";
    static final String MISSING_TRANSITION_TARGET = "MISSING_TRANSITION_TARGET";
    static final String MISSING_END_STATE = "MISSING_END_STATE";
    static final String DUPLICATE_STATE_NAME = "DUPLICATE_STATE_NAME";
    static final String INVALID_STATE_NAME = "INVALID_STATE_NAME";
    static final String INVALID_JSON_DESCRIPTION = "INVALID_JSON_DESCRIPTION";
    static final String MISSING_DESCRIPTION = "MISSING_DESCRIPTION";

    private final List<Diagnostic> diagnostics = new ArrayList<>();

    List<Diagnostic> all() {
        return List.copyOf(diagnostics);
    }

    void add(String code, String message, String location) {
        diagnostics.add(Diagnostic.error(code, message, location));
    }

    void schema(String message, String location) {
        add(SCHEMA, message, location);
    }

    /**
     * A child location: {@code /States/Hello} + {@code Next}. The root is written "/" alone, array
     * elements as {@code /States/T/Catch[0]/Next} and {@code /States/P/Branches[0]/States/A}, as AWS
     * writes them (measured, floci-io/floci ValidateStateMachineDefinition integration tests).
     */
    static String at(String parent, String field) {
        return ("/".equals(parent) ? "" : parent) + "/" + field;
    }

    static String at(String parent, int index) {
        return parent + "[" + index + "]";
    }

    // ---- presence ------------------------------------------------------------------------------

    /** Reports the missing ones among {@code fields}; true when all are present. */
    boolean required(JsonNode object, String location, String... fields) {
        List<String> missing = new ArrayList<>();
        for (String field : fields) {
            if (!object.has(field)) {
                missing.add(field);
            }
        }
        if (!missing.isEmpty()) {
            schema("These fields are required: " + missing, location);
        }
        return missing.isEmpty();
    }

    /**
     * At most one of a field and its alternative (TimeoutSeconds / TimeoutSecondsPath...), reported
     * at the first one: AWS answers MaxConcurrency with MaxConcurrencyPath at
     * /States/M/MaxConcurrency (measured, floci-io/floci integration tests).
     */
    void atMostOne(JsonNode object, String location, String... fields) {
        if (countPresent(object, fields) > 1) {
            schema("There should only be one of the following fields: " + List.of(fields), at(location, fields[0]));
        }
    }

    /** Exactly one of the fields. */
    void exactlyOne(JsonNode object, String location, String... fields) {
        int present = countPresent(object, fields);
        if (present > 1) {
            schema("There should only be one of the following fields: " + List.of(fields), location);
        } else if (present == 0) {
            schema("This object should have only one of the following fields: " + List.of(fields), location);
        }
    }

    static int countPresent(JsonNode object, String... fields) {
        int present = 0;
        for (String field : fields) {
            if (object.has(field)) {
                present++;
            }
        }
        return present;
    }

    void notSupported(String field, String objectLocation) {
        schema("Field '" + field + "' is not supported", objectLocation);
    }

    /**
     * AWS's "Field 'X' is not supported", with the closest of {@code known} added when X looks
     * like a slip for it ({@code Nxt} → "(did you mean 'Next'?)"). Returns that name.
     */
    Optional<String> notSupported(String field, String objectLocation, Collection<String> known) {
        Optional<String> meant = Spelling.closest(field, known);
        schema("Field '" + field + "' is not supported" + meant.map(Findings::didYouMean).orElse(""), objectLocation);
        return meant;
    }

    /**
     * Every field of {@code object} that is not in {@code allowed}, reported as not supported
     * (with a suggestion). Returns the misspelt ones by the field they were meant to be.
     */
    Map<String, String> unknownFields(JsonNode object, String location, Collection<String> allowed) {
        Map<String, String> misspelt = new LinkedHashMap<>();
        for (Iterator<String> it = object.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (!allowed.contains(field)) {
                notSupported(field, location, allowed).ifPresent(meant -> misspelt.putIfAbsent(meant, field));
            }
        }
        return misspelt;
    }

    static String didYouMean(String meant) {
        return " (did you mean '" + meant + "'?)";
    }

    // ---- value types ---------------------------------------------------------------------------

    boolean isObject(JsonNode value, String location) {
        return expect(value != null && value.isObject(), "Object", location);
    }

    boolean isArray(JsonNode value, String location) {
        return expect(value != null && value.isArray(), "Array", location);
    }

    boolean isString(JsonNode value, String location) {
        return expect(value != null && value.isTextual(), "String", location);
    }

    boolean isBoolean(JsonNode value, String location) {
        return expect(value != null && value.isBoolean(), "Boolean", location);
    }

    boolean isNumber(JsonNode value, String location) {
        return expect(value != null && value.isNumber(), "Number", location);
    }

    boolean isInteger(JsonNode value, String location) {
        return expect(value != null && value.isIntegralNumber(), "Integer", location);
    }

    private boolean expect(boolean ok, String type, String location) {
        if (!ok) {
            schema("Expected value of type " + type, location);
        }
        return ok;
    }

    /** An integer within [min, max] (max may be null for no upper bound). */
    void integerIn(JsonNode value, String location, long min, Long max) {
        if (isInteger(value, location)) {
            inRange(value, location, min, max);
        }
    }

    void numberIn(JsonNode value, String location, double min, Double max) {
        if (isNumber(value, location)) {
            if (value.doubleValue() < min) {
                schema("Minimum value is " + plain(min), location);
            } else if (max != null && value.doubleValue() > max) {
                schema("Maximum value is " + plain(max), location);
            }
        }
    }

    private void inRange(JsonNode value, String location, long min, Long max) {
        if (value.bigIntegerValue().compareTo(java.math.BigInteger.valueOf(min)) < 0) {
            schema("Minimum value is " + min, location);
        } else if (max != null && value.bigIntegerValue().compareTo(java.math.BigInteger.valueOf(max)) > 0) {
            schema("Maximum value is " + max, location);
        }
    }

    private static String plain(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }

    void oneOf(JsonNode value, String location, List<String> allowed) {
        if (isString(value, location) && !allowed.contains(value.textValue())) {
            schema("Value should be one of the following: " + allowed + Spelling.suggestion(value.textValue(), allowed),
                    location);
        }
    }

    /** A non-empty array; true when it is one. */
    boolean nonEmptyArray(JsonNode value, String location) {
        if (!isArray(value, location)) {
            return false;
        }
        if (value.isEmpty()) {
            schema("Value cannot be empty", location);
            return false;
        }
        return true;
    }
}
