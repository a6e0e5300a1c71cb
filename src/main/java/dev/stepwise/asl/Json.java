package dev.stepwise.asl;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamWriteConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The one JSON mapper of the language layer. Values are Jackson trees treated as immutable once
 * built: code that needs a changed value copies the part it changes, so a state's input can be
 * shared by its output, its history events and its successors without defensive copies.
 */
public final class Json {
    /**
     * Levels of nesting the mapper allows beyond the deepest user value
     * ({@link EvaluationLimits#MAX_NESTING_DEPTH}): a stored step, a queued message or a history
     * event wraps a value in a few levels of its own, and Jackson's default limit (1000) for reading
     * and writing would refuse the envelope around a value that is itself allowed.
     */
    public static final int ENVELOPE_LEVELS = 64;
    public static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(EvaluationLimits.MAX_NESTING_DEPTH + ENVELOPE_LEVELS).build())
            .streamWriteConstraints(StreamWriteConstraints.builder()
                    .maxNestingDepth(EvaluationLimits.MAX_NESTING_DEPTH + ENVELOPE_LEVELS).build())
            .build());
    public static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /**
     * How users' values are read where they enter (an execution's input, a task's output, TestState's
     * input and variables): at most {@link EvaluationLimits#MAX_NESTING_DEPTH} levels, so every path
     * — API, store, queue, engine, in memory and durable — accepts and refuses the same depth, and
     * nothing after the entry can be too deep to store.
     */
    private static final com.fasterxml.jackson.databind.ObjectReader USER_VALUES = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(EvaluationLimits.MAX_NESTING_DEPTH).build())
            .build()).reader().with(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private Json() {
    }

    /** Parses JSON text; throws {@link IllegalArgumentException} with the parser's message on bad JSON. */
    public static JsonNode parse(String text) {
        try {
            JsonNode node = MAPPER.readTree(text);
            if (node == null || node.isMissingNode()) {
                throw new IllegalArgumentException("empty JSON text");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e.getOriginalMessage(), e);
        }
    }

    /**
     * Parses a user's value as it enters ({@link #USER_VALUES}); throws {@link IllegalArgumentException}
     * with the parser's message on bad JSON, trailing tokens or a value nested too deep.
     */
    public static JsonNode parseUserValue(String text) {
        try {
            JsonNode node = USER_VALUES.readTree(text);
            if (node == null || node.isMissingNode()) {
                throw new IllegalArgumentException("empty JSON text");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e.getOriginalMessage(), e);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /**
     * Parses a whole JSON document, text after the value included: a definition, an input file.
     * Throws {@link JsonSyntaxError} with the line and column where it does not parse.
     */
    public static JsonNode parseDocument(String text) {
        try {
            JsonNode node = MAPPER.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).readTree(text);
            if (node == null || node.isMissingNode()) {
                throw new JsonSyntaxError("No content to map due to end-of-input", 1, 1);
            }
            return node;
        } catch (JsonProcessingException e) {
            int[] at = where(text, e);
            throw new JsonSyntaxError(e.getOriginalMessage(), at[0], at[1]);
        } catch (java.io.IOException e) {
            throw new JsonSyntaxError(String.valueOf(e.getMessage()), 1, 1);
        }
    }

    private static final java.util.regex.Pattern UNRECOGNIZED_TOKEN =
            java.util.regex.Pattern.compile("^Unrecognized token '([^']*)'");

    /**
     * Line and column where the parser gave up, as AWS's parser reports them: for a bad token, just
     * after the token ("Unrecognized token 'not' ... column: 4" for "not a definition"); the
     * Jackson here reads further before it complains, so the token is looked up in the text.
     */
    private static int[] where(String text, JsonProcessingException e) {
        JsonLocation at = e.getLocation();
        int line = at == null ? 1 : Math.max(1, at.getLineNr());
        int column = at == null ? 1 : Math.max(1, at.getColumnNr());
        java.util.regex.Matcher token = UNRECOGNIZED_TOKEN.matcher(String.valueOf(e.getOriginalMessage()));
        if (at != null && token.find() && at.getCharOffset() >= 0) {
            int start = text.lastIndexOf(token.group(1), (int) Math.min(at.getCharOffset(), text.length()));
            if (start >= 0) {
                int end = start + token.group(1).length();
                line = 1 + (int) text.substring(0, end).chars().filter(c -> c == '\n').count();
                column = end - (text.lastIndexOf('\n', end - 1) + 1) + 1;
            }
        }
        return new int[] {line, column};
    }

    /** Compact JSON text, as AWS shows payloads in history events and error causes. */
    public static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree could not be written", e);
        }
    }

    /** JSON equality where 1, 1.0 and 1L are the same number, as they are in JSON text. */
    public static boolean sameValue(JsonNode a, JsonNode b) {
        return a.equals(NUMBERS_BY_VALUE, b);
    }

    private static final java.util.Comparator<JsonNode> NUMBERS_BY_VALUE = (a, b) -> {
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue());
        }
        return a.equals(b) ? 0 : 1;
    };

    public static ObjectNode object() {
        return NODES.objectNode();
    }
}
