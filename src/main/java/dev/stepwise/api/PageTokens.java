package dev.stepwise.api;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * nextToken values: the store's position plus an HMAC over it and the listing it belongs to
 * (action and filter), so a token cannot be forged, altered, or replayed against another listing.
 * Any such token is answered with InvalidToken, as AWS answers a token it did not issue.
 */
public final class PageTokens {
    private static final Base64.Encoder ENCODE = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODE = Base64.getUrlDecoder();

    private final byte[] key;

    public PageTokens(byte[] key) {
        this.key = key.clone();
    }

    /** The token for {@code position} in the listing {@code scope}; null when there is no next page. */
    public String seal(String scope, String position) {
        if (position == null) {
            return null;
        }
        byte[] data = position.getBytes(StandardCharsets.UTF_8);
        return ENCODE.encodeToString(data) + "." + ENCODE.encodeToString(mac(scope, data));
    }

    /** The position a token carries, or null for no token; InvalidToken when it is not one of ours. */
    public String open(String scope, String token) {
        if (token == null) {
            return null;
        }
        int dot = token.indexOf('.');
        try {
            if (dot < 0) {
                throw new IllegalArgumentException("no signature");
            }
            byte[] data = DECODE.decode(token.substring(0, dot));
            byte[] signature = DECODE.decode(token.substring(dot + 1));
            if (!MessageDigest.isEqual(signature, mac(scope, data))) {
                throw new IllegalArgumentException("bad signature");
            }
            return new String(data, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalidToken("Invalid token");
        }
    }

    private byte[] mac(String scope, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update(scope.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
