package dev.stepwise.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepwise.asl.Json;
import dev.stepwise.asl.model.ParallelState;
import dev.stepwise.asl.model.StateMachine;
import dev.stepwise.asl.model.StateMachineParser;
import dev.stepwise.engine.Engine;
import dev.stepwise.engine.EngineOptions;
import dev.stepwise.engine.ExecutionInfo;
import dev.stepwise.engine.ExecutionStatus;
import dev.stepwise.engine.InMemoryRunner;
import dev.stepwise.engine.Resumption;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * {@code bench}: runs the shared workloads (loop, map, parallel) through the in-memory runner
 * after a warm-up and prints {@code bench: <workload> <transitions>/s}, where a transition is a
 * state entered (what Step Functions Standard bills). Every run's output is checked. It measures
 * the engine alone, so it stays on that runner rather than on the durable runtime in memory that
 * {@code run --in-memory} uses; {@code --durable} measures the runtime.
 */
final class BenchCommand {
    private static final List<String> WORKLOADS = List.of("loop", "map", "parallel");

    static final CommandLine.Spec SPEC = new CommandLine.Spec("bench", "",
            "measure transitions per second; prints 'bench: <workload> <transitions>/s'", """
            Runs the benchmark workloads (loop, map, parallel) through the in-memory runner after a
            warm-up, checks every output, and prints 'bench: <workload> <transitions>/s' (a
            transition is a state entered). --durable runs them through DynamoDB and SQS on the
            emulators instead, beside an I/O floor measured in the same run. --workload
            distributed-map --durable runs a Distributed Map over CSV rows in S3 and prints items
            per second, requests per item, peak heap and cost per million items.""", List.of(
            new CommandLine.Option("--workloads", "DIR", "where loop.json, map.json, parallel.json and their .input.json are"),
            new CommandLine.Option("--seconds", "N", "how long to measure each workload (default 3)"),
            new CommandLine.Option("--durable", null, "through DynamoDB + SQS on the emulators"),
            new CommandLine.Option("--workload", "NAME", "one named workload instead: distributed-map (with --durable)"),
            new CommandLine.Option("--items", "N[,M...]", "the distributed-map workload's item counts (default 1000)")));

    private final PrintStream out;
    private final PrintStream err;

    BenchCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    int run(String[] args) {
        CommandLine.Parsed options = CommandLine.parse(SPEC, args);
        if (!options.operands().isEmpty()) {
            throw new StepwiseCli.UsageException("bench takes no operands; unexpected '" + options.operands().get(0) + "'");
        }
        Path dir = Path.of(options.value("--workloads", "../shared/bench/workloads"));
        double seconds = seconds(options.value("--seconds", "3"));
        boolean durable = options.has("--durable");
        if (options.has("--workload")) {
            return workload(options.value("--workload", null), durable, items(options.value("--items", "1000")));
        }
        if (!Files.isDirectory(dir)) {
            throw new StepwiseCli.UsageException("no workloads at " + dir.toAbsolutePath().normalize()
                    + " (give --workloads DIR holding loop.json, map.json, parallel.json and their .input.json)");
        }
        if (durable) {
            return durable(dir);
        }
        Engine engine = new Engine(EngineOptions.defaults());
        InMemoryRunner runner = new InMemoryRunner(engine, request -> new Resumption.TaskSucceeded(request.parameters()));
        int status = StepwiseCli.OK;
        for (String workload : WORKLOADS) {
            StateMachine machine = new StateMachineParser().parse(read(dir.resolve(workload + ".json")));
            JsonNode input = Json.parse(read(dir.resolve(workload + ".input.json")));
            JsonNode expected = expectedOutput(workload, machine, input);
            ExecutionInfo execution = new ExecutionInfo("arn:aws:states:us-east-1:123456789012:execution:bench:" + workload,
                    workload, input, "arn:aws:iam::123456789012:role/bench", Instant.parse("2024-01-01T00:00:00Z"), 0, null,
                    "arn:aws:states:us-east-1:123456789012:stateMachine:bench", "bench");
            measure(runner, machine, execution, expected, seconds / 2); // warm-up
            double rate = measure(runner, machine, execution, expected, seconds);
            if (rate < 0) {
                status = StepwiseCli.FAILED;
                continue;
            }
            out.printf("bench: %s %d/s%n", workload, Math.round(rate));
        }
        return status;
    }

    /** {@code --workload distributed-map --items N[,M...]}: a Map Run over N CSV rows in S3, durably. */
    private int workload(String workload, boolean durable, List<Integer> items) {
        if (!workload.equals("distributed-map")) {
            throw new StepwiseCli.UsageException("unknown workload '" + workload + "' (bench knows distributed-map)");
        }
        if (!durable) {
            throw new StepwiseCli.UsageException("the distributed-map workload runs durably: give --durable");
        }
        try {
            return new DistributedMapBench(out, err).run(items);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return StepwiseCli.FAILED;
        }
    }

    private int durable(Path dir) {
        Map<String, String> definitions = new LinkedHashMap<>();
        Map<String, JsonNode> inputs = new LinkedHashMap<>();
        for (String workload : WORKLOADS) {
            definitions.put(workload, read(dir.resolve(workload + ".json")));
            inputs.put(workload, DurableBench.smaller(workload, Json.parse(read(dir.resolve(workload + ".input.json")))));
        }
        try {
            return new DurableBench(out, err).run(definitions, inputs);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return StepwiseCli.FAILED;
        }
    }

    /** Runs the workload repeatedly for about {@code seconds}; transitions per second, or -1 on a wrong output. */
    private double measure(InMemoryRunner runner, StateMachine machine, ExecutionInfo execution, JsonNode expected,
                           double seconds) {
        long transitions = 0;
        long start = System.nanoTime();
        long until = start + (long) (seconds * 1e9);
        do {
            InMemoryRunner.Result result = runner.run(machine, execution, InMemoryRunner.HistorySink.NONE, new SplittableRandom(1));
            if (result.status() != ExecutionStatus.SUCCEEDED || !Json.sameValue(expected, result.output())) {
                err.println("bench: " + execution.name() + " gave a wrong result: " + result.status() + " "
                        + (result.output() == null ? result.error() + ": " + result.cause() : abbreviate(Json.write(result.output()))));
                return -1;
            }
            transitions += result.statesEntered();
        } while (System.nanoTime() < until);
        return transitions / ((System.nanoTime() - start) / 1e9);
    }

    /** The outputs the workloads' README promises. */
    static JsonNode expectedOutput(String workload, StateMachine machine, JsonNode input) {
        switch (workload) {
            case "loop": {
                ObjectNode output = Json.object();
                output.put("counter", input.get("n").asInt());
                output.put("n", input.get("n").asInt());
                return output;
            }
            case "map": {
                ArrayNode output = Json.NODES.arrayNode();
                for (JsonNode item : input.get("items")) {
                    output.addObject().put("i", item.asInt()).put("next", item.asInt() + 1);
                }
                return output;
            }
            case "parallel": {
                ParallelState fan = (ParallelState) machine.root().state(machine.root().startAt());
                ArrayNode output = Json.NODES.arrayNode();
                fan.branches().forEach(b -> output.addObject().put("count", input.get("count").asInt() + b.states().size()));
                return output;
            }
            default:
                throw new IllegalArgumentException("unknown workload " + workload);
        }
    }

    private static String abbreviate(String text) {
        return text.length() > 200 ? text.substring(0, 200) + "..." : text;
    }

    private static double seconds(String text) {
        try {
            double seconds = Double.parseDouble(text);
            if (seconds > 0 && !Double.isInfinite(seconds)) {
                return seconds;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new StepwiseCli.UsageException("--seconds needs a number of seconds > 0, not '" + text + "'");
    }

    private static List<Integer> items(String text) {
        List<Integer> sizes = new ArrayList<>();
        for (String size : text.split(",")) {
            try {
                int items = Integer.parseInt(size.trim());
                if (items > 0) {
                    sizes.add(items);
                    continue;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new StepwiseCli.UsageException("--items needs counts > 0 separated by commas, not '" + text + "'");
        }
        return sizes;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new StepwiseCli.UsageException("cannot read " + file + ": " + e.getMessage());
        }
    }
}
