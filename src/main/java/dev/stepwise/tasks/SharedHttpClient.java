package dev.stepwise.tasks;

import java.net.http.HttpClient;
import java.time.Duration;

/**
 * The one HTTP client of the integrations, made on first use. A JDK HttpClient runs a selector
 * thread from the moment it exists, waiting in native code, and the JVM gives such threads up to
 * 300 ms to finish when it exits: a command whose workflow calls no integration should not pay that.
 */
final class SharedHttpClient {
    private volatile HttpClient client;

    HttpClient get() {
        HttpClient made = client;
        if (made == null) {
            synchronized (this) {
                made = client;
                if (made == null) {
                    // HTTP/1.1 keeps header names as servers send them; redirects are followed as browsers do.
                    made = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                            .connectTimeout(Duration.ofSeconds(10)).followRedirects(HttpClient.Redirect.NORMAL).build();
                    client = made;
                }
            }
        }
        return made;
    }
}
