package dev.stepwise.runtime;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/**
 * Task tokens, as {@code $$.Task.Token} and GetActivityTask hand them out: where the waiting task
 * is (its execution and the key of the step that waits for it) and 128 random bits that the
 * waiting step stores. Knowing an execution's ARN is not enough to complete its tasks: a token
 * is only accepted when its secret matches the stored one.
 */
final class TaskTokens {
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int SECRET_BYTES = 16;

    /** A parsed token: the execution, the key of the awaiting step, and the secret to compare. */
    record Ref(String executionArn, String stepKey, String secret) {
    }

    /** A step's token secret, drawn the first time a Task asks for it (most steps never do). */
    static final class Secret {
        private String value;

        String get() {
            if (value == null) {
                value = newSecret();
            }
            return value;
        }
    }

    private TaskTokens() {
    }

    static String newSecret() {
        byte[] bytes = new byte[SECRET_BYTES];
        RANDOM.nextBytes(bytes);
        return ENCODER.encodeToString(bytes);
    }

    static String token(String executionArn, String stepKey, String secret) {
        String where = ENCODER.encodeToString((executionArn + "\n" + stepKey).getBytes(StandardCharsets.UTF_8));
        return where + "." + secret;
    }

    /**
     * Whether a token's secret is the stored one (false when none is stored), compared in
     * constant time so that how long a refusal takes tells nothing about how much of a guess was right.
     */
    static boolean sameSecret(String given, String stored) {
        return stored != null && MessageDigest.isEqual(given.getBytes(StandardCharsets.US_ASCII),
                stored.getBytes(StandardCharsets.US_ASCII));
    }

    /** Empty when the text is not a token this runtime could have made. */
    static Optional<Ref> parse(String token) {
        if (token == null) {
            return Optional.empty();
        }
        int dot = token.indexOf('.');
        if (dot <= 0 || dot == token.length() - 1 || token.indexOf('.', dot + 1) >= 0) {
            return Optional.empty();
        }
        try {
            String where = new String(DECODER.decode(token.substring(0, dot)), StandardCharsets.UTF_8);
            int newline = where.indexOf('\n');
            byte[] secret = DECODER.decode(token.substring(dot + 1));
            if (newline <= 0 || newline == where.length() - 1 || secret.length != SECRET_BYTES) {
                return Optional.empty();
            }
            return Optional.of(new Ref(where.substring(0, newline), where.substring(newline + 1), token.substring(dot + 1)));
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
    }
}
