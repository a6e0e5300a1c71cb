package dev.stepwise.asl.model;

import java.util.List;

/** The Retry and Catch fields, present on Task, Parallel and Map states. */
public record ErrorHandling(List<Retrier> retry, List<Catcher> catchers) {
    public static final ErrorHandling NONE = new ErrorHandling(List.of(), List.of());
}
