package dev.stepwise.store.memory;

import static dev.stepwise.store.TableLayout.HEADER;
import static dev.stepwise.store.TableLayout.INPUT;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepwise.engine.ExecutionStatus;
import dev.stepwise.store.ExecutionHeader;
import dev.stepwise.store.HeaderPage;
import dev.stepwise.store.Headers;
import dev.stepwise.store.StartRecord;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** {@link Headers} in memory: the start record and header of each execution, listed by a scan. */
final class MemoryHeaders implements Headers {
    private final MemoryTable table;

    MemoryHeaders(MemoryTable table) {
        this.table = table;
    }

    @Override
    public boolean putStart(StartRecord start) {
        return table.putIfAbsent(start.executionArn(), INPUT, start);
    }

    @Override
    public Optional<StartRecord> start(String executionArn) {
        return Optional.ofNullable((StartRecord) table.get(executionArn, INPUT));
    }

    @Override
    public boolean create(StartRecord start) {
        return table.putIfAbsent(start.executionArn(), HEADER, start.header());
    }

    @Override
    public Optional<ExecutionHeader> header(String executionArn) {
        return Optional.ofNullable((ExecutionHeader) table.get(executionArn, HEADER));
    }

    @Override
    public boolean finish(String executionArn, String listedUnder, ExecutionStatus status, Instant stopDate, JsonNode output,
                          String error, String cause) {
        return table.<ExecutionHeader>update(executionArn, HEADER, h -> h == null || h.status() != ExecutionStatus.RUNNING ? null
                : new ExecutionHeader(h.executionArn(), h.name(), h.stateMachineArn(), h.revision(), h.stateMachineName(),
                        h.roleArn(), status, h.startDate(), stopDate, output, error, cause, h.timeoutSeconds(), h.redriveCount(),
                        h.redriveDate(), h.redriveToken(), h.eventCounter(), h.api(), h.listedUnder())) != null;
    }

    @Override
    public boolean redrive(String executionArn, String listedUnder, ExecutionStatus from, int redriveCount, Instant now,
                           String clientToken) {
        return table.<ExecutionHeader>update(executionArn, HEADER, h -> h == null || h.status() != from || h.redriveCount() != redriveCount
                ? null : new ExecutionHeader(h.executionArn(), h.name(), h.stateMachineArn(), h.revision(), h.stateMachineName(),
                        h.roleArn(), ExecutionStatus.RUNNING, h.startDate(), null, null, null, null, h.timeoutSeconds(),
                        redriveCount + 1, now, clientToken, h.eventCounter(), h.api(), h.listedUnder())) != null;
    }

    @Override
    public HeaderPage list(String stateMachineArn, ExecutionStatus status, String position, int limit) {
        List<ExecutionHeader> matching = table.scan(HEADER, value -> {
            ExecutionHeader header = (ExecutionHeader) value;
            return header.listedUnder().equals(stateMachineArn) && (status == null || header.status() == status)
                    && (position == null || order(header).compareTo(position) < 0);
        }).stream().map(entry -> (ExecutionHeader) entry.getValue())
                .sorted(Comparator.comparing(MemoryHeaders::order).reversed()).toList();
        List<ExecutionHeader> page = matching.subList(0, Math.min(limit, matching.size()));
        return new HeaderPage(List.copyOf(page), matching.size() > limit ? order(page.get(page.size() - 1)) : null);
    }

    private static String order(ExecutionHeader header) {
        return header.startDate() + "#" + header.executionArn();
    }

    @Override
    public List<String> running() {
        return table.scan(HEADER, value -> ((ExecutionHeader) value).status() == ExecutionStatus.RUNNING).stream()
                .map(java.util.Map.Entry::getKey).toList();
    }

    @Override
    public List<String> unstarted() {
        return table.scan(INPUT, value -> true).stream().map(java.util.Map.Entry::getKey)
                .filter(arn -> table.get(arn, HEADER) == null).toList();
    }
}
