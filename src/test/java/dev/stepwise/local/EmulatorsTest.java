package dev.stepwise.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EmulatorsTest {
    @Test
    void anEndpointGivenForAServiceIsUsedAndItsEmulatorIsNotStarted() {
        URI elsewhere = URI.create("http://127.0.0.1:1");
        try (Emulators emulators = Emulators.start(Map.of(Emulators.DYNAMODB, elsewhere, Emulators.SQS, elsewhere), null)) {
            assertEquals(elsewhere, emulators.endpoint(Emulators.DYNAMODB));
            assertEquals(elsewhere, emulators.endpoint(Emulators.SQS));
        }
    }

    @Test
    void endpointOptionsAreServiceEqualsUrl() {
        assertEquals(Map.of("dynamodb", URI.create("http://localhost:4566"), "sqs", URI.create("http://localhost:9324")),
                Emulators.parseEndpoints(List.of("dynamodb=http://localhost:4566", "SQS=http://localhost:9324")));
        assertThrows(IllegalArgumentException.class, () -> Emulators.parseEndpoints(List.of("dynamodb")));
    }
}
