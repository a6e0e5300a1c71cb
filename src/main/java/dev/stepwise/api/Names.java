package dev.stepwise.api;

/**
 * The naming rule of state machines, executions, versions and aliases, from the API reference
 * (CreateStateMachine, StartExecution): 1–80 characters, and none of: white space; brackets
 * {@code < > { } [ ]}; wildcards {@code ? *}; special characters
 * {@code " # % \ ^ | ~ ` $ & , ; : /}; control characters (U+0000–001F, U+007F–009F).
 */
public final class Names {
    private static final String SPECIAL = "<>{}[]?*\"#%\\^|~`$&,;:/";

    private Names() {
    }

    public static void check(String field, String name) {
        Request.checkLength(field, name, 1, 80);
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isWhitespace(c) || Character.isSpaceChar(c) || SPECIAL.indexOf(c) >= 0
                    || c <= 0x1F || (c >= 0x7F && c <= 0x9F)) {
                throw ApiException.invalidName(name);
            }
        }
    }
}
