package dev.stepwise.local;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepwise.api.HistoryShapes;
import dev.stepwise.api.port.StoredEvent;
import dev.stepwise.asl.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code --history FILE}: an execution's history written as GetExecutionHistory answers it —
 * {@code {"events": [...]}}, every event with its data — rendered by the API's own code.
 */
final class HistoryFile {
    private HistoryFile() {
    }

    static void write(Path file, List<StoredEvent> events) {
        ObjectNode response = Json.object();
        ArrayNode rendered = response.putArray("events");
        events.forEach(event -> rendered.add(HistoryShapes.render(event, true)));
        try {
            Files.writeString(file, Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(response) + "\n");
        } catch (IOException e) {
            throw new StepwiseCli.UsageException("cannot write " + file + ": " + e.getMessage());
        }
    }
}
