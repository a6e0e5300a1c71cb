package dev.stepwise.asl.model;

import dev.stepwise.asl.jsonata.JsonataTemplate;
import dev.stepwise.asl.path.ReferencePath;
import java.util.List;

/** One entry of a state's Catch field; a null resultPath means the error output is discarded. */
/** In JSONata states {@code output} (the catcher's Output) shapes what the next state gets. */
public record Catcher(List<String> errorEquals, String next, ReferencePath resultPath, Assignment assign,
                      JsonataTemplate output) {
}
