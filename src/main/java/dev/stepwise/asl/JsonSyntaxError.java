package dev.stepwise.asl;

/**
 * JSON text that does not parse: the parser's message and where it gave up (1-based line and
 * column), without Jackson's quoted copy of the source.
 */
public final class JsonSyntaxError extends IllegalArgumentException {
    private final String problem;
    private final int line;
    private final int column;

    JsonSyntaxError(String problem, int line, int column) {
        super(problem + " at line " + line + ", column " + column, null);
        this.problem = problem;
        this.line = line;
        this.column = column;
    }

    /** The parser's message alone: "Unexpected character ('}' (code 125)): was expecting ...". */
    public String problem() {
        return problem;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }

    /** "line L, column C". */
    public String location() {
        return "line " + line + ", column " + column;
    }
}
