package dev.stepwise.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepwise.asl.Json;
import dev.stepwise.asl.JsonSize;
import dev.stepwise.asl.StatesError;
import dev.stepwise.asl.StatesFailure;
import dev.stepwise.engine.ExecutionStatus;
import dev.stepwise.engine.FanIn;
import dev.stepwise.engine.MapRun;
import dev.stepwise.engine.ResultFiles;
import dev.stepwise.engine.ResultWriterRequest;
import dev.stepwise.engine.ResultWriting;
import dev.stepwise.engine.Resumption;
import dev.stepwise.store.ExecutionHeader;
import dev.stepwise.store.ItemBodies;
import dev.stepwise.store.RunPage;
import dev.stepwise.store.RunRecord;
import dev.stepwise.store.StepBody;
import dev.stepwise.store.StoredItem;
import dev.stepwise.store.TableLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * What a closed Map Run's join resumes its state with. With a ResultWriter that exports, every
 * child's entry goes to its result file (a page of children at a time, whatever the run's size)
 * and the state's result is where they went, also when the run failed (AWS writes FAILED_n and
 * PENDING_n then); with WriterConfig alone, the reshaped entries; without a ResultWriter, the
 * children's outputs in order. Results that pass the payload quota fail the state as AWS does
 * (States.DataLimitExceeded) as soon as they do, without reading the rest.
 */
final class MapRunResults {
    private final RuntimeEnv env;
    private final MapRuns runs;
    private final ResultWriting writing;

    MapRunResults(RuntimeEnv env, MapRuns runs, ResultWriting writing) {
        this.env = env;
        this.runs = runs;
        this.writing = writing;
    }

    Resumption result(StoredItem join, StepBody.JoinSettings settings) {
        String arn = settings.mapRun();
        RunRecord record = runs.fresh(arn);
        boolean failed = "failed".equals(join.state());
        ResultWriterRequest writer = record.writer();
        if (writer != null && writer.exports()) {
            try {
                ResultWriting.Export export = writing.open(writer, env.options().region(), arn);
                long[] written = {0};
                children(arn, record, child -> {
                    ResultFiles.entries(child, writer.transformation()).forEach(entry -> export.add(child.file(), entry));
                    written[0] += child.file() == ResultFiles.File.PENDING ? 0 : 1;
                    return true;
                });
                JsonNode details = export.finish();
                runs.ended(arn, failed, written[0]);
                return failed ? new Resumption.BranchesFailed(join.error(), join.cause()) : new Resumption.MapRunResult(details);
            } catch (StatesFailure failure) {
                runs.ended(arn, true, 0);
                return new Resumption.BranchesFailed(failure.error(), failure.cause());
            }
        }
        runs.ended(arn, failed, 0);
        if (failed) {
            return new Resumption.BranchesFailed(join.error(), join.cause());
        }
        long limit = env.options().engine().payloadLimitBytes();
        List<JsonNode> outputs = new ArrayList<>();
        long[] size = {2};
        boolean complete = children(arn, record, child -> {
            List<JsonNode> entries = writer != null ? ResultFiles.entries(child, writer.transformation())
                    : List.of(child.status() == null || "SUCCEEDED".equals(child.status()) ? nullToJson(child.output())
                    : FanIn.failedOutput(child.error(), child.cause()));
            for (JsonNode entry : entries) {
                size[0] += JsonSize.size(entry, limit) + 1;
                outputs.add(entry);
            }
            return size[0] <= limit;
        });
        if (!complete) {
            return new Resumption.BranchesFailed(StatesError.DATA_LIMIT_EXCEEDED.aslName(),
                    dev.stepwise.engine.Causes.dataLimitExceeded(settings.stateName()));
        }
        return writer != null ? new Resumption.MapRunResult(Json.NODES.arrayNode().addAll(outputs)) : new Resumption.BranchesSucceeded(outputs);
    }

    private static JsonNode nullToJson(JsonNode output) {
        return output == null ? Json.NODES.nullNode() : output;
    }

    /**
     * Hands each child of the run to {@code each}, in order, a page at a time (the page's inputs and
     * one batch read of its children's headers); stops when {@code each} says so. Returns false then.
     */
    private boolean children(String arn, RunRecord record, Predicate<ResultFiles.Child> each) {
        for (int number = 0; ; number++) {
            RunPage page = env.steps().item(TableLayout.runChunk(arn, number), TableLayout.RUN_PAGE)
                    .map(item -> ItemBodies.runPage(item.body())).orElse(null);
            if (page == null) {
                return true;
            }
            List<String> arns = new ArrayList<>(page.size());
            for (int slot = 0; slot < page.size(); slot++) {
                arns.add(MapRun.childArn(arn, MapRun.childName(arn, page.firstChild() + slot)));
            }
            Map<String, ExecutionHeader> headers = env.store().headers().headers(arns);
            for (int slot = 0; slot < page.size(); slot++) {
                String childArn = arns.get(slot);
                ExecutionHeader header = headers.get(childArn);
                String name = MapRun.childName(arn, page.firstChild() + slot);
                ResultFiles.Child child = header == null
                        ? new ResultFiles.Child(childArn, name, record.stateMachineArn(), page.inputs().get(slot), null, null, null, null,
                        null, null, 0)
                        : new ResultFiles.Child(childArn, name, record.stateMachineArn(), page.inputs().get(slot), header.output(),
                        header.status() == ExecutionStatus.RUNNING ? null : header.status().name(), header.error(), header.cause(),
                        header.startDate(), header.stopDate(), header.redriveCount());
                if (!each.test(child)) {
                    return false;
                }
            }
            if (page.last()) {
                return true;
            }
        }
    }
}
