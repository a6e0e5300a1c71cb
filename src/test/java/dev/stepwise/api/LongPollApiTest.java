package dev.stepwise.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepwise.api.port.TaskPort;
import dev.stepwise.asl.Json;
import dev.stepwise.engine.EngineOptions;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * GetActivityTask long-polls for up to 60 seconds, and a fleet of workers keeps many polls open
 * at once ("Workers should poll with a client-side socket timeout of at least 65 seconds", API
 * reference, GetActivityTask). No open poll may hold up another call: with 50 of them waiting on
 * the durable runtime, every other call answers before any poll ends.
 */
class LongPollApiTest {
    private static final int POLLS = 50;

    @Test
    void fiftyOpenLongPollsHoldUpNoOtherCallAndTheNextTaskGoesToOneOfThem() throws Exception {
        try (LocalSfn local = new LocalSfn(LocalSfn.Backend.DURABLE)) {
            String activity = local.sfn.createActivity(b -> b.name("busy-fleet")).activityArn();
            List<Long> idle = timedListings(local);
            HttpClient http = HttpClient.newHttpClient();
            List<CompletableFuture<HttpResponse<String>>> polls = new ArrayList<>();
            for (int i = 0; i < POLLS; i++) {
                polls.add(http.sendAsync(HttpRequest.newBuilder(local.endpoint().resolve("/"))
                        .header("Content-Type", "application/x-amz-json-1.0")
                        .header("X-Amz-Target", "AWSStepFunctions.GetActivityTask")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"activityArn\": \"" + activity + "\", \"workerName\": \"w" + i + "\"}"))
                        .build(), HttpResponse.BodyHandlers.ofString()));
            }
            // More polls than the server has request threads (8): let it read them all before the calls.
            Thread.sleep(1000);

            List<Long> micros = timedListings(local);
            String machine = local.createMachine("fleet-work", """
                    {"StartAt": "Work", "States": {"Work": {"Type": "Task", "Resource": "%s", "End": true}}}""".formatted(activity));
            assertEquals(0, polls.stream().filter(CompletableFuture::isDone).count(),
                    "every call answered while all " + POLLS + " polls still waited");
            System.out.printf("ListStateMachines with no poll open: %s; under %d open long polls: %s%n",
                    summary(idle), POLLS, summary(micros));

            String execution = local.sfn.startExecution(b -> b.stateMachineArn(machine).input("{\"job\": 7}")).executionArn();
            HttpResponse<String> served = (HttpResponse<String>) CompletableFuture.anyOf(polls.toArray(CompletableFuture[]::new))
                    .get(30, TimeUnit.SECONDS);
            assertEquals(200, served.statusCode());
            JsonNode task = Json.parse(served.body());
            assertEquals(Json.parse("{\"job\": 7}"), Json.parse(task.get("input").asText()));
            local.sfn.sendTaskSuccess(b -> b.taskToken(task.get("taskToken").asText()).output("{\"done\": true}"));
            assertEquals("{\"done\":true}", local.awaitEnd(execution).output());
            assertEquals(POLLS - 1, polls.stream().filter(poll -> !poll.isDone()).count(), "one task went to one poll");
            assertEquals(List.of(), local.bugs);
        }
    }

    /** The microseconds of 20 ListStateMachines calls, each of which must answer (generously) within 30 s. */
    private static List<Long> timedListings(LocalSfn local) throws Exception {
        List<Long> micros = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            long start = System.nanoTime();
            CompletableFuture<Integer> listed = CompletableFuture.supplyAsync(() ->
                    local.sfn.listStateMachines(b -> { }).stateMachines().size());
            // Before the fix this call waited for the first polls to end, 60 s after they began.
            assertEquals(0, listed.get(30, TimeUnit.SECONDS));
            micros.add((System.nanoTime() - start) / 1000);
        }
        return micros;
    }

    private static String summary(List<Long> micros) {
        List<Long> sorted = new ArrayList<>(micros);
        Collections.sort(sorted);
        return String.format("median %.1f ms, max %.1f ms", sorted.get(sorted.size() / 2) / 1000.0, sorted.get(sorted.size() - 1) / 1000.0);
    }

    /** Behind API Gateway an answer must come within 30 s, so the Lambda handler caps the poll. */
    @Test
    void aCallerThatCannotWaitSixtySecondsGetsAShorterPoll() {
        List<Duration> asked = new ArrayList<>();
        TaskPort tasks = new WaitRecorder(asked);
        Clock clock = Clock.systemUTC();
        ApiContext base = dev.stepwise.local.MemoryApi.start(ApiConfig.defaults(), new dev.stepwise.tasks.NoIntegrations(), null, 1.0,
                Throwable::printStackTrace).context();
        ApiContext context = ApiContext.of(ApiConfig.defaults(), base.machines(), base.executions(), tasks, clock);
        StepFunctionsApi api = new StepFunctionsApi(context, new dev.stepwise.tasks.NoIntegrations(), Throwable::printStackTrace);
        String arn = "arn:aws:states:us-east-1:123456789012:activity:capped";
        tasks.createActivity(arn, "capped", Instant.now());
        String body = "{\"activityArn\": \"" + arn + "\"}";

        assertEquals(200, api.handle("AWSStepFunctions.GetActivityTask", body, Duration.ofSeconds(25)).status());
        assertEquals(200, api.handle("AWSStepFunctions.GetActivityTask", body).status());
        assertEquals(200, api.handle("AWSStepFunctions.GetActivityTask", body, Duration.ofMinutes(5)).status());
        assertEquals(List.of(Duration.ofSeconds(25), Duration.ofSeconds(60), Duration.ofSeconds(60)), asked);
    }

    /** Activities as {@link TaskPort#none()} keeps them, recording how long each poll may wait. */
    private record WaitRecorder(List<Duration> asked, TaskPort kept) implements TaskPort {
        WaitRecorder(List<Duration> asked) {
            this(asked, TaskPort.none());
        }

        @Override
        public CompletionStage<Optional<Assignment>> take(String activityArn, String workerName, Duration wait) {
            asked.add(wait);
            return CompletableFuture.completedFuture(Optional.empty());
        }

        @Override
        public void success(String token, JsonNode output) {
            kept.success(token, output);
        }

        @Override
        public void failure(String token, String error, String cause) {
            kept.failure(token, error, cause);
        }

        @Override
        public void heartbeat(String token) {
            kept.heartbeat(token);
        }

        @Override
        public Activity createActivity(String arn, String name, Instant now) {
            return kept.createActivity(arn, name, now);
        }

        @Override
        public Optional<Activity> activity(String arn) {
            return kept.activity(arn);
        }

        @Override
        public void deleteActivity(String arn) {
            kept.deleteActivity(arn);
        }

        @Override
        public List<Activity> activities() {
            return kept.activities();
        }
    }
}
