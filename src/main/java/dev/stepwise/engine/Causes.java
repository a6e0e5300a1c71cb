package dev.stepwise.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepwise.asl.Json;

/** The error causes the interpreter writes itself, worded as AWS words them. */
final class Causes {
    private Causes() {
    }

    /** AWS prefixes failures of a state's own processing with where it happened. */
    static String atState(String stateName, long enteredEventId, String detail) {
        return "An error occurred while executing the state '" + stateName + "' (entered at the event id #"
                + enteredEventId + "). " + detail;
    }

    static String pathNotFound(String field, String path, JsonNode input) {
        return "Invalid path '" + path + "' : No results for path: " + bracketed(path);
    }

    static String dataLimitExceeded(String stateName) {
        return "The state/task '" + stateName + "' returned a result with a size exceeding the maximum number of bytes service limit.";
    }

    static String noChoiceMatched() {
        return "No Matches!";
    }

    /** Jayway's normalised form of a simple path, as AWS quotes it: $.a.b → $['a']['b']. */
    static String bracketed(String path) {
        StringBuilder out = new StringBuilder("$");
        String rest = path.startsWith("$") ? path.substring(1) : path;
        for (String part : rest.split("\\.")) {
            if (part.isEmpty()) {
                continue;
            }
            int bracket = part.indexOf('[');
            String name = bracket >= 0 ? part.substring(0, bracket) : part;
            if (!name.isEmpty()) {
                out.append("['").append(name).append("']");
            }
            if (bracket >= 0) {
                out.append(part.substring(bracket));
            }
        }
        return out.toString();
    }

    static String json(JsonNode value) {
        return Json.write(value);
    }
}
