package dev.stepwise.asl.model;

import dev.stepwise.asl.path.JsonPath;
import dev.stepwise.asl.path.ReferencePath;

/**
 * InputPath, OutputPath and ResultPath of a state. An absent field is compiled as {@code $};
 * an explicit JSON null is kept as a Java null, because ASL gives null its own meaning:
 * InputPath/OutputPath null pass {@code {}}, ResultPath null discards the result.
 */
public record DataPaths(JsonPath inputPath, JsonPath outputPath, ReferencePath resultPath) {
    public static final DataPaths DEFAULT = new DataPaths(JsonPath.compile("$"), JsonPath.compile("$"), ReferencePath.compile("$"));
}
