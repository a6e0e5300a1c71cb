package dev.stepwise.api.durable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepwise.api.port.StateMachineRecord;
import dev.stepwise.store.Revision;

/**
 * A state machine record as the runtime's {@link Revision} (the definition stored once) and back:
 * the API's own fields ride in the revision's settings. The same record always gives the same
 * revision key, so the API finds the revision an execution runs from the record alone.
 */
final class MachineRevisions {
    private static final String DEFINITION = "definition";

    private MachineRevisions() {
    }

    static Revision of(StateMachineRecord machine) {
        return new Revision(machine.name(), machine.definition(), machine.type(), machine.roleArn(), machine.creationDate(),
                withoutDefinition(machine));
    }

    /** The record without its definition: what the API's own partitions keep (the revision has the text). */
    static ObjectNode withoutDefinition(StateMachineRecord machine) {
        ObjectNode json = PortRecords.machine(machine);
        json.remove(DEFINITION);
        return json;
    }

    static StateMachineRecord machine(JsonNode withoutDefinition, String definition) {
        ObjectNode json = withoutDefinition.deepCopy();
        json.put(DEFINITION, definition);
        return PortRecords.machine(json);
    }

    static StateMachineRecord machine(Revision revision) {
        return machine(revision.settings(), revision.definition());
    }
}
