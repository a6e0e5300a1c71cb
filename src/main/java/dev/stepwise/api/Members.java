package dev.stepwise.api;

/** Member names of the API's requests and responses, spelled once, as the AWS API reference spells them. */
public final class Members {
    public static final String STATE_MACHINE_ARN = "stateMachineArn";
    public static final String EXECUTION_ARN = "executionArn";
    public static final String NAME = "name";
    public static final String DEFINITION = "definition";
    public static final String ROLE_ARN = "roleArn";
    public static final String TYPE = "type";
    public static final String CREATION_DATE = "creationDate";
    public static final String UPDATE_DATE = "updateDate";
    public static final String REVISION_ID = "revisionId";
    public static final String NEXT_TOKEN = "nextToken";
    public static final String MAX_RESULTS = "maxResults";
    public static final String INPUT = "input";
    public static final String OUTPUT = "output";
    public static final String ERROR = "error";
    public static final String CAUSE = "cause";
    public static final String STATUS = "status";
    public static final String START_DATE = "startDate";
    public static final String STOP_DATE = "stopDate";
    public static final String STATE_MACHINE_VERSION_ARN = "stateMachineVersionArn";
    public static final String STATE_MACHINE_ALIAS_ARN = "stateMachineAliasArn";
    public static final String DESCRIPTION = "description";
    public static final String LOGGING_CONFIGURATION = "loggingConfiguration";
    public static final String TRACING_CONFIGURATION = "tracingConfiguration";
    public static final String INPUT_DETAILS = "inputDetails";
    public static final String OUTPUT_DETAILS = "outputDetails";
    public static final String INCLUDED = "included";
    public static final String TRUNCATED = "truncated";
    public static final String TAGS = "tags";
    public static final String ROUTING_CONFIGURATION = "routingConfiguration";
    public static final String WEIGHT = "weight";
    public static final String PUBLISH = "publish";
    public static final String VERSION_DESCRIPTION = "versionDescription";
    public static final String KEY = "key";
    public static final String VALUE = "value";
    public static final String INCLUDED_DATA = "includedData";

    private Members() {
    }
}
