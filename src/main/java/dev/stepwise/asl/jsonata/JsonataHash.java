package dev.stepwise.asl.jsonata;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * $hash(value, algorithm): the lowercase hex digest of the string's UTF-8 bytes. AWS lists the
 * algorithms MD5, SHA-1, SHA-256, SHA-384 and SHA-512, spelled exactly so.
 */
final class JsonataHash implements AwsFunction {
    static final String NAME = "hash";
    static final Set<String> ALGORITHMS = Set.of("MD5", "SHA-1", "SHA-256", "SHA-384", "SHA-512");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int maxArguments() {
        return 2;
    }

    @Override
    public Object call(List<Object> arguments, RandomGenerator random) {
        if (!(AwsFunction.argument(arguments, 0) instanceof String value)) {
            throw AwsFunction.signatureMismatch(NAME, 1);
        }
        Object algorithmArgument = AwsFunction.argument(arguments, 1);
        if (algorithmArgument == null) {
            return null;
        }
        if (!(algorithmArgument instanceof String algorithm)) {
            throw AwsFunction.signatureMismatch(NAME, 2);
        }
        if (!ALGORITHMS.contains(algorithm)) {
            // AWS's own list, in AWS's own order.
            throw new FunctionError("D3137: Hash algorithm '" + algorithm
                    + "' must be one of SHA-1, SHA-384, SHA-256, SHA-512, MD5");
        }
        try {
            byte[] digest = MessageDigest.getInstance(algorithm).digest(value.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks " + algorithm, e);
        }
    }
}
