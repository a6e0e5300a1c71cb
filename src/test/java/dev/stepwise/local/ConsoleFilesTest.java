package dev.stepwise.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code ./stepwise serve} serves the console's files at /console/ with GET, beside the API at POST /. */
class ConsoleFilesTest {
    private static ApiServer server;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void serve() {
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        server = new ServeCommand(quiet, quiet).open(new String[] {"--in-memory", "--port", "0"});
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static HttpResponse<String> send(String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.endpoint() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/x-amz-json-1.0").header("X-Amz-Target", "AWSStepFunctions.ListStateMachines");
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theConsoleIsItsIndexPageAtConsoleSlash() throws Exception {
        HttpResponse<String> response = send("GET", "/console/", null);
        assertEquals(200, response.statusCode());
        assertEquals("text/html; charset=utf-8", response.headers().firstValue("Content-Type").orElseThrow());
        assertTrue(response.body().contains("<script type=\"module\" src=\"js/app.js\"></script>"), response.body());
    }

    @Test
    void consoleWithoutTheSlashRedirectsSoRelativeUrlsResolve() throws Exception {
        HttpResponse<String> response = send("GET", "/console", null);
        assertEquals(301, response.statusCode());
        assertEquals("/console/", response.headers().firstValue("Location").orElseThrow());
    }

    @Test
    void modulesAreServedAsJavaScriptAndTheLayoutLibraryWasCopiedFromNpm() throws Exception {
        HttpResponse<String> app = send("GET", "/console/js/asl-graph.js", null);
        assertEquals(200, app.statusCode());
        assertEquals("text/javascript; charset=utf-8", app.headers().firstValue("Content-Type").orElseThrow());
        HttpResponse<String> dagre = send("GET", "/console/vendor/dagre.esm.js", null);
        assertEquals(200, dagre.statusCode(), "the build copies node_modules/@dagrejs/dagre/dist/dagre.esm.js (npm ci first)");
        assertTrue(dagre.body().contains("export{"), "an ES module");
    }

    @Test
    void theEditorBundleWasBuiltFromNpmWithItsLicencesAndOnlyStylesMayBeInline() throws Exception {
        HttpResponse<String> editor = send("GET", "/console/vendor/codemirror.js", null);
        assertEquals(200, editor.statusCode(), "the build bundles CodeMirror with src/main/console-bundle/build.mjs (npm ci first)");
        assertTrue(editor.body().contains("export{"), "an ES module");
        HttpResponse<String> licences = send("GET", "/console/vendor/codemirror.js.LICENSES.txt", null);
        assertEquals(200, licences.statusCode());
        assertTrue(licences.body().contains("@codemirror/view") && licences.body().contains("MIT"), licences.body());
        // Scripts only from the console's origin; CodeMirror writes its own style element.
        assertEquals("default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
                + "connect-src 'self' http: https:; object-src 'none'; base-uri 'none'",
                editor.headers().firstValue("Content-Security-Policy").orElseThrow());
    }

    @Test
    void onlyGetReadsTheConsoleAndNothingOutsideItIsServed() throws Exception {
        assertEquals(405, send("POST", "/console/index.html", "{}").statusCode());
        assertEquals(404, send("GET", "/console/nope.js", null).statusCode());
        assertEquals(404, send("GET", "/console/js/../../application.properties", null).statusCode());
        assertEquals(404, send("GET", "/consoles", null).statusCode());
    }

    @Test
    void theApiStillAnswersPostSlash() throws Exception {
        HttpResponse<String> response = send("POST", "/", "{}");
        assertEquals(200, response.statusCode());
        assertTrue(response.body().contains("\"stateMachines\""), response.body());
    }
}
