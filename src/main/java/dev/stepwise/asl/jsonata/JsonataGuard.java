package dev.stepwise.asl.jsonata;

import com.dashjoin.jsonata.Functions;
import com.dashjoin.jsonata.JException;
import com.dashjoin.jsonata.Jsonata;
import com.dashjoin.jsonata.Utils;
import dev.stepwise.asl.DeadlineCharSequence;
import dev.stepwise.asl.EvaluationBudget;
import dev.stepwise.asl.EvaluationLimitExceeded;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayDeque;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Watches one JSONata evaluation step by step through the library's entry and exit callbacks:
 * the step's deadline, how deeply evaluation nests, and the size of every value a step returns.
 *
 * <p>Three things a single step of the library can do that the checks between steps would miss:
 * <ul>
 * <li>Gather its sub-steps' results into one value (a path step flattening what each item gave, an
 *     array constructor appending its members, $map keeping what its function returned): the sizes
 *     the sub-steps returned are added up, and the step fails once they pass four times the limit,
 *     before the library builds the whole. $reduce keeps only its last result, so what its function
 *     returns along the way is not added up.</li>
 * <li>Run a regular expression it was handed as a function ({@code /re/(s)}, {@code s ~> /re/}, a
 *     variable holding one): the same expression is first run here on the same text with half the
 *     time left, and the library's own run, identical, can then take no longer. The four functions
 *     Stepwise implements itself ($match, $contains, $replace, $split) bound their regular
 *     expressions on their own.</li>
 * <li>Swallow or rewrap the failure thrown here (a comparator wraps it, {@code and} rewords it):
 *     the first failure is kept and reported whatever the library made of it.</li>
 * </ul>
 * The library's callbacks take a type it does not export, so they are implemented by a proxy.
 */
final class JsonataGuard implements InvocationHandler {
    /**
     * Evaluation nests at most 100 deep on AWS; past it is jsonata-js's stack overflow error, not a
     * Java one.
     */
    static final int MAX_DEPTH = 100;
    private static final String STACK_OVERFLOW = "Stack overflow error: Check for non-terminating recursive function.  "
            + "Consider rewriting as tail-recursive.";
    private static final int GATHERED_LIMITS = 4;

    private final EvaluationBudget budget;
    private final ValueSizes sizes;
    private final Set<Object> regexFunctions;
    private final Object reduceFunction;
    private final ArrayDeque<Step> open = new ArrayDeque<>();
    private RuntimeException failure;

    JsonataGuard(EvaluationBudget budget, Set<Object> regexFunctions, Object reduceFunction) {
        this.budget = budget;
        this.reduceFunction = reduceFunction;
        this.sizes = new ValueSizes(budget.limits().jsonataValueBytes());
        this.regexFunctions = regexFunctions;
    }

    void install(Jsonata.Frame frame) {
        Object callbacks = Proxy.newProxyInstance(JsonataGuard.class.getClassLoader(),
                new Class<?>[] {Jsonata.EntryCallback.class, Jsonata.ExitCallback.class}, this);
        frame.setEvaluateEntryCallback((Jsonata.EntryCallback) callbacks);
        frame.setEvaluateExitCallback((Jsonata.ExitCallback) callbacks);
    }

    /** The failure raised here first, if any: it wins over whatever the library made of it. */
    RuntimeException failure() {
        return failure;
    }

    /** Checks a value the evaluation returns or a builtin is about to build. */
    long measure(Object value) {
        return guarded(() -> sizes.measure(value));
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] arguments) {
        switch (method.getName()) {
            case "callback" -> {
                if (arguments.length == 3) {
                    guarded(() -> enter(arguments[0]));
                } else {
                    guarded(() -> exit(arguments[0], (Jsonata.Frame) arguments[2], arguments[3]));
                }
                return null;
            }
            case "hashCode" -> {
                return System.identityHashCode(proxy);
            }
            case "equals" -> {
                return proxy == arguments[0];
            }
            default -> {
                return "JsonataGuard";
            }
        }
    }

    private long guarded(java.util.function.LongSupplier check) {
        if (failure != null) {
            throw failure;
        }
        try {
            return check.getAsLong();
        } catch (RuntimeException e) {
            failure = e;
            throw e;
        }
    }

    private long enter(Object expression) {
        budget.checkTime();
        if (open.size() >= MAX_DEPTH) {
            throw new JException(STACK_OVERFLOW, -1);
        }
        open.push(new Step(expression));
        return 0;
    }

    private long exit(Object expression, Jsonata.Frame env, Object result) {
        // A step the library abandoned with an exception it caught has no exit of its own.
        while (!open.isEmpty() && open.pop().expression != expression) {
            continue;
        }
        budget.checkTime();
        long size = sizes.measure(result);
        Step parent = open.peek();
        if (parent != null) {
            parent.gathered(result == reduceFunction, size, sizes.limit());
            watchRegularExpressions(parent, env, result);
        }
        return size;
    }

    private void watchRegularExpressions(Step parent, Jsonata.Frame env, Object result) {
        if (env != parent.runFrame) {
            parent.runFrame = env;
            parent.runFunction = false;
            parent.runPattern = null;
            parent.runText = null;
        }
        if (parent.callsRegexFunction || result == null) {
            return;
        }
        if (regexFunctions.contains(result)) {
            parent.callsRegexFunction = true;
        } else if (result instanceof Pattern pattern) {
            if (!parent.runFunction && parent.runText != null) {
                rehearse(pattern, parent.runText);
            }
            parent.runPattern = pattern;
        } else if (result instanceof String text) {
            if (parent.runPattern != null) {
                rehearse(parent.runPattern, text);
            }
            parent.runText = text;
        } else if (Utils.isFunction(result) || Functions.isLambda(result)) {
            parent.runFunction = true;
        }
    }

    /** Runs what the library is about to run, where its time can be bounded. */
    private void rehearse(Pattern pattern, String text) {
        pattern.matcher(new DeadlineCharSequence(text, budget.half())).find();
    }

    /** One open evaluation step and what its sub-steps returned so far. */
    private static final class Step {
        final Object expression;
        long gatheredSize;
        boolean reduces;
        boolean callsRegexFunction;
        Jsonata.Frame runFrame;
        boolean runFunction;
        Pattern runPattern;
        String runText;

        Step(Object expression) {
            this.expression = expression;
        }

        void gathered(boolean reduces, long size, long limit) {
            this.reduces |= reduces;
            if (!this.reduces) {
                gatheredSize += size;
                if (gatheredSize > GATHERED_LIMITS * limit) {
                    throw EvaluationLimitExceeded.jsonataMemory();
                }
            }
        }
    }
}
