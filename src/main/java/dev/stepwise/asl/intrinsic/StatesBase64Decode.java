package dev.stepwise.asl.intrinsic;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepwise.asl.Json;
import dev.stepwise.asl.path.Bindings;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** States.Base64Decode: the UTF-8 text of the decoded Base64 string. */
final class StatesBase64Decode implements IntrinsicFunction {
    static final String NAME = "States.Base64Decode";
    /** "This function takes a Base64 encoded data string of up to 10,000 characters" (AWS docs). */
    static final int MAX_CHARACTERS = 10_000;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Arity arity() {
        return Arity.exactly(1);
    }

    @Override
    public JsonNode apply(JsonNode[] arguments, Bindings bindings) {
        String encoded = ArgumentValues.text(arguments[0], NAME);
        if (encoded.length() > MAX_CHARACTERS) {
            throw IntrinsicError.invalidArguments(NAME);
        }
        return Json.NODES.textNode(new String(decodeLeniently(encoded), StandardCharsets.UTF_8));
    }

    /**
     * AWS decodes leniently: observed on AWS, '!!!invalid!!!', 'abc', 'ab==cd' and ' YWJjZA== ' all
     * decode instead of failing. Characters outside the Base64 alphabets are skipped, the first '='
     * ends the data, and bits that do not fill a byte are dropped.
     */
    static byte[] decodeLeniently(String encoded) {
        byte[] out = new byte[encoded.length() * 3 / 4 + 1];
        int length = 0;
        int bits = 0;
        int bitCount = 0;
        for (int i = 0; i < encoded.length(); i++) {
            char c = encoded.charAt(i);
            if (c == '=') {
                break;
            }
            int sextet = sextet(c);
            if (sextet < 0) {
                continue;
            }
            bits = (bits << 6) | sextet;
            bitCount += 6;
            if (bitCount >= 8) {
                bitCount -= 8;
                out[length++] = (byte) (bits >> bitCount);
                bits &= (1 << bitCount) - 1;
            }
        }
        return Arrays.copyOf(out, length);
    }

    private static int sextet(char c) {
        if (c >= 'A' && c <= 'Z') {
            return c - 'A';
        }
        if (c >= 'a' && c <= 'z') {
            return c - 'a' + 26;
        }
        if (c >= '0' && c <= '9') {
            return c - '0' + 52;
        }
        if (c == '+' || c == '-') {
            return 62;
        }
        if (c == '/' || c == '_') {
            return 63;
        }
        return -1;
    }
}
