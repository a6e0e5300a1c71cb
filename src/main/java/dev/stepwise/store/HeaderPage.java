package dev.stepwise.store;

import java.util.List;

/** A page of execution headers, newest first, and where the next page starts (null on the last). */
public record HeaderPage(List<ExecutionHeader> headers, String next) {
}
