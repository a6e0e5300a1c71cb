package dev.stepwise.api.teststate;

import java.util.Optional;

/**
 * Finds the response model a Task resource's result follows, so TestState can check a mocked
 * result against it (MockInput.fieldValidationMode). Integrations register theirs: the optimised
 * integrations in {@link OptimizedIntegrationModels}; others (AWS SDK integrations) can be
 * chained with {@link #or}.
 */
@FunctionalInterface
public interface ResultModels {
    ResultModels NONE = resource -> Optional.empty();

    /** @param resource the Task's Resource ARN as written, with its integration pattern suffix */
    Optional<ResultModel> of(String resource);

    /** This lookup, and {@code next} where this one knows no model. */
    default ResultModels or(ResultModels next) {
        return resource -> {
            Optional<ResultModel> found = of(resource);
            return found.isPresent() ? found : next.of(resource);
        };
    }
}
