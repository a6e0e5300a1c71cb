package dev.stepwise.asl.intrinsic;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepwise.asl.Json;
import dev.stepwise.asl.path.Bindings;
import java.util.List;

/** States.Format: the first argument with each {@code {}} replaced by the next argument's value. */
final class StatesFormat implements IntrinsicFunction {
    static final String NAME = "States.Format";

    /** The template compiled at parse time when it is a string literal; null when it is computed. */
    private final FormatTemplate literalTemplate;

    StatesFormat() {
        this(null);
    }

    private StatesFormat(FormatTemplate literalTemplate) {
        this.literalTemplate = literalTemplate;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Arity arity() {
        return Arity.atLeast(1);
    }

    @Override
    public IntrinsicFunction bind(List<Argument> arguments) {
        if (arguments.get(0) instanceof Argument.Literal literal && literal.raw() != null) {
            return new StatesFormat(FormatTemplate.of(literal.raw()));
        }
        return this;
    }

    @Override
    public JsonNode apply(JsonNode[] arguments, Bindings bindings) {
        FormatTemplate template = literalTemplate != null
                ? literalTemplate
                : FormatTemplate.of(ArgumentValues.text(arguments[0], NAME));
        return Json.NODES.textNode(template.render(arguments, 1));
    }
}
