package dev.stepwise.asl.intrinsic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.stepwise.asl.Json;
import dev.stepwise.asl.path.JsonPath;
import dev.stepwise.asl.path.PathSyntaxException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads {@code States.Name(arg, ...)} once into a tree of {@link Argument}s. Arguments are string
 * literals in single quotes, numbers, true, false, null, {@code $}/{@code $$} paths and nested calls.
 */
final class IntrinsicParser {
    static final String PREFIX = "States.";
    /** "You can nest up to 10 intrinsic functions within a field in your workflows" (AWS docs). */
    static final int MAX_FUNCTIONS = 10;

    private final String text;
    private final Map<String, IntrinsicFunction> functions;
    private int position;
    private int functionCount;

    IntrinsicParser(String text, Map<String, IntrinsicFunction> functions) {
        this.text = text;
        this.functions = functions;
    }

    FunctionCall parse() {
        skipSpaces();
        if (!text.startsWith(PREFIX, position)) {
            throw error("an intrinsic function call starts with '" + PREFIX + "'");
        }
        FunctionCall call = call();
        skipSpaces();
        if (position < text.length()) {
            throw error("unexpected text after the closing parenthesis");
        }
        return call;
    }

    private FunctionCall call() {
        int nameStart = position;
        position += PREFIX.length();
        while (position < text.length() && Character.isLetterOrDigit(text.charAt(position))) {
            position++;
        }
        String name = text.substring(nameStart, position);
        IntrinsicFunction function = functions.get(name);
        if (function == null) {
            throw new PathSyntaxException("Unknown intrinsic function '" + name + "' in " + quoted()
                    + "; expected one of " + IntrinsicFunctions.functionNames());
        }
        if (++functionCount > MAX_FUNCTIONS) {
            throw new PathSyntaxException("Too many intrinsic functions in " + quoted()
                    + ": a field may use at most " + MAX_FUNCTIONS);
        }
        expect('(');
        List<Argument> arguments = new ArrayList<>();
        skipSpaces();
        if (peek() == ')') {
            position++;
        } else {
            while (true) {
                skipSpaces();
                arguments.add(argument());
                skipSpaces();
                if (peek() == ',') {
                    position++;
                } else if (peek() == ')') {
                    position++;
                    break;
                } else {
                    throw error(position >= text.length() ? "missing ')'" : "expected ',' or ')'");
                }
            }
        }
        if (!function.arity().accepts(arguments.size())) {
            throw new PathSyntaxException(name + " takes " + function.arity().describe() + " but "
                    + arguments.size() + " given in " + quoted());
        }
        return new FunctionCall(function.bind(List.copyOf(arguments)), arguments.toArray(Argument[]::new));
    }

    private Argument argument() {
        char c = peek();
        if (c == '\'') {
            return string();
        }
        if (c == '$') {
            return path();
        }
        if (c == '-' || (c >= '0' && c <= '9')) {
            return number();
        }
        if (text.startsWith(PREFIX, position)) {
            return call();
        }
        int wordStart = position;
        while (position < text.length() && Character.isLetter(text.charAt(position))) {
            position++;
        }
        switch (text.substring(wordStart, position)) {
            case "true":
                return new Argument.Literal(BooleanNode.TRUE, null);
            case "false":
                return new Argument.Literal(BooleanNode.FALSE, null);
            case "null":
                return new Argument.Literal(NullNode.getInstance(), null);
            default:
                position = wordStart;
                throw error(c == ',' || c == ')' ? "missing argument"
                        : "expected a quoted string, number, true, false, null, path or States. call");
        }
    }

    /** AWS's reserved characters: "\'" is ', "\{" is {, "\}" is } and "\\" is \ (AWS docs). */
    private Argument string() {
        int start = ++position;
        StringBuilder value = new StringBuilder();
        while (position < text.length()) {
            char c = text.charAt(position);
            if (c == '\'') {
                String raw = text.substring(start, position++);
                return new Argument.Literal(Json.NODES.textNode(value.toString()), raw);
            }
            if (c == '\\') {
                char escaped = position + 1 < text.length() ? text.charAt(position + 1) : 0;
                if (escaped == 0 || "'{}\\".indexOf(escaped) < 0) {
                    // "If an open escape backslash \ is found in the intrinsic invocation string,
                    // the interpreter will throw a runtime error" (AWS docs).
                    throw error("a backslash must escape one of ' { } \\");
                }
                value.append(escaped);
                position += 2;
            } else {
                value.append(c);
                position++;
            }
        }
        position = start - 1;
        throw error("unterminated string: missing closing quote");
    }

    private Argument number() {
        int start = position;
        if (peek() == '-') {
            position++;
        }
        boolean decimal = false;
        int digits = skipDigits();
        if (peek() == '.') {
            position++;
            decimal = true;
            digits = Math.min(digits, skipDigits());
        }
        if (peek() == 'e' || peek() == 'E') {
            position++;
            if (peek() == '+' || peek() == '-') {
                position++;
            }
            decimal = true;
            digits = Math.min(digits, skipDigits());
        }
        String literal = text.substring(start, position);
        if (digits == 0) {
            position = start;
            throw error("malformed number");
        }
        return new Argument.Literal(numberNode(literal, decimal), null);
    }

    private static JsonNode numberNode(String literal, boolean decimal) {
        if (decimal) {
            return Json.NODES.numberNode(new BigDecimal(literal));
        }
        BigInteger value = new BigInteger(literal);
        if (value.bitLength() < 32) {
            return Json.NODES.numberNode(value.intValue());
        }
        if (value.bitLength() < 64) {
            return Json.NODES.numberNode(value.longValue());
        }
        return Json.NODES.numberNode(value);
    }

    /** A path runs to the next ',' or ')' outside brackets and quotes, as in $.a['x,y'] or $[?(@.b)]. */
    private Argument path() {
        int start = position;
        int brackets = 0;
        char quote = 0;
        while (position < text.length()) {
            char c = text.charAt(position);
            if (quote != 0) {
                if (c == '\\') {
                    position++;
                } else if (c == quote) {
                    quote = 0;
                }
            } else if (brackets > 0 && (c == '\'' || c == '"')) {
                quote = c;
            } else if (c == '[') {
                brackets++;
            } else if (c == ']') {
                brackets--;
            } else if (brackets == 0 && (c == ',' || c == ')' || Character.isWhitespace(c))) {
                break;
            }
            position++;
        }
        String pathText = text.substring(start, position);
        return new Argument.PathArgument(JsonPath.compile(pathText), pathText);
    }

    private int skipDigits() {
        int start = position;
        while (position < text.length() && text.charAt(position) >= '0' && text.charAt(position) <= '9') {
            position++;
        }
        return position - start;
    }

    private void skipSpaces() {
        while (position < text.length() && Character.isWhitespace(text.charAt(position))) {
            position++;
        }
    }

    private char peek() {
        return position < text.length() ? text.charAt(position) : 0;
    }

    private void expect(char c) {
        if (peek() != c) {
            throw error("expected '" + c + "'");
        }
        position++;
    }

    private String quoted() {
        return "'" + text + "'";
    }

    private PathSyntaxException error(String problem) {
        return new PathSyntaxException("Invalid intrinsic function call " + quoted() + " at position "
                + position + ": " + problem);
    }
}
