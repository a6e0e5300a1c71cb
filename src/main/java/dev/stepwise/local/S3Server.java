package dev.stepwise.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;

/**
 * The laptop's S3: S3Proxy, a real S3 API server, embedded in this JVM on a free loopback port
 * over a jclouds blob store — in memory ({@code transient}), or on disk ({@code filesystem},
 * one directory per bucket) when the run keeps its data. It accepts any credentials, as the other
 * emulators do, and path-style requests (what the AWS CLI and SDKs send to an IP address).
 */
final class S3Server implements AutoCloseable {
    private final S3Proxy proxy;
    private final BlobStoreContext store;

    private S3Server(S3Proxy proxy, BlobStoreContext store) {
        this.proxy = proxy;
        this.store = store;
    }

    /** Starts the server on {@code port}; {@code dataDir} null keeps the buckets in memory. */
    static S3Server start(Path dataDir, int port) {
        Properties properties = new Properties();
        String provider = "transient";
        if (dataDir != null) {
            try {
                Files.createDirectories(dataDir);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            provider = "filesystem";
            properties.setProperty("jclouds.filesystem.basedir", dataDir.toAbsolutePath().toString());
        }
        BlobStoreContext store = ContextBuilder.newBuilder(provider).overrides(properties).build(BlobStoreContext.class);
        // Recent SDKs add checksum headers S3Proxy does not implement; ignoring them keeps the object intact.
        S3Proxy proxy = S3Proxy.builder().blobStore(store.getBlobStore()).endpoint(URI.create("http://127.0.0.1:" + port))
                .ignoreUnknownHeaders(true).build();
        try {
            proxy.start();
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (!"STARTED".equals(proxy.getState())) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the S3 server did not start within 30 s (state " + proxy.getState() + ")");
                }
                Thread.sleep(5);
            }
        } catch (Exception e) {
            store.close();
            throw new IllegalStateException("cannot start the S3 server: " + e.getMessage(), e);
        }
        return new S3Server(proxy, store);
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + proxy.getPort());
    }

    @Override
    public void close() {
        try {
            proxy.stop();
        } catch (Exception ignored) {
            // stopping on the way out: nothing is left to do with it
        } finally {
            store.close();
        }
    }
}
