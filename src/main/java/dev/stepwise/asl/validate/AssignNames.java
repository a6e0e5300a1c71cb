package dev.stepwise.asl.validate;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;

/**
 * The variable names an Assign field assigns (a state's, a Choice rule's, a Catcher's). The
 * States Language: "Each variable name, whose length MUST BE less than or equal to 80 Unicode
 * characters, MUST follow the rules for Unicode Identifiers ... The first character of a variable
 * name MUST be a Unicode ID_Start character, and the second and subsequent characters MUST be
 * Unicode ID_Continue characters"; "A state MUST NOT assign a value to 'states'". AWS's wording
 * for these findings is not recorded anywhere we could read, so the messages are ours; the code
 * is the one AWS uses for every other field rule (SCHEMA_VALIDATION_FAILED), at the name's key.
 */
final class AssignNames {
    static final int MAX_LENGTH = 80;
    static final String RESERVED = "states";

    private final Findings findings;

    AssignNames(Findings findings) {
        this.findings = findings;
    }

    void check(StateContext state) {
        assign(state.get("Assign"), state.at("Assign"), state.jsonata());
        for (String list : new String[] {"Choices", "Catch"}) {
            JsonNode items = state.get(list);
            if (items != null && items.isArray()) {
                for (int i = 0; i < items.size(); i++) {
                    JsonNode item = items.get(i);
                    if (item.isObject()) {
                        assign(item.get("Assign"), Findings.at(Findings.at(state.at(list), i), "Assign"), state.jsonata());
                    }
                }
            }
        }
    }

    /** In a JSONPath state a key ending in ".$" assigns the variable named by the rest of the key. */
    private void assign(JsonNode assign, String location, boolean jsonata) {
        if (assign == null || !assign.isObject()) {
            return;
        }
        for (Iterator<String> names = assign.fieldNames(); names.hasNext(); ) {
            String key = names.next();
            String name = !jsonata && key.endsWith(".$") ? key.substring(0, key.length() - 2) : key;
            String problem = problem(name);
            if (problem != null) {
                findings.schema(problem, Findings.at(location, key));
            }
        }
    }

    /** What is wrong with a variable name, or null when it may be assigned. */
    static String problem(String name) {
        if (name.equals(RESERVED)) {
            return "The variable name 'states' is reserved and cannot be assigned";
        }
        int length = name.codePointCount(0, name.length());
        if (length == 0 || length > MAX_LENGTH) {
            return "The variable name '" + name + "' must be 1 to " + MAX_LENGTH + " characters long";
        }
        int first = name.codePointAt(0);
        boolean valid = Character.isUnicodeIdentifierStart(first);
        for (int i = Character.charCount(first); valid && i < name.length(); ) {
            int c = name.codePointAt(i);
            valid = Character.isUnicodeIdentifierPart(c) && !Character.isIdentifierIgnorable(c);
            i += Character.charCount(c);
        }
        return valid ? null : "The variable name '" + name
                + "' is not a valid identifier (a Unicode ID_Start character, then ID_Continue characters)";
    }
}
