package dev.stepwise.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepwise.asl.StatesError;
import dev.stepwise.asl.StatesFailure;

/** Where a runner's ResultWriters export to (the tasks layer writes S3); the engine decides what ({@link ResultFiles}). */
@FunctionalInterface
public interface ResultWriting {

    /** Opens the export of run {@code mapRunArn}'s results as {@code request} says, in {@code region}. */
    Export open(ResultWriterRequest request, String region, String mapRunArn);

    /** One export: entries in, files and manifest out. */
    interface Export {
        /** Adds a child's entry to its file (entries of a file keep the order they are added in). */
        void add(ResultFiles.File file, JsonNode entry);

        /**
         * Writes what is left and the manifest; returns the state's result ({@link ResultFiles#details}).
         * @throws StatesFailure States.ResultWriterFailed when S3 refuses a write
         */
        JsonNode finish();
    }

    /** No S3: every export fails, saying so. */
    ResultWriting NONE = (request, region, mapRunArn) -> {
        throw new StatesFailure(StatesError.RESULT_WRITER_FAILED, "This runner exports no results: it has no S3 endpoint");
    };
}
