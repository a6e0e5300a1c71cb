package dev.stepwise.tasks.s3;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepwise.asl.Json;
import dev.stepwise.asl.StatesError;
import dev.stepwise.engine.ResultFiles;
import dev.stepwise.engine.ResultWriterRequest;
import dev.stepwise.engine.ResultWriting;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;

/**
 * A Distributed Map's ResultWriter on S3 ({@code arn:aws:states:::s3:putObject}): each status's
 * entries stream into one file under {@code Prefix/<Map Run id>/} — a JSON array, or JSON Lines —
 * put in one request while small and uploaded in 8 MiB parts once larger, so the writer holds one
 * part at most; the manifest goes last. A write S3 refuses is States.ResultWriterFailed.
 */
public final class S3ResultWriting implements ResultWriting {
    /** Parts of a multipart upload (S3's minimum is 5 MiB). */
    static final int PART_BYTES = 8 * 1024 * 1024;

    private final Function<String, S3Client> clients;

    public S3ResultWriting(Function<String, S3Client> clients) {
        this.clients = clients;
    }

    @Override
    public Export open(ResultWriterRequest request, String region, String mapRunArn) {
        return new S3Export(clients.apply(region), request, mapRunArn);
    }

    private static final class S3Export implements Export {
        private final S3Client s3;
        private final ResultWriterRequest request;
        private final String mapRunArn;
        private final String folder;
        private final Map<ResultFiles.File, FileUpload> files = new EnumMap<>(ResultFiles.File.class);

        S3Export(S3Client s3, ResultWriterRequest request, String mapRunArn) {
            this.s3 = s3;
            this.request = request;
            this.mapRunArn = mapRunArn;
            this.folder = ResultFiles.folder(request.prefix(), mapRunArn);
        }

        @Override
        public void add(ResultFiles.File file, JsonNode entry) {
            files.computeIfAbsent(file, f -> new FileUpload(ResultFiles.fileKey(folder, f, 0, request.jsonLines()))).add(entry);
        }

        @Override
        public JsonNode finish() {
            Map<ResultFiles.File, List<ResultFiles.Written>> written = new EnumMap<>(ResultFiles.File.class);
            try {
                for (Map.Entry<ResultFiles.File, FileUpload> file : files.entrySet()) {
                    written.put(file.getKey(), List.of(file.getValue().finish()));
                }
                String manifestKey = ResultFiles.manifestKey(folder);
                s3.putObject(b -> b.bucket(request.bucket()).key(manifestKey).contentType("application/json"),
                        RequestBody.fromString(Json.write(ResultFiles.manifest(request.bucket(), mapRunArn, written))));
                return ResultFiles.details(mapRunArn, request.bucket(), manifestKey);
            } catch (SdkException e) {
                files.values().forEach(FileUpload::abort);
                throw S3Objects.failure(StatesError.RESULT_WRITER_FAILED, e);
            }
        }

        /** One result file: its entries in a buffer, sent as a part whenever the buffer holds a part's worth. */
        private final class FileUpload {
            private final String key;
            private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
            private final List<CompletedPart> parts = new ArrayList<>();
            private String uploadId;
            private long size;
            private boolean first = true;

            FileUpload(String key) {
                this.key = key;
                if (!request.jsonLines()) {
                    buffer.write('[');
                }
            }

            void add(JsonNode entry) {
                if (!first && !request.jsonLines()) {
                    buffer.write(',');
                }
                first = false;
                buffer.writeBytes(Json.write(entry).getBytes(StandardCharsets.UTF_8));
                if (request.jsonLines()) {
                    buffer.write('\n');
                }
                if (buffer.size() >= PART_BYTES) {
                    try {
                        sendPart();
                    } catch (SdkException e) {
                        abort();
                        throw S3Objects.failure(StatesError.RESULT_WRITER_FAILED, e);
                    }
                }
            }

            private void sendPart() {
                if (uploadId == null) {
                    uploadId = s3.createMultipartUpload(b -> b.bucket(request.bucket()).key(key).contentType(contentType())).uploadId();
                }
                int number = parts.size() + 1;
                byte[] bytes = buffer.toByteArray();
                buffer.reset();
                String etag = s3.uploadPart(b -> b.bucket(request.bucket()).key(key).uploadId(uploadId).partNumber(number),
                        RequestBody.fromBytes(bytes)).eTag();
                parts.add(CompletedPart.builder().partNumber(number).eTag(etag).build());
                size += bytes.length;
            }

            ResultFiles.Written finish() {
                if (!request.jsonLines()) {
                    buffer.write(']');
                }
                if (uploadId == null) {
                    byte[] bytes = buffer.toByteArray();
                    s3.putObject(b -> b.bucket(request.bucket()).key(key).contentType(contentType()), RequestBody.fromBytes(bytes));
                    return new ResultFiles.Written(key, bytes.length);
                }
                sendPart();
                s3.completeMultipartUpload(b -> b.bucket(request.bucket()).key(key).uploadId(uploadId)
                        .multipartUpload(m -> m.parts(parts)));
                return new ResultFiles.Written(key, size);
            }

            private String contentType() {
                return request.jsonLines() ? "application/jsonl" : "application/json";
            }

            void abort() {
                if (uploadId != null) {
                    try {
                        s3.abortMultipartUpload(b -> b.bucket(request.bucket()).key(key).uploadId(uploadId));
                    } catch (SdkException ignored) {
                        // S3 expires unfinished uploads by its lifecycle rules; nothing else to undo
                    }
                }
            }
        }
    }
}
