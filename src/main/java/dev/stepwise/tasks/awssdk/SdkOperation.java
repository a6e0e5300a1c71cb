package dev.stepwise.tasks.awssdk;

import java.util.Map;
import java.util.function.Supplier;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.utils.builder.SdkBuilder;

/**
 * One API action of a bundled service: a fresh builder of its request (whose SDK fields know
 * the members' names and types) and the client call, bound at compile time — no reflection.
 * {@code uploadsBody}: the action streams its {@code Body} parameter (S3 putObject, uploadPart).
 */
public record SdkOperation(Supplier<? extends SdkBuilder<?, ? extends SdkRequest>> builder, Call call, boolean uploadsBody) {

    /** The client call; {@code body} is null unless the action uploads one. */
    @FunctionalInterface
    public interface Call {
        Object apply(SdkClient client, SdkRequest request, RequestBody body);
    }

    /** A typed call that also takes the streamed request body. */
    @FunctionalInterface
    public interface Upload<C, Q> {
        Object apply(C client, Q request, RequestBody body);
    }

    static Map.Entry<String, SdkOperation> entry(String name, Supplier<? extends SdkBuilder<?, ? extends SdkRequest>> builder,
                                                 Call call, boolean uploadsBody) {
        return Map.entry(name, new SdkOperation(builder, call, uploadsBody));
    }

    /** A new request builder; every generated request builder is also the SDK's view of its fields. */
    SdkPojo newRequest() {
        return (SdkPojo) builder.get();
    }
}
