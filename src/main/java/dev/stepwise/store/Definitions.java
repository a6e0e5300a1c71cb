package dev.stepwise.store;

import java.util.Optional;

/**
 * Definitions by revision, under the ARN that runs them (a state machine, a version, a Map Run).
 * A revision is stored once and never changes; {@link #current} points at the one a start by the
 * ARN alone runs. Definitions may be as large as AWS accepts (1,048,576 characters): the store
 * compresses them and spills what still does not fit an item.
 */
public interface Definitions {

    /** Stores the revision (again: no change) and returns its key. */
    String put(String arn, Revision revision);

    Optional<Revision> get(String arn, String revisionKey);

    void makeCurrent(String arn, String revisionKey);

    Optional<String> current(String arn);
}
