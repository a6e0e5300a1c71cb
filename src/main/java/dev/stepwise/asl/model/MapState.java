package dev.stepwise.asl.model;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepwise.asl.path.JsonPath;
import dev.stepwise.asl.template.PayloadTemplate;

/**
 * Map: runs its item processor once per item of an array. {@code itemSelector} holds ItemSelector
 * or the legacy Parameters; {@code processor} holds ItemProcessor or the legacy Iterator.
 * Distributed-mode fields (ItemReader, ItemBatcher, ResultWriter) are kept as parsed JSON.
 * {@code childDefinition} is the item processor as a state machine definition of its own: what
 * a Distributed Map's child executions run.
 */
public record MapState(String name, DataPaths paths, JsonPath itemsPath, PayloadTemplate itemSelector,
                       Branch processor, ProcessorMode mode, String executionType,
                       Integer maxConcurrency, JsonPath maxConcurrencyPath,
                       Double toleratedFailurePercentage, JsonPath toleratedFailurePercentagePath,
                       Integer toleratedFailureCount, JsonPath toleratedFailureCountPath,
                       JsonNode itemReader, JsonNode itemBatcher, JsonNode resultWriter, String label, JsonNode childDefinition,
                       PayloadTemplate resultSelector, ErrorHandling errors, Transition transition, Assignment assign,
                        JsonataFields jsonata) implements State {

    public enum ProcessorMode { INLINE, DISTRIBUTED }

    @Override
    public String type() {
        return "Map";
    }
}
