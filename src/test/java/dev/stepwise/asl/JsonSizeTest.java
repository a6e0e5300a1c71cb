package dev.stepwise.asl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The payload size is the byte length of the compact UTF-8 JSON text. */
class JsonSizeTest {

    @ParameterizedTest
    @ValueSource(strings = {"{}", "[]", "{\"a\":1,\"b\":[true,false,null],\"c\":\"x\"}", "\"caf\\u00e9 \\u2603 \\ud83d\\ude00\"",
            "\"quote \\\" backslash \\\\ newline \\n tab \\t\"", "[1.5,-3,1e10,12345678901234567890]", "{\"nested\":{\"deep\":[{},{\"k\":\"v\"}]}}"})
    void countsTheBytesOfTheCompactText(String text) {
        JsonNode value = Json.parse(text);
        assertEquals(Json.write(value).getBytes(StandardCharsets.UTF_8).length, JsonSize.size(value, Long.MAX_VALUE));
    }

    @Test
    void stopsCountingOnceTheLimitIsPassed() {
        JsonNode big = Json.parse("[\"" + "x".repeat(300_000) + "\"]");
        assertTrue(JsonSize.exceeds(big, 262_144));
        assertFalse(JsonSize.exceeds(Json.parse("{\"small\":true}"), 262_144));
    }
}
