package dev.stepwise.api;

import static dev.stepwise.api.LocalSfn.PASS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.sfn.model.ValidateStateMachineDefinitionDiagnostic;
import software.amazon.awssdk.services.sfn.model.ValidateStateMachineDefinitionResponse;
import software.amazon.awssdk.services.sfn.model.ValidateStateMachineDefinitionResultCode;
import software.amazon.awssdk.services.sfn.model.ValidateStateMachineDefinitionSeverity;

/** ValidateStateMachineDefinition through the real AWS SDK. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ValidateDefinitionApiTest {
    private final LocalSfn local = new LocalSfn();

    @AfterAll
    void stop() {
        local.close();
        assertEquals(List.of(), local.bugs);
    }

    @Test
    void aValidDefinitionIsOk() {
        ValidateStateMachineDefinitionResponse response = local.sfn.validateStateMachineDefinition(b -> b.definition(PASS));
        assertEquals(ValidateStateMachineDefinitionResultCode.OK, response.result());
        assertEquals(List.of(), response.diagnostics());
        assertFalse(response.truncated());
    }

    @Test
    void findingsComeBackAsDiagnosticsWithCodeMessageAndLocation() {
        ValidateStateMachineDefinitionResponse response = local.sfn.validateStateMachineDefinition(b -> b.definition("""
                {"StartAt": "pass1", "States": {
                  "pass1": {"Type": "Pass", "Next": "pass3"},
                  "pass2": {"Type": "Pass", "End": true}}}"""));
        assertEquals(ValidateStateMachineDefinitionResultCode.FAIL, response.result());
        ValidateStateMachineDefinitionDiagnostic first = response.diagnostics().get(0);
        assertEquals(ValidateStateMachineDefinitionSeverity.ERROR, first.severity());
        assertEquals("MISSING_TRANSITION_TARGET", first.code());
        assertEquals("Missing 'Next' target: pass3", first.message());
        assertEquals("/States/pass1/Next", first.location());
        assertEquals(2, response.diagnostics().size());
    }

    @Test
    void unparseableTextIsInvalidJsonDescription() {
        ValidateStateMachineDefinitionResponse response =
                local.sfn.validateStateMachineDefinition(b -> b.definition("not a definition"));
        assertEquals(ValidateStateMachineDefinitionResultCode.FAIL, response.result());
        assertEquals("INVALID_JSON_DESCRIPTION", response.diagnostics().get(0).code());
        // Where it stopped, as a line and column (issue #16), not AWS's quoted copy of the definition.
        assertEquals("line 1, column 4", response.diagnostics().get(0).location());
    }

    @Test
    void maxResultsTruncatesTheDiagnostics() {
        ValidateStateMachineDefinitionResponse response = local.sfn.validateStateMachineDefinition(b -> b.maxResults(1)
                .definition("""
                        {"StartAt": "a", "States": {"a": {"Type": "Pass", "Next": "x"}, "b": {"Type": "Pass", "Next": "y"}}}"""));
        assertEquals(ValidateStateMachineDefinitionResultCode.FAIL, response.result());
        assertEquals(1, response.diagnostics().size());
        assertTrue(response.truncated());
    }
}
