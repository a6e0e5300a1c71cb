package dev.stepwise.asl.path;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepwise.asl.Json;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * Compiles JSONPath text into steps, once, so that reading is a loop over an array. The grammar
 * is the part of Jayway JsonPath that AWS Step Functions documents.
 */
final class PathParser {
    private final String text;
    private int pos;

    private PathParser(String text) {
        this.text = text;
    }

    static JsonPath parse(String expression) {
        if (expression == null) {
            throw new PathSyntaxException("A JSONPath must be a string, but was null");
        }
        PathParser parser = new PathParser(expression);
        JsonPath path = parser.path(false);
        if (parser.pos < expression.length()) {
            throw parser.error("unexpected character '" + expression.charAt(parser.pos) + "'");
        }
        return path;
    }

    private JsonPath path(boolean inFilter) {
        int start = pos;
        JsonPath.Root root;
        if (inFilter && peek() == '@') {
            pos++;
            root = JsonPath.Root.CURRENT;
        } else if (text.startsWith("$$", pos)) {
            pos += 2;
            root = JsonPath.Root.CONTEXT;
        } else if (peek() == '$' && pos + 1 < text.length() && isNameStart(text.charAt(pos + 1)) && !inFilter) {
            // $name: a workflow variable (AWS, "Passing data between states with variables").
            pos++;
            int nameStart = pos;
            while (pos < text.length() && isNamePart(text.charAt(pos))) {
                pos++;
            }
            String variable = text.substring(nameStart, pos);
            List<PathStep> steps = steps(inFilter);
            return new JsonPath(text.substring(start, pos), JsonPath.Root.VARIABLE, variable, steps.toArray(PathStep[]::new));
        } else if (peek() == '$') {
            pos++;
            root = JsonPath.Root.INPUT;
        } else {
            throw error(text.isEmpty() ? "a path must not be empty" : "a path must start with '$'");
        }
        List<PathStep> steps = steps(inFilter);
        return new JsonPath(text.substring(start, pos), root, steps.toArray(PathStep[]::new));
    }

    private static boolean isNameStart(char c) {
        return Character.isLetter(c) || c == '_';
    }

    private static boolean isNamePart(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }

    private List<PathStep> steps(boolean inFilter) {
        List<PathStep> steps = new ArrayList<>();
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == '.') {
                steps.add(dotStep(inFilter));
            } else if (c == '[') {
                steps.add(bracketStep());
            } else if (inFilter) {
                break;
            } else {
                throw error("unexpected character '" + c + "'");
            }
        }
        int last = steps.size() - 1;
        if (last >= 0 && steps.get(last) instanceof PathStep.FieldUnion union) {
            steps.set(last, new PathStep.FieldUnion(union.names(), true));
        }
        return steps;
    }

    private PathStep dotStep(boolean inFilter) {
        pos++;
        if (peek() == '.') {
            pos++;
            if (peek() == '*') {
                pos++;
                return new PathStep.Scan(new PathStep.Wildcard());
            }
            if (peek() == '[') {
                return new PathStep.Scan(bracketStep());
            }
            return new PathStep.Scan(new PathStep.Field(name(inFilter)));
        }
        if (peek() == '*') {
            pos++;
            return new PathStep.Wildcard();
        }
        return new PathStep.Field(name(inFilter));
    }

    private String name(boolean inFilter) {
        int start = pos;
        while (pos < text.length() && !endsName(text.charAt(pos), inFilter)) {
            pos++;
        }
        if (pos == start) {
            throw error("a field name is missing after '.'");
        }
        return text.substring(start, pos);
    }

    /**
     * Jayway functions such as {@code length()} are not supported by AWS: a path like
     * {@code $.Jobs.sum()} is accepted and then fails at run time as a path that "could not be
     * found in the input" (re:Post question QUYiQKP0XfThWEc_ahsMnLOA), which reading "sum()" as a
     * field name reproduces.
     */
    private static boolean endsName(char c, boolean inFilter) {
        if (c == '.' || c == '[' || c == ']' || Character.isWhitespace(c)) {
            return true;
        }
        return inFilter && "()=!<>&|,".indexOf(c) >= 0;
    }

    private PathStep bracketStep() {
        pos++;
        skipSpaces();
        char c = peek();
        PathStep step;
        if (c == '*') {
            pos++;
            step = new PathStep.Wildcard();
        } else if (c == '?') {
            pos++;
            expect('(');
            FilterExpression predicate = or();
            skipSpaces();
            expect(')');
            step = new PathStep.Filter(predicate);
        } else if (c == '\'' || c == '"') {
            step = names();
        } else if (c == '-' || c == ':' || isDigit(c)) {
            step = indexes();
        } else {
            throw error(pos >= text.length() ? "unclosed '['" : "unexpected character '" + c + "' after '['");
        }
        skipSpaces();
        expect(']');
        return step;
    }

    private PathStep names() {
        List<String> names = new ArrayList<>();
        names.add(quoted());
        skipSpaces();
        while (peek() == ',') {
            pos++;
            skipSpaces();
            names.add(quoted());
            skipSpaces();
        }
        return names.size() == 1 ? new PathStep.Field(names.get(0)) : new PathStep.FieldUnion(List.copyOf(names), false);
    }

    private String quoted() {
        char quote = peek();
        if (quote != '\'' && quote != '"') {
            throw error("a quoted name was expected");
        }
        pos++;
        StringBuilder name = new StringBuilder();
        while (pos < text.length()) {
            char c = text.charAt(pos++);
            if (c == quote) {
                return name.toString();
            }
            if (c == '\\' && pos < text.length()) {
                c = text.charAt(pos++);
            }
            name.append(c);
        }
        throw error("unclosed quote " + quote);
    }

    private PathStep indexes() {
        Integer first = peek() == ':' ? null : integer();
        skipSpaces();
        if (peek() == ':') {
            pos++;
            skipSpaces();
            Integer end = peek() == ']' ? null : integer();
            if (peek() == ':') {
                throw error("a slice step such as [start:end:step] is not supported");
            }
            return new PathStep.Slice(first, end);
        }
        if (peek() != ',') {
            return new PathStep.Index(first);
        }
        List<Integer> all = new ArrayList<>();
        all.add(first);
        while (peek() == ',') {
            pos++;
            skipSpaces();
            all.add(integer());
            skipSpaces();
        }
        return new PathStep.IndexUnion(all.stream().mapToInt(Integer::intValue).toArray());
    }

    private int integer() {
        int start = pos;
        if (peek() == '-') {
            pos++;
        }
        while (isDigit(peek())) {
            pos++;
        }
        try {
            return Integer.parseInt(text.substring(start, pos));
        } catch (NumberFormatException e) {
            pos = start;
            throw error("an array index was expected");
        }
    }

    // Filter grammar: or := and ('||' and)* ; and := unary ('&&' unary)* ;
    // unary := '!' unary | '(' or ')' | operand [operator operand]

    private FilterExpression or() {
        List<FilterExpression> operands = new ArrayList<>();
        operands.add(and());
        while (skipSpaces() && text.startsWith("||", pos)) {
            pos += 2;
            operands.add(and());
        }
        return operands.size() == 1 ? operands.get(0) : new FilterExpression.Or(List.copyOf(operands));
    }

    private FilterExpression and() {
        List<FilterExpression> operands = new ArrayList<>();
        operands.add(unary());
        while (skipSpaces() && text.startsWith("&&", pos)) {
            pos += 2;
            operands.add(unary());
        }
        return operands.size() == 1 ? operands.get(0) : new FilterExpression.And(List.copyOf(operands));
    }

    private FilterExpression unary() {
        skipSpaces();
        if (peek() == '!' && !text.startsWith("!=", pos)) {
            pos++;
            return new FilterExpression.Not(unary());
        }
        if (peek() == '(') {
            pos++;
            FilterExpression inner = or();
            skipSpaces();
            expect(')');
            return inner;
        }
        FilterOperand left = operand();
        skipSpaces();
        FilterOperator operator = comparisonOperator();
        if (operator == null) {
            if (left instanceof FilterOperand.Literal) {
                throw error("a filter needs a path or a comparison");
            }
            return new FilterExpression.Exists(left);
        }
        skipSpaces();
        return new FilterExpression.Comparison(left, operator, operand());
    }

    private FilterOperator comparisonOperator() {
        for (String symbol : new String[] {"==", "!=", "<=", ">=", "<", ">"}) {
            if (text.startsWith(symbol, pos)) {
                pos += symbol.length();
                return switch (symbol) {
                    case "==" -> FilterOperator.EQUALS;
                    case "!=" -> FilterOperator.NOT_EQUALS;
                    case "<=" -> FilterOperator.LESS_THAN_EQUALS;
                    case ">=" -> FilterOperator.GREATER_THAN_EQUALS;
                    case "<" -> FilterOperator.LESS_THAN;
                    default -> FilterOperator.GREATER_THAN;
                };
            }
        }
        char c = peek();
        if (c == '=' || Character.isLetter(c)) {
            // Jayway's =~, in, nin, subsetof, size, empty...: not part of what AWS documents.
            int end = pos;
            while (end < text.length() && !Character.isWhitespace(text.charAt(end)) && text.charAt(end) != ')') {
                end++;
            }
            throw error("the filter operator '" + text.substring(pos, end)
                    + "' is not supported (use ==, !=, <, <=, >, >=, &&, ||)");
        }
        return null;
    }

    private FilterOperand operand() {
        char c = peek();
        if (c == '@' || c == '$') {
            JsonPath path = path(true);
            return new FilterOperand.PathOperand(path, c == '$');
        }
        if (c == '\'' || c == '"') {
            return new FilterOperand.Literal(Json.NODES.textNode(quoted()));
        }
        if (c == '-' || isDigit(c)) {
            return new FilterOperand.Literal(number());
        }
        for (String word : new String[] {"true", "false", "null"}) {
            if (text.startsWith(word, pos)) {
                pos += word.length();
                return new FilterOperand.Literal(switch (word) {
                    case "true" -> Json.NODES.booleanNode(true);
                    case "false" -> Json.NODES.booleanNode(false);
                    default -> Json.NODES.nullNode();
                });
            }
        }
        throw error(pos >= text.length() ? "unclosed filter" : "a path, string, number, true, false or null was expected");
    }

    private JsonNode number() {
        int start = pos;
        if (peek() == '-') {
            pos++;
        }
        boolean decimal = false;
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (isDigit(c)) {
                pos++;
            } else if (c == '.' || c == 'e' || c == 'E' || ((c == '+' || c == '-') && decimal)) {
                decimal = true;
                pos++;
            } else {
                break;
            }
        }
        String literal = text.substring(start, pos);
        try {
            if (decimal) {
                return Json.NODES.numberNode(new BigDecimal(literal));
            }
            BigInteger value = new BigInteger(literal);
            if (value.bitLength() < 32) {
                return Json.NODES.numberNode(value.intValue());
            }
            return value.bitLength() < 64 ? Json.NODES.numberNode(value.longValue()) : Json.NODES.numberNode(value);
        } catch (NumberFormatException e) {
            pos = start;
            throw error("'" + literal + "' is not a number");
        }
    }

    private char peek() {
        return pos < text.length() ? text.charAt(pos) : '\0';
    }

    private boolean skipSpaces() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
        return true;
    }

    private void expect(char c) {
        if (peek() != c) {
            throw error(pos >= text.length() ? "'" + c + "' expected at the end" : "'" + c + "' expected but found '" + peek() + "'");
        }
        pos++;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private PathSyntaxException error(String reason) {
        return new PathSyntaxException("Invalid JSONPath '" + text + "': " + reason + " at position " + pos);
    }
}
