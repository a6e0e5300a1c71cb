package dev.stepwise.local;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks AWS Signature Version 4 on a request, as AWS does before any action runs: the access
 * key is known, the request time is within 5 minutes of ours, the payload hash matches the body,
 * and the signature over the signed headers is the one the secret gives. Answers use AWS's codes
 * and wording (AWS General Reference, "Signature Version 4 signing" / common errors).
 */
public final class SigV4Verifier {
    /** A refused request: AWS's error code, HTTP status and message. */
    public record Refusal(String code, int status, String message) {
    }

    /** The parts of an HTTP request the signature covers; header names in any case. */
    public record SignedRequest(String method, String path, String query, Map<String, List<String>> headers, byte[] body) {
    }

    private static final String ALGORITHM = "AWS4-HMAC-SHA256";
    private static final Duration MAX_SKEW = Duration.ofMinutes(5);
    private static final DateTimeFormatter AMZ_DATE =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private final Function<String, String> secrets;
    private final Clock clock;
    private final String service;

    /** @param secrets the secret key of an access key id, or null for an unknown one */
    public SigV4Verifier(Function<String, String> secrets, Clock clock) {
        this(secrets, clock, null);
    }

    /**
     * @param service the signing name a signature must be scoped to ({@code states} as Step
     *                Functions checks it, {@code execute-api} as API Gateway's IAM authorization
     *                does), or null for any
     */
    public SigV4Verifier(Function<String, String> secrets, Clock clock, String service) {
        this.secrets = secrets;
        this.clock = clock;
        this.service = service;
    }

    /** Null when the request is signed correctly, else why not. */
    public Refusal check(SignedRequest request) {
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        request.headers().forEach((name, values) -> headers.put(name, String.join(",", values)));
        String authorization = headers.get("Authorization");
        if (authorization == null || !authorization.startsWith(ALGORITHM + " ")) {
            return new Refusal("MissingAuthenticationTokenException", 403, "Missing Authentication Token");
        }
        Map<String, String> parts = new TreeMap<>();
        for (String part : authorization.substring(ALGORITHM.length() + 1).split(",")) {
            int eq = part.indexOf('=');
            if (eq > 0) {
                parts.put(part.substring(0, eq).trim(), part.substring(eq + 1).trim());
            }
        }
        String credential = parts.get("Credential");
        String signedHeaders = parts.get("SignedHeaders");
        String signature = parts.get("Signature");
        String[] scope = credential == null ? new String[0] : credential.split("/");
        if (signedHeaders == null || signature == null || scope.length != 5 || !"aws4_request".equals(scope[4])) {
            return new Refusal("IncompleteSignatureException", 400,
                    "Authorization header requires 'Credential', 'Signature' and 'SignedHeaders' parameters. Authorization="
                            + authorization);
        }
        if (service != null && !service.equals(scope[3])) {
            // API Gateway's answer to a signature scoped to another service (e.g. "states").
            return new Refusal("InvalidSignatureException", 403, "Credential should be scoped to correct service: '"
                    + service + "'. ");
        }
        String secret = secrets.apply(scope[0]);
        if (secret == null) {
            return new Refusal("UnrecognizedClientException", 400, "The security token included in the request is invalid.");
        }
        String amzDate = headers.get("X-Amz-Date");
        Instant signedAt;
        try {
            signedAt = Instant.from(AMZ_DATE.parse(amzDate == null ? "" : amzDate));
        } catch (DateTimeParseException e) {
            return new Refusal("IncompleteSignatureException", 400, "Date must be in ISO-8601 'basic format'. Got '"
                    + amzDate + "'. See http://en.wikipedia.org/wiki/ISO_8601");
        }
        Instant now = clock.instant();
        if (Duration.between(signedAt, now).abs().compareTo(MAX_SKEW) > 0) {
            String bound = signedAt.isBefore(now)
                    ? "is now earlier than " + AMZ_DATE.format(now.minus(MAX_SKEW)) + " (" + AMZ_DATE.format(now) + " - 5 min.)"
                    : "is now later than " + AMZ_DATE.format(now.plus(MAX_SKEW)) + " (" + AMZ_DATE.format(now) + " + 5 min.)";
            return new Refusal("InvalidSignatureException", 400, "Signature expired: " + amzDate + " " + bound);
        }
        String bodyHash = hex(sha256(request.body()));
        String declared = headers.get("X-Amz-Content-Sha256");
        if (declared != null && !declared.equals("UNSIGNED-PAYLOAD") && !declared.equals(bodyHash)) {
            return new Refusal("InvalidSignatureException", 400,
                    "The provided 'x-amz-content-sha256' header does not match what was computed.");
        }
        StringBuilder canonical = new StringBuilder()
                .append(request.method()).append('\n')
                .append(request.path().isEmpty() ? "/" : request.path()).append('\n')
                .append(canonicalQuery(request.query())).append('\n');
        List<String> names = Arrays.asList(signedHeaders.split(";"));
        for (String name : names) {
            String value = headers.get(name);
            canonical.append(name.toLowerCase(Locale.ROOT)).append(':')
                    .append(value == null ? "" : value.trim().replaceAll(" +", " ")).append('\n');
        }
        canonical.append('\n').append(signedHeaders).append('\n').append(declared != null ? declared : bodyHash);
        String scopeText = String.join("/", scope[1], scope[2], scope[3], scope[4]);
        String toSign = ALGORITHM + "\n" + amzDate + "\n" + scopeText + "\n"
                + hex(sha256(canonical.toString().getBytes(StandardCharsets.UTF_8)));
        byte[] key = hmac(("AWS4" + secret).getBytes(StandardCharsets.UTF_8), scope[1]);
        key = hmac(key, scope[2]);
        key = hmac(key, scope[3]);
        key = hmac(key, "aws4_request");
        String expected = hex(hmac(key, toSign));
        if (!names.contains("host") || !MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                signature.getBytes(StandardCharsets.US_ASCII))) {
            return new Refusal("InvalidSignatureException", 400, "The request signature we calculated does not match the "
                    + "signature you provided. Check your AWS Secret Access Key and signing method. Consult the service "
                    + "documentation for details.");
        }
        return null;
    }

    private static String canonicalQuery(String query) {
        if (query == null || query.isEmpty()) {
            return "";
        }
        return Arrays.stream(query.split("&")).map(p -> p.contains("=") ? p : p + "=").sorted()
                .reduce((a, b) -> a + "&" + b).orElse("");
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
