package dev.stepwise.asl.validate;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.stepwise.asl.Json;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A state name written twice in one States object. A JSON tree keeps only the last one, so this
 * reads the text itself. Wording as AWS Step Functions Local prints it:
 * {@code DUPLICATE_STATE_NAME: Duplicate State name: MissingValue at /States/MissingValue}.
 */
final class DuplicateStateNames {

    private DuplicateStateNames() {
    }

    static List<Diagnostic> find(String text) {
        List<Diagnostic> found = new ArrayList<>();
        Deque<Frame> stack = new ArrayDeque<>();
        String pendingKey = null;
        try (JsonParser parser = Json.MAPPER.getFactory().createParser(text)) {
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                switch (token) {
                    case FIELD_NAME -> {
                        pendingKey = parser.currentName();
                        Frame frame = stack.peek();
                        if (frame != null && !frame.keys.add(pendingKey) && "States".equals(frame.key)) {
                            found.add(Diagnostic.error(Findings.DUPLICATE_STATE_NAME,
                                    "Duplicate State name: " + pendingKey, Findings.at(frame.location, pendingKey)));
                        }
                    }
                    case START_OBJECT, START_ARRAY -> {
                        String key = childKey(stack.peek(), pendingKey);
                        String location = stack.isEmpty() ? "/" : Findings.at(stack.peek().location, key);
                        stack.push(new Frame(key, location, token == JsonToken.START_ARRAY));
                        pendingKey = null;
                    }
                    case END_OBJECT, END_ARRAY -> {
                        stack.pop();
                        advance(stack.peek());
                    }
                    default -> advance(stack.peek());
                }
            }
        } catch (IOException | RuntimeException e) {
            // Unparseable text is reported by the tree parser; this pass only adds what it can.
        }
        return found;
    }

    private static String childKey(Frame parent, String pendingKey) {
        if (parent == null) {
            return "";
        }
        return parent.array ? Integer.toString(parent.index) : pendingKey;
    }

    private static void advance(Frame frame) {
        if (frame != null && frame.array) {
            frame.index++;
        }
    }

    private static final class Frame {
        final String key;
        final String location;
        final boolean array;
        final Set<String> keys = new HashSet<>();
        int index;

        Frame(String key, String location, boolean array) {
            this.key = key;
            this.location = location;
            this.array = array;
        }
    }
}
