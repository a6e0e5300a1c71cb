package dev.stepwise.asl.model;

import dev.stepwise.asl.template.PayloadTemplate;
import java.util.List;

/** Parallel: runs every branch on the same input; the output is the array of branch outputs. */
public record ParallelState(String name, DataPaths paths, PayloadTemplate parameters, PayloadTemplate resultSelector,
                            List<Branch> branches, ErrorHandling errors, Transition transition, Assignment assign,
                        JsonataFields jsonata) implements State {
    @Override
    public String type() {
        return "Parallel";
    }
}
