package dev.stepwise.api;

import java.security.SecureRandom;

/**
 * Where this API claims to live (the region and account in every ARN it makes) and the key that
 * signs its pagination tokens. A per-process random key is fine for one process; servers behind
 * a load balancer need one configured key so a token from one is good on another.
 */
public record ApiConfig(String region, String account, byte[] tokenKey) {
    public static final String DEFAULT_REGION = "us-east-1";
    public static final String DEFAULT_ACCOUNT = "123456789012";

    public static ApiConfig defaults() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return new ApiConfig(DEFAULT_REGION, DEFAULT_ACCOUNT, key);
    }
}
