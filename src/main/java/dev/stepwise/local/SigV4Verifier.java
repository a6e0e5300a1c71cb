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
 * Checks AWS Signature Version 4 on a request, as AWS does before any action runs: the signature
 * is scoped to this server's region and service, the access key is known, the request time is
 * within 5 minutes of ours, and the signature over the signed headers and the body is the one the
 * secret gives. Answers use AWS's codes and wording (AWS General Reference, "Signature Version 4
 * signing" / common errors; IAM "Troubleshoot Signature Version 4 errors").
 *
 * <p>A signature must cover the action and the body, so that one seen on the wire cannot be sent
 * again within its 5 minutes for another action or another input: {@code X-Amz-Target}, when
 * present, must be a signed header, and the payload hash is always the hash of the body received, as AWS's JSON
 * services compute it; an {@code x-amz-content-sha256} header is only a signed header like any
 * other, and {@code UNSIGNED-PAYLOAD} signs nothing here.
 */
public final class SigV4Verifier {
    /** A refused request: AWS's error code, HTTP status and message. */
    public record Refusal(String code, int status, String message) {
    }

    /** The parts of an HTTP request the signature covers; header names in any case. */
    public record SignedRequest(String method, String path, String query, Map<String, List<String>> headers, byte[] body) {
    }

    /** Step Functions' signing name. */
    public static final String STATES = "states";
    /** API Gateway's signing name; behind its IAM authorization errors are 403 with API Gateway's wording. */
    public static final String EXECUTE_API = "execute-api";

    private static final String ALGORITHM = "AWS4-HMAC-SHA256";
    private static final String TERMINATOR = "aws4_request";
    private static final Duration MAX_SKEW = Duration.ofMinutes(5);
    private static final DateTimeFormatter AMZ_DATE =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final String INVALID_SIGNATURE = "InvalidSignatureException";

    private final Function<String, String> secrets;
    private final Clock clock;
    private final String region;
    private final String service;

    /**
     * @param secrets the secret key of an access key id, or null for an unknown one
     * @param region  the region a signature must be scoped to (the server's)
     * @param service the signing name a signature must be scoped to: {@link #STATES} as Step
     *                Functions checks it, {@link #EXECUTE_API} as API Gateway's IAM authorization does
     */
    public SigV4Verifier(Function<String, String> secrets, Clock clock, String region, String service) {
        this.secrets = secrets;
        this.clock = clock;
        this.region = region;
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
        String[] scope = credential == null ? new String[0] : credential.split("/", -1);
        if (signedHeaders == null || signature == null || scope.length != 5) {
            return new Refusal("IncompleteSignatureException", 400,
                    "Authorization header requires 'Credential', 'Signature' and 'SignedHeaders' parameters. Authorization="
                            + authorization);
        }
        String amzDate = headers.get("X-Amz-Date");
        Refusal misscoped = scope(scope, amzDate);
        if (misscoped != null) {
            return misscoped;
        }
        String secret = secrets.apply(scope[0]);
        if (secret == null) {
            return new Refusal("UnrecognizedClientException", 400, "The security token included in the request is invalid.");
        }
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
            return new Refusal(INVALID_SIGNATURE, 400, "Signature expired: " + amzDate + " " + bound);
        }
        List<String> names = Arrays.asList(signedHeaders.toLowerCase(Locale.ROOT).split(";"));
        // AWS's wording for an unsigned Host; the action's header is held to the same rule here.
        if (!names.contains("host")) {
            return new Refusal(INVALID_SIGNATURE, 400, "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.");
        }
        if (headers.containsKey("X-Amz-Target") && !names.contains("x-amz-target")) {
            return new Refusal(INVALID_SIGNATURE, 400, "'X-Amz-Target' must be a 'SignedHeader' in the AWS Authorization.");
        }
        StringBuilder canonical = new StringBuilder()
                .append(request.method()).append('\n')
                .append(request.path().isEmpty() ? "/" : request.path()).append('\n')
                .append(canonicalQuery(request.query())).append('\n');
        for (String name : names) {
            String value = headers.get(name);
            canonical.append(name).append(':')
                    .append(value == null ? "" : value.trim().replaceAll(" +", " ")).append('\n');
        }
        canonical.append('\n').append(signedHeaders).append('\n').append(hex(sha256(request.body())));
        String scopeText = String.join("/", scope[1], scope[2], scope[3], scope[4]);
        String toSign = ALGORITHM + "\n" + amzDate + "\n" + scopeText + "\n"
                + hex(sha256(canonical.toString().getBytes(StandardCharsets.UTF_8)));
        byte[] key = hmac(("AWS4" + secret).getBytes(StandardCharsets.UTF_8), scope[1]);
        key = hmac(key, scope[2]);
        key = hmac(key, scope[3]);
        key = hmac(key, TERMINATOR);
        String expected = hex(hmac(key, toSign));
        // In constant time: how much of a guess matched must not show in how long the answer takes.
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII), signature.getBytes(StandardCharsets.US_ASCII))) {
            return new Refusal(INVALID_SIGNATURE, 400, "The request signature we calculated does not match the "
                    + "signature you provided. Check your AWS Secret Access Key and signing method. Consult the service "
                    + "documentation for details.");
        }
        return null;
    }

    /**
     * The credential scope {@code KEY/DATE/REGION/SERVICE/aws4_request} checked as AWS checks it,
     * every finding in one message: "Credential should be scoped to a valid region. Credential
     * should be scoped to correct service: 'dynamodb'. " (recorded on DynamoDB, another AWS JSON
     * service, 2026-09-16), 403 from API Gateway.
     */
    private Refusal scope(String[] scope, String amzDate) {
        StringBuilder findings = new StringBuilder();
        if (!region.equals(scope[2])) {
            findings.append("Credential should be scoped to a valid region. ");
        }
        if (!service.equals(scope[3])) {
            findings.append("Credential should be scoped to correct service: '").append(service).append("'. ");
        }
        if (!TERMINATOR.equals(scope[4])) {
            findings.append("Credential should be scoped with a valid terminator: '" + TERMINATOR + "', not '")
                    .append(scope[4]).append("'. ");
        }
        if (amzDate != null && amzDate.length() >= 8 && !amzDate.startsWith(scope[1])) {
            findings.append("Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '")
                    .append(scope[1]).append("' != '").append(amzDate, 0, 8).append("', from '").append(amzDate).append("'.");
        }
        if (findings.isEmpty()) {
            return null;
        }
        return new Refusal(INVALID_SIGNATURE, EXECUTE_API.equals(service) ? 403 : 400, findings.toString());
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
