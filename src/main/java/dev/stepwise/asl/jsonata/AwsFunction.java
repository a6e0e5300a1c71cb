package dev.stepwise.asl.jsonata;

import java.util.List;
import java.util.random.RandomGenerator;

/**
 * A function Step Functions adds to JSONata. Arguments arrive as the library's values (Java null
 * for an argument left out); a Java null result is JSONata's undefined.
 */
sealed interface AwsFunction
        permits JsonataHash, JsonataParse, JsonataPartition, JsonataRandom, JsonataRange, JsonataUuid {

    /** The name without the {@code $}. */
    String name();

    /** How many arguments AWS accepts at most; one more is a signature error naming it. */
    int maxArguments();

    Object call(List<Object> arguments, RandomGenerator random);

    /** The argument in a slot, or null when the call left it out. */
    static Object argument(List<Object> arguments, int index) {
        return index < arguments.size() ? arguments.get(index) : null;
    }

    /**
     * JSONata's own wording for a call that does not fit a function, which is what AWS answers for
     * its added functions too: "T0410: Argument 2 of function "hash" does not match function signature".
     */
    static FunctionError signatureMismatch(String name, int argumentNumber) {
        return new FunctionError("T0410: Argument " + argumentNumber + " of function \"" + name
                + "\" does not match function signature");
    }

    /** AWS reads a non-integer count towards zero: 2.9 is 2 and -1.7 is -1. */
    static long integer(Object argument, String name, int argumentNumber) {
        if (!(argument instanceof Number number)) {
            throw signatureMismatch(name, argumentNumber);
        }
        return (long) number.doubleValue();
    }
}
