package dev.stepwise.api;

/**
 * Step Functions ARNs: {@code arn:aws:states:<region>:<account>:stateMachine:<name>[:<version>]}
 * and {@code arn:aws:states:<region>:<account>:execution:<stateMachine>:<name>}. Reading one
 * checks what AWS checks and answers InvalidArn with AWS's reasons ("Invalid ARN prefix: x",
 * "Resource type not valid in this context: execution", recorded on AWS).
 */
public final class Arns {
    public static final String STATE_MACHINE = "stateMachine";
    public static final String EXECUTION = "execution";

    private final ApiConfig config;

    public Arns(ApiConfig config) {
        this.config = config;
    }

    /** A parsed states ARN: the resource type and the parts after it. */
    public record Parsed(String arn, String type, String[] parts) {
        public String stateMachineArnPrefix() {
            return arn.substring(0, arn.indexOf(":" + type + ":"));
        }
    }

    public String stateMachine(String name) {
        return prefix() + STATE_MACHINE + ":" + name;
    }

    public String version(String stateMachineArn, long version) {
        return stateMachineArn + ":" + version;
    }

    /** The execution ARN of {@code name} under a state machine ARN (or a version ARN: the version is dropped, as on AWS). */
    public String execution(String stateMachineArn, String name) {
        Parsed machine = parse(stateMachineArn, STATE_MACHINE);
        return prefix(machine) + EXECUTION + ":" + machine.parts()[0] + ":" + name;
    }

    /**
     * An Express execution's ARN: {@code arn:aws:states:<region>:<account>:express:<stateMachine>:<name>:<id>},
     * the form AWS gives them (names of Express executions need not be unique, the id makes the ARN so).
     */
    public String expressExecution(String stateMachineArn, String name, String id) {
        Parsed machine = parse(stateMachineArn, STATE_MACHINE);
        return prefix(machine) + "express:" + machine.parts()[0] + ":" + name + ":" + id;
    }

    /** The state machine ARN an execution ARN belongs to. */
    public String stateMachineOf(String executionArn) {
        Parsed execution = parse(executionArn, EXECUTION);
        return prefix(execution) + STATE_MACHINE + ":" + execution.parts()[0];
    }

    /** Parses an ARN that must name a resource of {@code expectedType}. */
    public Parsed parse(String arn, String expectedType) {
        String[] fields = arn.split(":", -1);
        if (fields.length < 7 || !fields[0].equals("arn") || !fields[2].equals("states")) {
            throw ApiException.invalidArn("Invalid ARN prefix: " + arn);
        }
        String type = fields[5];
        if (!type.equals(expectedType)) {
            throw ApiException.invalidArn("Resource type not valid in this context: " + type);
        }
        String[] parts = java.util.Arrays.copyOfRange(fields, 6, fields.length);
        for (String part : parts) {
            if (part.isEmpty()) {
                throw ApiException.invalidArn("Invalid Arn: " + arn);
            }
        }
        int expected = expectedType.equals(EXECUTION) ? 2 : parts.length;
        if (parts.length > 2 || parts.length != expected) {
            throw ApiException.invalidArn("Invalid Arn: " + arn);
        }
        return new Parsed(arn, type, parts);
    }

    /** True when a state machine ARN is qualified by a version number ({@code ...:stateMachine:name:3}). */
    public static boolean isVersion(Parsed machine) {
        return machine.parts().length == 2 && machine.parts()[1].chars().allMatch(Character::isDigit);
    }

    private String prefix() {
        return "arn:aws:states:" + config.region() + ":" + config.account() + ":";
    }

    private static String prefix(Parsed parsed) {
        String[] fields = parsed.arn().split(":", -1);
        return String.join(":", fields[0], fields[1], fields[2], fields[3], fields[4]) + ":";
    }
}
