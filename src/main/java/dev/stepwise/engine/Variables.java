package dev.stepwise.engine;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The workflow variables a state sees: those of its frame, which start as a copy of the
 * enclosing frame's when a Parallel branch or Map item begins. A branch's assignments stay in
 * the branch ("variables assigned in a Map or Parallel are not visible outside it").
 */
public record Variables(Map<String, JsonNode> values) {
    public static final Variables NONE = new Variables(Map.of());

    public Variables {
        values = Collections.unmodifiableMap(values);
    }

    /** These variables with the assigned ones set; {@code assigned} is an object of name → value. */
    public Variables with(JsonNode assigned) {
        if (assigned == null || assigned.isEmpty()) {
            return this;
        }
        Map<String, JsonNode> next = new LinkedHashMap<>(values);
        Iterator<Map.Entry<String, JsonNode>> fields = assigned.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            next.put(field.getKey(), field.getValue());
        }
        return new Variables(next);
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }
}
