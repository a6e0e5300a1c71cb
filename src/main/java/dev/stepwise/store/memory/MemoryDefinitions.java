package dev.stepwise.store.memory;

import static dev.stepwise.store.TableLayout.CURRENT_REVISION;
import static dev.stepwise.store.TableLayout.REVISION;

import dev.stepwise.store.Definitions;
import dev.stepwise.store.Revision;
import java.util.Optional;

/** {@link Definitions} in memory. */
final class MemoryDefinitions implements Definitions {
    private final MemoryTable table;

    MemoryDefinitions(MemoryTable table) {
        this.table = table;
    }

    @Override
    public String put(String arn, Revision revision) {
        String key = revision.key();
        table.putIfAbsent(arn, REVISION + key, revision);
        return key;
    }

    @Override
    public Optional<Revision> get(String arn, String revisionKey) {
        return Optional.ofNullable((Revision) table.get(arn, REVISION + revisionKey));
    }

    @Override
    public void makeCurrent(String arn, String revisionKey) {
        table.put(arn, CURRENT_REVISION, revisionKey);
    }

    @Override
    public Optional<String> current(String arn) {
        return Optional.ofNullable((String) table.get(arn, CURRENT_REVISION));
    }
}
