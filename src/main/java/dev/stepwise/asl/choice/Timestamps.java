package dev.stepwise.asl.choice;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Timestamps as the States Language defines them: strings that "MUST conform to the RFC3339 profile
 * of ISO 8601, with the further restrictions that an uppercase "T" character MUST be used to
 * separate date and time, and an uppercase "Z" character MUST be present in the absence of a
 * numeric time zone offset, for example "2016-03-14T01:59:00Z"". Seconds are required (RFC 3339);
 * fractional seconds and offsets such as {@code +01:00} are allowed.
 */
public final class Timestamps {
    // java.time alone would also accept a missing seconds field or an offset with seconds.
    private static final Pattern RFC_3339 =
            Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:\\d{2})");

    private Timestamps() {
    }

    /** The instant a JSON value names, or empty when it is not a timestamp string. */
    public static Optional<Instant> parse(JsonNode value) {
        return value != null && value.isTextual() ? parse(value.textValue()) : Optional.empty();
    }

    /** The instant the text names, or empty when it is not a timestamp (also for impossible dates such as Feb 30). */
    public static Optional<Instant> parse(String text) {
        if (!RFC_3339.matcher(text).matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
