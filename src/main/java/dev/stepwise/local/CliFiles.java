package dev.stepwise.local;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepwise.asl.Json;
import dev.stepwise.asl.JsonSyntaxError;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Files and JSON the user names on the command line, with the one-line messages people expect:
 * {@code cannot read nosuch.json: no such file}, {@code bad.json:3:5: invalid JSON: ...}.
 */
final class CliFiles {
    private CliFiles() {
    }

    static String read(String name) {
        Path path = Path.of(name);
        try {
            if (Files.isDirectory(path)) {
                throw new StepwiseCli.UsageException("cannot read " + name + ": is a directory");
            }
            return Files.readString(path);
        } catch (NoSuchFileException e) {
            throw new StepwiseCli.UsageException("cannot read " + name + ": no such file");
        } catch (AccessDeniedException e) {
            throw new StepwiseCli.UsageException("cannot read " + name + ": permission denied");
        } catch (IOException e) {
            throw new StepwiseCli.UsageException("cannot read " + name + ": " + e.getMessage());
        }
    }

    /** JSON text from {@code source} (a file name, or an option such as --input): the place of a syntax error in it. */
    static JsonNode json(String text, String source) {
        try {
            return Json.parseDocument(text);
        } catch (JsonSyntaxError e) {
            throw new StepwiseCli.UsageException(source + ":" + e.line() + ":" + e.column() + ": invalid JSON: " + e.problem());
        }
    }

    static JsonNode readJson(String name) {
        return json(read(name), name);
    }

    /** {@code --input}'s value: JSON text, or {@code @FILE}. */
    static JsonNode input(String value, String option) {
        return value.startsWith("@") ? readJson(value.substring(1)) : json(value, option);
    }
}
