package dev.stepwise.asl.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SpellingTest {
    private static final List<String> TYPES = List.of("Pass", "Task", "Choice", "Wait", "Succeed", "Fail", "Parallel", "Map");

    @Test
    void aWordOffByALetterOrTwoGetsTheKnownWord() {
        assertEquals(Optional.of("Pass"), Spelling.closest("Pas", TYPES));
        assertEquals(Optional.of("Parallel"), Spelling.closest("Paralel", TYPES));
        assertEquals(Optional.of("Choice"), Spelling.closest("choice", TYPES));
        assertEquals(Optional.of("Succeed"), Spelling.closest("Sucede", TYPES));
        assertEquals(Optional.of("NumericGreaterThan"),
                Spelling.closest("NumericGreaterThen", ChoiceOperators.ALL.keySet()));
        assertEquals(Optional.of("--input"), Spelling.closest("--imput", List.of("--input", "--in-memory", "--mock")));
    }

    @Test
    void swappedNeighboursCountAsOneSlip() {
        assertEquals(1, Spelling.distance("nxet", "next"));
        assertEquals(Optional.of("Next"), Spelling.closest("Nxet", List.of("Next", "End")));
    }

    @Test
    void aDifferentWordOrAnotherValueGetsNoSuggestion() {
        assertEquals(Optional.empty(), Spelling.closest("Sleep", TYPES));
        assertEquals(Optional.empty(), Spelling.closest("2.0", List.of("1.0")));
        assertEquals(Optional.empty(), Spelling.closest("Pass", TYPES));
        assertEquals(Optional.empty(), Spelling.closest("x".repeat(10_000), TYPES));
    }

    @Test
    void theSuggestionIsWordingToAddAfterAMessage() {
        assertEquals(" (did you mean 'Wait'?)", Spelling.suggestion("Wiat", TYPES));
        assertEquals("", Spelling.suggestion("Sleep", TYPES));
    }
}
