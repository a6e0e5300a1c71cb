package dev.stepwise.store;

/**
 * The one DynamoDB table Stepwise keeps everything in: every partition, sort key, item kind and
 * attribute name is a constant here, so a reader learns the whole table from this file. Writes
 * are single-item and conditional; there are no transactions (dynalite has none, and they cost 2×).
 *
 * <pre>
 * pk (S)                      sk (S)                        item
 * ---- an execution's partition: pk = the execution's ARN (as the runtime names it) ----
 * executionArn                "INPUT"                       the start: input text as given, the start record
 *                                                           (machine, revision, name, start date, timeout,
 *                                                           listing key) and the API's record of the start;
 *                                                           its conditional put is StartExecution's per-ARN check
 * executionArn                "EXEC"                        the header: status, start/stop, output, error, cause,
 *                                                           ec (event id counter), rev, redrive count/date/token,
 *                                                           listing keys (mpk, msk, spk), ttl once finished
 * executionArn                "S#" frame "#" seq            a step (kind step, await, join, end, halt, redriven);
 *                                                           see {@link StepKeys} for frames and sequences
 * executionArn                "B#" join "#" index           a branch's end: its output or error, for its join
 * executionArn                "T#" step "#" attempt         a STANDARD Task attempt's claim
 * executionArn                "X#END" ["#" n]               the last event of an abort/timeout/runtime failure
 *                                                           (moved to "X#END#" n when redrive n begins)
 * executionArn                "R#" n                        redrive n: its ExecutionRedriven event
 * executionArn                "C#" step                     the result of the task an awaiting step waits for
 * executionArn                "H#" step                     that task's last heartbeat
 * executionArn                "K#" step                     a callback's token secret, written before the call
 * executionArn                "A#" step                     the activity worker that took that task
 * executionArn                "PARENT"                      a child execution's link to the parent step waiting for it
 * executionArn                "M#" joinKey                  ListMapRuns: a Map Run this execution started
 * executionArn                "M#CASE", "M#I#" state "#" n  the mocked test case and its invocation ledger
 * any pk                      "P#" nonce "#" n              a part of an attribute too large for its item
 * ---- definitions: pk = a state machine, version or Map Run ARN ----
 * stateMachineArn             "SM"                          the current revision's key (runtime-only starts)
 * stateMachineArn             "SM#" revision                a revision: definition and settings, immutable,
 *                                                           keyed by a hash of its content
 * mapRunArn                   "MAPRUN" | "MAPRUN#SET" | "MAPRUN#END"   a Map Run, UpdateMapRun's settings, its end
 * ---- a Map Run's pages and counters: a partition per chunk of (at most 250) children ----
 * mapRunArn "#" chunk         "PAGE"                        the chunk's children: their inputs and item counts,
 *                                                           where its ItemReader reads on after it
 * mapRunArn "#" chunk         "CHUNK#" attempt              its children's ends counted once each (a number set),
 *                                                           totals by status, how many it has
 * mapRunArn "#G" group        "GROUP#" attempt              1,000 chunks' ends, counted once each
 * mapRunArn                   "ROOT#" attempt               the groups' ends, failures per chunk, what was read;
 *                                                           attempt = the parent's redrive count
 * ---- API records ----
 * "api#machines"              name                          a state machine (without its definition: see rev)
 * "api#versionCounter"        stateMachineArn               the last version number (ADD); never reused
 * "api#versions#" machineArn  version, 20 digits            a version
 * "api#aliases#" machineArn   alias name                    an alias
 * "api#tags"                  resourceArn                   tags, with a revision for optimistic updates
 * "ACTIVITIES"                activityArn                   an activity
 * "AQ#" activityArn           scheduled "#" token           a task waiting for an activity worker
 * </pre>
 * Listing executions: global secondary indexes {@link #BY_MACHINE} (mpk = state machine ARN,
 * msk = start date + ARN) and {@link #BY_STATUS} (spk = state machine ARN + "#" + status, msk).
 * History has no index: events ride on the items above in chunks ({@link #FIRST_EVENT},
 * {@link #EVENTS}); a history read queries the execution's partition and orders the chunks.
 */
public final class TableLayout {
    private TableLayout() {
    }

    // ---- keys ---------------------------------------------------------------------------------
    public static final String PK = "pk";
    public static final String SK = "sk";

    // ---- sort keys and prefixes in an execution's partition -----------------------------------
    public static final String INPUT = "INPUT";
    public static final String HEADER = "EXEC";
    public static final String STEP = "S#";
    public static final String BRANCH_END = "B#";
    public static final String CLAIM = "T#";
    public static final String END = "X#END";
    public static final String REDRIVE = "R#";
    public static final String RESULT = "C#";
    public static final String BEAT = "H#";
    public static final String TOKEN = "K#";
    public static final String TAKEN = "A#";
    public static final String PARENT = "PARENT";
    public static final String MAP_RUN_LISTED = "M#";
    public static final String MOCK_CASE = "M#CASE";
    public static final String MOCK_INVOCATION = "M#I#";
    public static final String PART = "P#";

    // ---- definitions and Map Runs --------------------------------------------------------------
    public static final String CURRENT_REVISION = "SM";
    public static final String REVISION = "SM#";
    public static final String MAP_RUN = "MAPRUN";
    public static final String MAP_RUN_SETTINGS = "MAPRUN#SET";
    public static final String MAP_RUN_END = "MAPRUN#END";
    public static final String RUN_PAGE = "PAGE";
    public static final String RUN_CHUNK = "CHUNK#";
    public static final String RUN_GROUP = "GROUP#";
    public static final String RUN_ROOT = "ROOT#";

    // ---- API partitions -------------------------------------------------------------------------
    public static final String API_MACHINES = "api#machines";
    public static final String API_VERSION_COUNTER = "api#versionCounter";
    public static final String API_VERSIONS = "api#versions#";
    public static final String API_ALIASES = "api#aliases#";
    public static final String API_TAGS = "api#tags";
    public static final String ACTIVITIES = "ACTIVITIES";
    public static final String ACTIVITY_QUEUE = "AQ#";

    // ---- attributes of step-like items ----------------------------------------------------------
    public static final String KIND = "kind";
    public static final String BODY = "body";
    /** The first event id of the chunk an item carries. */
    public static final String FIRST_EVENT = "h";
    /** The chunk of AWS-shaped history events an item carries (JSON text; gzip in "evz", parts in "evp"). */
    public static final String EVENTS = "ev";
    public static final String JOIN_DONE = "done";
    public static final String JOIN_FAILED = "failed";
    public static final String JOIN_COUNTED = "counted";
    public static final String JOIN_STATE = "state";
    public static final String JOIN_ERROR = "jerr";
    public static final String JOIN_CAUSE = "jcause";

    // ---- attributes of the header ---------------------------------------------------------------
    public static final String NAME = "name";
    public static final String MACHINE = "machine";
    public static final String MACHINE_NAME = "machineName";
    public static final String REVISION_KEY = "rev";
    public static final String ROLE_ARN = "roleArn";
    public static final String STATUS = "status";
    public static final String START = "start";
    public static final String STOP = "stop";
    public static final String OUTPUT = "output";
    public static final String ERROR = "error";
    public static final String CAUSE = "cause";
    public static final String TIMEOUT = "timeout";
    public static final String EVENT_COUNTER = "ec";
    public static final String REDRIVE_COUNT = "rc";
    public static final String REDRIVE_DATE = "rd";
    public static final String REDRIVE_TOKEN = "rtok";
    /** The TTL attribute (epoch seconds) a finished execution's header carries. */
    public static final String TTL = "ttl";
    public static final String LIST_MACHINE = "mpk";
    public static final String LIST_ORDER = "msk";
    public static final String LIST_STATUS = "spk";

    // ---- attributes of the start (INPUT) item and of records ------------------------------------
    /** A value stored as JSON text (gzip in name + "z", parts in name + "p" when large). */
    public static final String INPUT_TEXT = "input";
    public static final String START_RECORD = "startRecord";
    public static final String API_RECORD = "api";
    public static final String RECORD = "rec";
    public static final String PART_DATA = "data";
    public static final String COUNTER = "n";
    public static final String RECORD_REVISION = "v";

    // ---- attributes of a Map Run's counters ------------------------------------------------------
    /** The members counted (a number set): a chunk's children, a group's chunks, the root's groups. */
    public static final String COUNTED = "m";
    /** The members counted that failed (a number set): a redrive restarts them. */
    public static final String COUNTED_FAILED = "fm";
    /** How many members the counter has, once known. */
    public static final String EXPECTED = "exp";
    /** How many items its members hold, once known. */
    public static final String EXPECTED_ITEMS = "ei";
    /** Children and items by how they ended: succeeded, failed, timed out, aborted. */
    public static final String CHILDREN_SUCCEEDED = "cs";
    public static final String CHILDREN_FAILED = "cf";
    public static final String CHILDREN_TIMED_OUT = "ct";
    public static final String CHILDREN_ABORTED = "ca";
    public static final String ITEMS_SUCCEEDED = "is";
    public static final String ITEMS_FAILED = "if";
    public static final String ITEMS_TIMED_OUT = "it";
    public static final String ITEMS_ABORTED = "ia";
    /** The root's failed children per chunk (a map; each value only grows). */
    public static final String FAILED_BY_CHUNK = "fc";
    /** What the root's reader has read: pages, children and items (each only grows). */
    public static final String READ_PAGES = "rp";
    public static final String READ_CHILDREN = "rc";
    public static final String READ_ITEMS = "ri";

    /** A Map Run's chunk partition: its page and counters. */
    public static String runChunk(String mapRunArn, int chunk) {
        return mapRunArn + "#" + StepKeys.pad(chunk);
    }

    public static String runGroup(String mapRunArn, int group) {
        return mapRunArn + "#G" + StepKeys.pad(group);
    }

    // ---- indexes --------------------------------------------------------------------------------
    public static final String BY_MACHINE = "byMachine";
    public static final String BY_STATUS = "byMachineStatus";

    /** The listing key of a header in {@link #BY_STATUS}. */
    public static String statusKey(String stateMachineArn, String status) {
        return stateMachineArn + "#" + status;
    }
}
