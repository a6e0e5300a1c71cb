package dev.stepwise.asl.jsonata;

/**
 * A failure raised by one of AWS's added functions, carrying the whole JSONata-style message
 * ("D3137: Invalid JSON") that follows AWS's "threw an error during evaluation." sentence.
 */
final class FunctionError extends RuntimeException {
    FunctionError(String message) {
        super(message, null, false, false);
    }
}
