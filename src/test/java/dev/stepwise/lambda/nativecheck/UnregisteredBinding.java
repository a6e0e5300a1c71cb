package dev.stepwise.lambda.nativecheck;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepwise.asl.Json;

/** A class that binds a POJO by reflection without registering it: the scanner must report it. */
final class UnregisteredBinding {
    record Point(int x, int y) {
    }

    static JsonNode toTree() {
        return Json.MAPPER.valueToTree(new Point(1, 2));
    }

    static Point fromTree(JsonNode node) throws Exception {
        return Json.MAPPER.treeToValue(node, Point.class);
    }

    static JsonNode treeOnly(JsonNode node) {
        return Json.MAPPER.valueToTree(node);
    }
}
