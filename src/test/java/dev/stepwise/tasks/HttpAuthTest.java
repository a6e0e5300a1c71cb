package dev.stepwise.tasks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HttpAuthTest {
    static final String CONNECTION = "arn:aws:events:us-east-1:123456789012:connection/stripe/81210c42";

    @Test
    void entriesWithoutAConnectionApplyToEveryRequestAndOthersOnlyToTheirConnection() {
        HttpAuth auth = HttpAuth.parse(List.of("X-Api-Key: k1", CONNECTION + "=Authorization:Basic dXNlcjpwdw=="));
        assertEquals(List.of(Map.entry("X-Api-Key", "k1")), auth.headersFor(null));
        assertEquals(List.of(Map.entry("X-Api-Key", "k1"), Map.entry("Authorization", "Basic dXNlcjpwdw==")),
                auth.headersFor(CONNECTION));
        assertEquals(List.of(Map.entry("X-Api-Key", "k1")), auth.headersFor("arn:aws:events:us-east-1:123456789012:connection/other/1"));
    }

    @Test
    void anEntryWithoutAHeaderNameIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> HttpAuth.parse(List.of("no-colon")));
        assertThrows(IllegalArgumentException.class, () -> HttpAuth.parse(List.of(":value")));
        assertThrows(IllegalArgumentException.class, () -> HttpAuth.parse(List.of(CONNECTION + "=novalue")));
    }
}
