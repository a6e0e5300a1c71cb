package dev.stepwise.asl.jsonata;

import com.dashjoin.jsonata.Functions;
import com.dashjoin.jsonata.JException;
import com.dashjoin.jsonata.Jsonata;
import com.fasterxml.jackson.databind.JsonNode;
import dev.stepwise.asl.EvaluationBudget;
import dev.stepwise.asl.EvaluationLimitExceeded;
import dev.stepwise.asl.StatesFailure;
import dev.stepwise.asl.path.PathSyntaxException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * One JSONata expression, the text between {@code {%} and {@code %}}, parsed once.
 *
 * <p>An expression sees no context item: {@code $states} ({@code input}, {@code result},
 * {@code errorOutput}, {@code context} as the engine provides them) and the workflow variables as
 * {@code $name} are all it reads. AWS's added functions are bound and {@code $eval} is not.
 *
 * <p>The library turns a JSON null result into a Java null, which is also its undefined. To keep
 * the two apart (AWS keeps a null and fails on nothing), the expression is evaluated as the value
 * of a one-field object: JSONata leaves a field out exactly when its value is undefined.
 */
public final class JsonataExpression {
    private static final String RESULT_FIELD = "v";
    private static final String STATES = "states";
    private static final String REDUCE = "reduce";

    private final String text;
    private final Jsonata wrapped;

    private JsonataExpression(String text, Jsonata wrapped) {
        this.text = text;
        this.wrapped = wrapped;
    }

    /**
     * @param expressionText the text between {@code {%} and {@code %}}; it is trimmed
     * @throws PathSyntaxException when JSONata cannot parse it, with the parser's code and message
     */
    public static JsonataExpression compile(String expressionText) {
        String text = expressionText.trim();
        try {
            // Parsed alone first, so a syntax error names positions in the user's own text.
            Jsonata.jsonata(text);
            return new JsonataExpression(text, Jsonata.jsonata("{\"" + RESULT_FIELD + "\": (" + text + "\n)}"));
        } catch (JException e) {
            throw new PathSyntaxException("INVALID_JSONATA_EXPRESSION: " + JsonataCauses.message(e)
                    + " in the JSONata expression '" + text + "'");
        } catch (RuntimeException | StackOverflowError e) {
            // The library's parser fails on some texts with an exception of its own (a regular
            // expression after ~>) or, nested thousands deep, with the stack.
            throw new PathSyntaxException("INVALID_JSONATA_EXPRESSION: the JSONata expression '" + text
                    + "' could not be parsed (" + e.getClass().getSimpleName() + ")");
        }
    }

    /**
     * Why JSONata cannot parse {@code expressionText}, in the parser's words without its error
     * code (AWS's INVALID_JSONATA_EXPRESSION diagnostic: "Unexpected end of expression"), or
     * empty when it parses.
     */
    public static java.util.Optional<String> syntaxError(String expressionText) {
        try {
            Jsonata.jsonata(expressionText.trim());
            return java.util.Optional.empty();
        } catch (JException e) {
            return java.util.Optional.of(JsonataCauses.message(e).replaceFirst("^[A-Z]\\d{4}: ", ""));
        } catch (RuntimeException e) {
            return java.util.Optional.of(String.valueOf(e.getMessage()));
        }
    }

    /** The trimmed expression text, as AWS quotes it in causes. */
    public String text() {
        return text;
    }

    /**
     * Evaluates the expression. Callers decide what undefined means for their field.
     *
     * @return the value, or a Java null when the expression returned nothing (JSONata undefined)
     * @throws QueryEvaluationFailure States.QueryEvaluationError when the expression throws or returns a function
     */
    public JsonNode evaluate(JsonNode statesVariable, Map<String, JsonNode> variables, RandomGenerator random) {
        return evaluateFor(null, statesVariable, variables, random, null);
    }

    /**
     * As {@link #evaluate(JsonNode, Map, RandomGenerator)} with {@code $now()} and {@code $millis()}
     * answering {@code now} instead of the library reading the system clock, so an engine that
     * passes its step time in stays deterministic.
     */
    public JsonNode evaluate(JsonNode statesVariable, Map<String, JsonNode> variables, RandomGenerator random,
            Instant now) {
        return evaluateFor(null, statesVariable, variables, random, now);
    }

    /**
     * Evaluates the expression written in {@code field} (as AWS names it: {@code Output},
     * {@code Arguments/Input/key}, {@code Items}), failing the state when it returns nothing.
     *
     * @throws QueryEvaluationFailure States.QueryEvaluationError naming the expression and the field
     */
    public JsonNode evaluateRequired(String field, JsonNode statesVariable, Map<String, JsonNode> variables,
            RandomGenerator random) {
        return evaluateRequired(field, statesVariable, variables, random, null);
    }

    /** As {@link #evaluateRequired(String, JsonNode, Map, RandomGenerator)} with {@code $now()} at {@code now}. */
    public JsonNode evaluateRequired(String field, JsonNode statesVariable, Map<String, JsonNode> variables,
            RandomGenerator random, Instant now) {
        JsonNode value = evaluateFor(field, statesVariable, variables, random, now);
        if (value == null) {
            throw new QueryEvaluationFailure(field, JsonataCauses.returnedNothing(text, field));
        }
        return value;
    }

    private JsonNode evaluateFor(String field, JsonNode statesVariable, Map<String, JsonNode> variables,
            RandomGenerator random, Instant now) {
        return EvaluationBudget.within(() -> evaluateWithin(EvaluationBudget.current(), field, statesVariable,
                variables, random, now));
    }

    /**
     * Evaluates under the step's budget (see {@link JsonataGuard}). A bound that is passed anywhere
     * fails the evaluation, whatever the library made of the failure on its way out.
     */
    private JsonNode evaluateWithin(EvaluationBudget budget, String field, JsonNode statesVariable,
            Map<String, JsonNode> variables, RandomGenerator random, Instant now) {
        Jsonata.Frame frame = frame(statesVariable, variables, random, now);
        JsonataGuard guard = new JsonataGuard(budget, CheckedBuiltins.REGEX_FUNCTIONS, frame.lookup(REDUCE));
        guard.install(frame);
        Object result;
        try {
            result = wrapped.evaluate(null, frame);
        } catch (RuntimeException | StackOverflowError e) {
            Throwable failure = guard.failure() != null ? guard.failure() : e;
            if (failure instanceof StatesFailure states && !(failure instanceof EvaluationLimitExceeded)) {
                throw states;
            }
            throw new QueryEvaluationFailure(field, JsonataCauses.threw(text, field, JsonataCauses.message(failure)));
        }
        if (guard.failure() != null) {
            throw new QueryEvaluationFailure(field, JsonataCauses.threw(text, field, JsonataCauses.message(guard.failure())));
        }
        Map<?, ?> holder = (Map<?, ?>) result;
        if (holder == null || !holder.containsKey(RESULT_FIELD)) {
            return null;
        }
        Optional<JsonNode> value = JsonataValues.fromJsonata(holder.get(RESULT_FIELD));
        return value.orElseThrow(() -> new QueryEvaluationFailure(field, JsonataCauses.unsupportedResult(text, field)));
    }

    private Jsonata.Frame frame(JsonNode statesVariable, Map<String, JsonNode> variables, RandomGenerator random,
            Instant now) {
        Jsonata.Frame frame = wrapped.createFrame();
        CheckedBuiltins.ALL.forEach(frame::bind);
        for (AwsFunction function : AwsFunctions.ALL) {
            frame.bind(function.name(), bound(function, random));
        }
        if (now != null) {
            long millis = now.toEpochMilli();
            // JSONata's $now([picture [, timezone]]) is $fromMillis of the evaluation's time.
            frame.bind("now", CheckedBuiltins.builtin("now", "<s?s?:s>", (input, arguments) -> Functions.dateTimeFromMillis(
                    millis, CheckedPictures.picture(arguments, 0), (String) AwsFunction.argument(castList(arguments), 1))));
            frame.bind("millis", CheckedBuiltins.builtin("millis", "<:n>", (input, arguments) -> millis));
        }
        frame.bind(AwsFunctions.DISABLED_EVAL, (Object) null);
        if (variables != null) {
            variables.forEach((name, value) -> frame.bind(name, JsonataValues.toJsonata(value)));
        }
        // Bound last: $states is reserved, whatever a variable is called.
        frame.bind(STATES, JsonataValues.toJsonata(statesVariable));
        return frame;
    }

    /**
     * The library pads a call up to the declared number of optional arguments and refuses more,
     * so one slot beyond AWS's arity lets a surplus argument reach the function and be named.
     */
    private static Jsonata.JFunction bound(AwsFunction function, RandomGenerator random) {
        String signature = "<" + "x?".repeat(function.maxArguments() + 1) + ":x>";
        return new Jsonata.JFunction((input, arguments) -> {
            @SuppressWarnings("unchecked")
            List<Object> values = (List<Object>) arguments;
            if (AwsFunction.argument(values, function.maxArguments()) != null) {
                throw AwsFunction.signatureMismatch(function.name(), function.maxArguments() + 1);
            }
            return function.call(values, random);
        }, signature);
    }

    @SuppressWarnings("unchecked")
    private static List<Object> castList(List<?> arguments) {
        return (List<Object>) arguments;
    }

    @Override
    public String toString() {
        return "{% " + text + " %}";
    }
}
