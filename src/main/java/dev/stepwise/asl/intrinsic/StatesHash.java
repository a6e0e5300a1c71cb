package dev.stepwise.asl.intrinsic;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepwise.asl.Json;
import dev.stepwise.asl.path.Bindings;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Set;

/** States.Hash: the lowercase hex digest of the data's UTF-8 bytes. */
final class StatesHash implements IntrinsicFunction {
    static final String NAME = "States.Hash";
    /** "The data you provide must be an object string containing 10,000 characters or less" (AWS docs). */
    static final int MAX_CHARACTERS = 10_000;
    /** The algorithms AWS lists, spelled exactly so: 'sha-256' and 'SHA256' fail on AWS. */
    static final Set<String> ALGORITHMS = Set.of("MD5", "SHA-1", "SHA-256", "SHA-384", "SHA-512");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Arity arity() {
        return Arity.exactly(2);
    }

    @Override
    public JsonNode apply(JsonNode[] arguments, Bindings bindings) {
        // Observed on AWS: a number or an object as data is hashed as its text rather than rejected.
        String data = arguments[0].isTextual() ? arguments[0].textValue() : Json.write(arguments[0]);
        if (data.length() > MAX_CHARACTERS) {
            throw IntrinsicError.invalidArguments(NAME);
        }
        String algorithm = ArgumentValues.text(arguments[1], NAME);
        if (!ALGORITHMS.contains(algorithm)) {
            throw IntrinsicError.invalidArguments(NAME);
        }
        try {
            byte[] digest = MessageDigest.getInstance(algorithm).digest(data.getBytes(StandardCharsets.UTF_8));
            return Json.NODES.textNode(HexFormat.of().formatHex(digest));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks " + algorithm, e);
        }
    }
}
