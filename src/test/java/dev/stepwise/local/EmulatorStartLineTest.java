package dev.stepwise.local;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The line run, serve and test print while the emulators start names each one that starts, and only those. */
class EmulatorStartLineTest {
    @Test
    void everyEmulatorIsNamedWhenNoEndpointIsGiven() {
        assertEquals(Optional.of("stepwise: starting the emulators (dynalite for DynamoDB, ElasticMQ for SQS, S3Proxy for S3)..."),
                Emulators.startingLine(Map.of()));
    }

    @Test
    void anEmulatorAnEndpointReplacesIsLeftOutAndNoLineComesWhenNoneStarts() {
        URI localStack = URI.create("http://localhost:4566");
        assertEquals(Optional.of("stepwise: starting the emulators (dynalite for DynamoDB, S3Proxy for S3)..."),
                Emulators.startingLine(Map.of(Emulators.SQS, localStack)));
        assertEquals(Optional.empty(), Emulators.startingLine(Map.of(Emulators.DYNAMODB, localStack, Emulators.SQS, localStack,
                Emulators.S3, localStack)));
    }
}
