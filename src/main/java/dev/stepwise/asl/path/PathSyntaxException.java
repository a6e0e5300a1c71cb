package dev.stepwise.asl.path;

/** A path, reference path, payload template or intrinsic function that cannot be parsed. */
public class PathSyntaxException extends IllegalArgumentException {
    public PathSyntaxException(String message) {
        super(message);
    }
}
