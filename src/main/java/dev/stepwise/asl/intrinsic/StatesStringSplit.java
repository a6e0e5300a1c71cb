package dev.stepwise.asl.intrinsic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.stepwise.asl.Json;
import dev.stepwise.asl.path.Bindings;

/**
 * States.StringSplit: the pieces of the string between delimiters. Every character of the second
 * argument is a delimiter ("This.is+a,test=string" split by ".+,=" gives five words, AWS docs), and
 * empty pieces are dropped (observed on AWS: "a,,b", ",a,b" and "a,b," all give ["a","b"], and ""
 * gives []).
 */
final class StatesStringSplit implements IntrinsicFunction {
    static final String NAME = "States.StringSplit";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Arity arity() {
        return Arity.exactly(2);
    }

    @Override
    public JsonNode apply(JsonNode[] arguments, Bindings bindings) {
        String text = ArgumentValues.text(arguments[0], NAME);
        String delimiters = ArgumentValues.text(arguments[1], NAME);
        ArrayNode pieces = Json.NODES.arrayNode();
        int pieceStart = 0;
        for (int i = 0; i <= text.length(); i++) {
            if (i == text.length() || delimiters.indexOf(text.charAt(i)) >= 0) {
                if (i > pieceStart) {
                    pieces.add(text.substring(pieceStart, i));
                }
                pieceStart = i + 1;
            }
        }
        return pieces;
    }
}
