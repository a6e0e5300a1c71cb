package dev.stepwise.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepwise.asl.Json;
import dev.stepwise.engine.ExecutionStatus;
import dev.stepwise.engine.FanIn;
import dev.stepwise.engine.ItemReaderRequest;
import dev.stepwise.engine.ResultWriterRequest;
import dev.stepwise.engine.Resumption;
import java.util.ArrayList;
import java.util.List;

/**
 * The JSON bodies of an execution's items, written by hand like {@link StepCodec} so the stored
 * shape is explicit and stable across deploys: every field name of a body is a constant here.
 */
public final class ItemBodies {
    // runnable steps
    private static final String STEP = "step";
    private static final String PREVIOUS_EVENT = "pe";
    private static final String FIRST_EVENT = "fid";
    private static final String RUN_AT = "runAt";
    private static final String MAP_RUN = "mapRun";
    // awaited tasks
    private static final String SECRET = "tok";
    private static final String SUBMITTED_AT = "at";
    private static final String TIMEOUT_AT = "to";
    private static final String HEARTBEAT = "hb";
    private static final String ACTIVITY = "act";
    private static final String ACTIVITY_INPUT = "in";
    private static final String CHILD = "child";
    // joins
    private static final String STATE_NAME = "state";
    private static final String TOTAL = "total";
    private static final String MAX_CONCURRENCY = "maxc";
    private static final String TOLERATED_COUNT = "tolc";
    private static final String TOLERATED_PERCENTAGE = "tolp";
    // ends
    private static final String INDEX = "index";
    private static final String FAILED = "failed";
    private static final String STATUS = "status";
    private static final String OUTPUT = "output";
    private static final String ERROR = "error";
    private static final String CAUSE = "cause";
    // parent links
    private static final String PARENT = "exec";
    private static final String AWAIT_KEY = "key";
    private static final String JSON_RESULT = "json";
    private static final String JOIN = "join";
    private static final String RUN = "run";
    private static final String ATTEMPT = "att";
    private static final String CHUNK = "chunk";
    private static final String SLOT = "slot";
    private static final String ITEMS = "items";
    // pages of a Map Run
    private static final String FIRST_CHILD = "first";
    private static final String INPUTS = "inputs";
    private static final String ITEMS_READ = "read";
    private static final String NEXT = "next";
    private static final String LAST = "last";
    // a Map Run's records
    private static final String MACHINE = "sm";
    private static final String STARTED = "start";
    private static final String CHUNK_SIZE = "csize";
    private static final String READER = "reader";
    private static final String WRITER = "writer";
    private static final String REDRIVES = "rc";
    private static final String REDRIVEN_AT = "rd";
    private static final String STOPPED_AT = "stop";
    private static final String WRITTEN = "written";
    // timestamps of tokens, beats and claims
    private static final String AT = "at";

    private ItemBodies() {
    }

    public static ObjectNode write(StepBody body) {
        ObjectNode json = Json.object();
        json.set(STEP, StepCodec.write(body.step()));
        json.put(PREVIOUS_EVENT, body.previousEventId());
        putIfSet(json, FIRST_EVENT, body.firstEventId());
        putIfSet(json, RUN_AT, body.runAt());
        if (body.mapRun() != null) {
            json.put(MAP_RUN, body.mapRun());
        }
        StepBody.Awaited awaited = body.awaited();
        if (awaited != null) {
            json.put(SECRET, awaited.secret()).put(SUBMITTED_AT, awaited.submittedAt());
            putIfSet(json, TIMEOUT_AT, awaited.timeoutAt());
            putIfSet(json, HEARTBEAT, awaited.heartbeatSeconds());
            if (awaited.activity() != null) {
                json.put(ACTIVITY, awaited.activity()).set(ACTIVITY_INPUT, awaited.activityInput());
            }
            if (awaited.child() != null) {
                json.put(CHILD, awaited.child());
            }
        }
        StepBody.JoinSettings join = body.join();
        if (join != null) {
            json.put(STATE_NAME, join.stateName()).put(TOTAL, join.total()).put(MAX_CONCURRENCY, join.maxConcurrency());
            if (join.toleratedCount() != null) {
                json.put(TOLERATED_COUNT, join.toleratedCount());
            }
            if (join.toleratedPercentage() != null) {
                json.put(TOLERATED_PERCENTAGE, join.toleratedPercentage());
            }
            if (join.mapRun() != null) {
                json.put(MAP_RUN, join.mapRun());
            }
        }
        return json;
    }

    public static StepBody step(JsonNode json) {
        StepBody.Awaited awaited = json.has(SECRET) ? new StepBody.Awaited(json.get(SECRET).asText(),
                json.get(SUBMITTED_AT).asLong(), longOrNull(json, TIMEOUT_AT), longOrNull(json, HEARTBEAT),
                textOrNull(json, ACTIVITY), json.get(ACTIVITY_INPUT), textOrNull(json, CHILD)) : null;
        StepBody.JoinSettings join = json.has(TOTAL) ? new StepBody.JoinSettings(json.get(STATE_NAME).asText(),
                json.get(TOTAL).asInt(), json.get(MAX_CONCURRENCY).asInt(),
                json.has(TOLERATED_COUNT) ? json.get(TOLERATED_COUNT).asInt() : null,
                json.has(TOLERATED_PERCENTAGE) ? json.get(TOLERATED_PERCENTAGE).asDouble() : null, textOrNull(json, MAP_RUN)) : null;
        return new StepBody(StepCodec.read(json.get(STEP)), json.path(PREVIOUS_EVENT).asLong(), longOrNull(json, FIRST_EVENT),
                longOrNull(json, RUN_AT), join == null ? textOrNull(json, MAP_RUN) : null, awaited, join);
    }

    public static ObjectNode write(BranchEnd end) {
        ObjectNode json = Json.object().put(INDEX, end.index()).put(FAILED, end.failed());
        if (end.status() != null) {
            json.put(STATUS, end.status());
        }
        json.set(OUTPUT, end.output());
        return json;
    }

    public static BranchEnd branchEnd(JsonNode json) {
        return new BranchEnd(json.get(INDEX).asInt(), json.get(FAILED).asBoolean(), textOrNull(json, STATUS), json.get(OUTPUT));
    }

    public static ObjectNode write(RootEnd end) {
        ObjectNode json = Json.object().put(STATUS, end.status().name());
        if (end.output() != null) {
            json.set(OUTPUT, end.output());
        } else {
            json.put(ERROR, end.error()).put(CAUSE, end.cause());
        }
        return json;
    }

    public static RootEnd rootEnd(JsonNode json) {
        return new RootEnd(ExecutionStatus.valueOf(json.get(STATUS).asText()), json.get(OUTPUT),
                textOrNull(json, ERROR), textOrNull(json, CAUSE));
    }

    public static ObjectNode write(ParentLink link) {
        ObjectNode json = Json.object().put(PARENT, link.parentArn());
        if (link.isMapRunChild()) {
            ParentLink.RunChild child = link.runChild();
            return json.put(JOIN, child.joinKey()).put(RUN, child.mapRunArn()).put(ATTEMPT, child.attempt())
                    .put(CHUNK, child.chunk()).put(SLOT, child.slot()).put(ITEMS, child.items());
        }
        return json.put(AWAIT_KEY, link.awaitKey()).put(JSON_RESULT, link.json());
    }

    public static ParentLink parentLink(JsonNode json) {
        ParentLink.RunChild child = json.has(RUN) ? new ParentLink.RunChild(json.get(JOIN).asText(), json.get(RUN).asText(),
                json.path(ATTEMPT).asInt(), json.get(CHUNK).asInt(), json.get(SLOT).asInt(), json.path(ITEMS).asInt(1)) : null;
        return new ParentLink(json.get(PARENT).asText(), textOrNull(json, AWAIT_KEY), json.path(JSON_RESULT).asBoolean(), child);
    }

    public static ObjectNode write(RunPage page) {
        ObjectNode json = Json.object().put(FIRST_CHILD, page.firstChild());
        page.inputs().forEach(json.putArray(INPUTS)::add);
        page.itemCounts().forEach(json.putArray(ITEMS)::add);
        json.put(ITEMS_READ, page.itemsRead()).put(LAST, page.last());
        if (page.next() != null) {
            json.set(NEXT, page.next());
        }
        return json;
    }

    public static RunPage runPage(JsonNode json) {
        List<JsonNode> inputs = new ArrayList<>();
        json.get(INPUTS).forEach(inputs::add);
        List<Integer> items = new ArrayList<>();
        json.get(ITEMS).forEach(count -> items.add(count.asInt()));
        return new RunPage(json.get(FIRST_CHILD).asLong(), inputs, items, json.get(ITEMS_READ).asLong(), json.get(NEXT),
                json.get(LAST).asBoolean());
    }

    public static ObjectNode write(RunRecord run) {
        ObjectNode json = Json.object().put(PARENT, run.parentArn()).put(JOIN, run.joinKey()).put(MACHINE, run.stateMachineArn())
                .put(STARTED, run.startMillis()).put(ATTEMPT, run.attempt()).put(CHUNK_SIZE, run.chunkSize())
                .put(MAX_CONCURRENCY, run.maxConcurrency()).put(REDRIVES, run.redriveCount());
        if (run.toleratedFailureCount() != null) {
            json.put(TOLERATED_COUNT, run.toleratedFailureCount());
        }
        if (run.toleratedFailurePercentage() != null) {
            json.put(TOLERATED_PERCENTAGE, run.toleratedFailurePercentage());
        }
        if (run.reader() != null) {
            json.set(READER, run.reader().toJson());
        }
        if (run.writer() != null) {
            json.set(WRITER, run.writer().toJson());
        }
        putIfSet(json, REDRIVEN_AT, run.redriveMillis());
        return json;
    }

    public static RunRecord runRecord(JsonNode json) {
        return new RunRecord(json.get(PARENT).asText(), json.get(JOIN).asText(), json.get(MACHINE).asText(),
                json.get(STARTED).asLong(), json.path(ATTEMPT).asInt(), json.path(CHUNK_SIZE).asInt(FanIn.RunJoin.CHUNK),
                json.path(MAX_CONCURRENCY).asInt(), json.has(TOLERATED_COUNT) ? json.get(TOLERATED_COUNT).asInt() : null,
                json.has(TOLERATED_PERCENTAGE) ? json.get(TOLERATED_PERCENTAGE).asDouble() : null,
                json.hasNonNull(READER) ? ItemReaderRequest.fromJson(json.get(READER)) : null,
                json.hasNonNull(WRITER) ? ResultWriterRequest.fromJson(json.get(WRITER)) : null,
                json.path(REDRIVES).asInt(), longOrNull(json, REDRIVEN_AT));
    }

    public static ObjectNode write(RunSettings settings) {
        ObjectNode json = Json.object();
        if (settings.maxConcurrency() != null) {
            json.put(MAX_CONCURRENCY, settings.maxConcurrency());
        }
        if (settings.toleratedFailureCount() != null) {
            json.put(TOLERATED_COUNT, settings.toleratedFailureCount());
        }
        if (settings.toleratedFailurePercentage() != null) {
            json.put(TOLERATED_PERCENTAGE, settings.toleratedFailurePercentage());
        }
        return json;
    }

    public static RunSettings runSettings(JsonNode json) {
        return new RunSettings(json.has(MAX_CONCURRENCY) ? json.get(MAX_CONCURRENCY).asInt() : null,
                json.has(TOLERATED_COUNT) ? json.get(TOLERATED_COUNT).asInt() : null,
                json.has(TOLERATED_PERCENTAGE) ? json.get(TOLERATED_PERCENTAGE).asDouble() : null);
    }

    public static ObjectNode write(RunEnd end) {
        return Json.object().put(STOPPED_AT, end.stopMillis()).put(STATUS, end.status()).put(WRITTEN, end.resultsWritten());
    }

    public static RunEnd runEnd(JsonNode json) {
        return new RunEnd(json.get(STOPPED_AT).asLong(), json.path(STATUS).asText("RUNNING"), json.path(WRITTEN).asLong());
    }

    /** A listing item of an execution's Map Run ({@link TableLayout#MAP_RUN_LISTED}): the run's ARN. */
    public static ObjectNode listedRun(String mapRunArn) {
        return Json.object().put(RUN, mapRunArn);
    }

    public static String listedRun(JsonNode json) {
        return json.get(RUN).asText();
    }

    public static ObjectNode write(Resumption result) {
        return StepCodec.writeResumption(result);
    }

    public static Resumption result(JsonNode json) {
        return StepCodec.readResumption(json);
    }

    /** A token item's body: the secret of the callback token sent before the step committed. */
    public static ObjectNode secret(String secret) {
        return Json.object().put(SECRET, secret);
    }

    public static String secret(JsonNode json) {
        return textOrNull(json, SECRET);
    }

    /** A heartbeat's or a claim's body: when it happened, epoch millis. */
    public static ObjectNode at(long millis) {
        return Json.object().put(AT, millis);
    }

    public static long at(JsonNode json) {
        return json.get(AT).asLong();
    }

    private static void putIfSet(ObjectNode json, String field, Long value) {
        if (value != null) {
            json.put(field, value);
        }
    }

    private static Long longOrNull(JsonNode json, String field) {
        JsonNode value = json.get(field);
        return value == null || value.isNull() ? null : value.asLong();
    }

    private static String textOrNull(JsonNode json, String field) {
        JsonNode value = json.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
