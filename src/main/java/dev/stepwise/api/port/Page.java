package dev.stepwise.api.port;

import java.util.List;

/**
 * One page of a listing. {@code next} is the store's own position after the last item (null
 * when there are no more); the API seals it into an opaque, tamper-evident nextToken, so a store
 * may use any text here (a DynamoDB LastEvaluatedKey as JSON, an offset, ...).
 */
public record Page<T>(List<T> items, String next) {
    public Page {
        items = List.copyOf(items);
    }
}
