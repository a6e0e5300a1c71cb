package dev.stepwise.engine;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.UUID;
import java.util.random.RandomGenerator;

/**
 * A Distributed Map's Map Run: its items run as child executions of {@code definition} (the
 * item processor), named by the run. ARNs as AWS forms them:
 * {@code arn:aws:states:<region>:<account>:mapRun:<machine>/<label>:<id>} for the run and
 * {@code ...:stateMachine:<machine>/<label>} for what its children run; without a Label the
 * label part is a UUID. Its items come from its {@code reader} (null: from the state's input,
 * {@link MapItems#inlineItems}); its {@code writer} (or null) exports or reshapes its results.
 */
public record MapRun(String arn, String stateMachineArn, String stateMachineName, JsonNode definition,
                     String executionType, ItemReaderRequest reader, ResultWriterRequest writer) {

    static MapRun of(ExecutionInfo execution, String label, JsonNode definition, String executionType,
                     RandomGenerator random, ItemReaderRequest reader, ResultWriterRequest writer) {
        String machineArn = execution.stateMachineArn();
        String prefix = machineArn.substring(0, machineArn.indexOf(":stateMachine:"));
        String labelPart = label != null ? label : uuid(random);
        String name = execution.stateMachineName() + "/" + labelPart;
        return new MapRun(prefix + ":mapRun:" + name + ":" + uuid(random), prefix + ":stateMachine:" + name, name,
                definition, executionType == null ? "STANDARD" : executionType, reader, writer);
    }

    /** The run's id: the last part of its ARN, which names its ResultWriter's folder ({@code Prefix/<id>/manifest.json}). */
    public static String id(String mapRunArn) {
        return mapRunArn.substring(mapRunArn.lastIndexOf(':') + 1);
    }

    /** The name of the run's child execution for item {@code index}: a UUID, the same for every attempt to start it. */
    public static String childName(String mapRunArn, long index) {
        return UUID.nameUUIDFromBytes((mapRunArn + "#" + index).getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString();
    }

    /** The ARN of child execution {@code name} of the run with ARN {@code mapRunArn}. */
    public static String childArn(String mapRunArn, String name) {
        return stateMachineArnOf(mapRunArn).replaceFirst(":stateMachine:", ":execution:") + ":" + name;
    }

    /** {@code ...:mapRun:<machine>/<label>:<id>} → {@code ...:stateMachine:<machine>/<label>}. */
    public static String stateMachineArnOf(String mapRunArn) {
        return mapRunArn.substring(0, mapRunArn.lastIndexOf(':')).replaceFirst(":mapRun:", ":stateMachine:");
    }

    public static boolean isMapRunArn(String arn) {
        return arn != null && arn.contains(":mapRun:");
    }

    private static String uuid(RandomGenerator random) {
        return new UUID((random.nextLong() & ~0xF000L) | 0x4000L, (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L).toString();
    }
}
