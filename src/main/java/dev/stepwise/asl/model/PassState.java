package dev.stepwise.asl.model;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepwise.asl.template.PayloadTemplate;

/** Pass: passes its input (or its fixed Result) to its output. {@code result} is null when absent. */
public record PassState(String name, DataPaths paths, PayloadTemplate parameters, JsonNode result,
                        Transition transition, Assignment assign,
                        JsonataFields jsonata) implements State {
    @Override
    public String type() {
        return "Pass";
    }
}
