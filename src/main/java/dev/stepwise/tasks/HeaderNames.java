package dev.stepwise.tasks;

import java.util.Locale;
import java.util.Map;

/**
 * Response header names as AWS's services send them. The JDK client reports names in lower case;
 * SDK 1.x, whose metadata Step Functions shows, keeps the service's spelling (recorded:
 * {@code Content-Type}, {@code x-amzn-RequestId}, {@code X-Amz-Executed-Version}, {@code x-amz-crc32}).
 */
final class HeaderNames {
    private static final Map<String, String> AS_SENT = Map.ofEntries(
            Map.entry("x-amzn-requestid", "x-amzn-RequestId"),
            Map.entry("x-amz-crc32", "x-amz-crc32"),
            Map.entry("x-amzn-remapped-content-length", "x-amzn-Remapped-Content-Length"),
            Map.entry("x-amzn-trace-id", "X-Amzn-Trace-Id"),
            Map.entry("x-amz-executed-version", "X-Amz-Executed-Version"),
            Map.entry("x-amz-log-result", "X-Amz-Log-Result"),
            Map.entry("x-amz-function-error", "X-Amz-Function-Error"),
            Map.entry("x-amzn-query-error", "x-amzn-query-error"),
            Map.entry("x-amzn-errortype", "x-amzn-ErrorType"),
            Map.entry("x-amz-id-2", "x-amz-id-2"),
            Map.entry("x-amz-request-id", "x-amz-request-id"));

    private HeaderNames() {
    }

    /** The AWS spelling of a known header, else each dash-separated word capitalized ({@code Content-Type}). */
    static String asAwsSends(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        String known = AS_SENT.get(lower);
        if (known != null) {
            return known;
        }
        StringBuilder out = new StringBuilder(name.length());
        boolean upper = true;
        for (char c : lower.toCharArray()) {
            out.append(upper ? Character.toUpperCase(c) : c);
            upper = c == '-';
        }
        return out.toString();
    }
}
