package io.parley.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The SSE upstream sends one event and then holds the response open until the test opens the gate.
 * A buffering proxy would deliver nothing before that; the gateway must pass the first event at once,
 * and must not cut the quiet stream although it stays silent longer than the 1 s response timeout.
 */
@QuarkusTest
@QuarkusTestResource(UpstreamServers.class)
class StreamingTest {

    @TestHTTPResource("/")
    URL gateway;

    @Test
    void serverSentEventsArriveBeforeTheUpstreamCompletes() throws Exception {
        CompletableFuture<Void> gate = new CompletableFuture<>();
        CompletableFuture<Void> upstreamEnded = new CompletableFuture<>();
        UpstreamServers.STREAM_GATE.set(gate);
        UpstreamServers.STREAM_ENDED.set(upstreamEnded);
        try (TestClient client = new TestClient("127.0.0.1")) {
            TestClient.Streaming stream = client.stream(gateway.getPort(), "/api/v1/stream/info?site=remark&url=x");
            assertEquals(200, stream.status());
            assertTrue(stream.headers().get("Content-Type").startsWith("text/event-stream"));

            String first = stream.chunks().poll(5, TimeUnit.SECONDS);
            assertNotNull(first, "first event did not arrive while the upstream was still streaming");
            assertTrue(first.contains("\"n\":1"), first);
            assertFalse(upstreamEnded.isDone());

            Thread.sleep(1_500); // quiet for longer than the response timeout
            assertFalse(stream.ended().isDone(), "the gateway cut a quiet stream");

            gate.complete(null);
            stream.ended().get(5, TimeUnit.SECONDS);
            StringBuilder rest = new StringBuilder();
            for (String chunk = stream.chunks().poll(); chunk != null; chunk = stream.chunks().poll()) {
                rest.append(chunk);
            }
            assertTrue(rest.toString().contains("\"n\":2"), rest.toString());
        } finally {
            gate.complete(null);
        }
    }

    @Test
    void clientGoingAwayClosesTheUpstreamStream() throws Exception {
        CompletableFuture<Void> gate = new CompletableFuture<>();
        CompletableFuture<Void> abandoned = new CompletableFuture<>();
        UpstreamServers.STREAM_GATE.set(gate);
        UpstreamServers.STREAM_ENDED.set(new CompletableFuture<>());
        UpstreamServers.STREAM_ABANDONED.set(abandoned);
        try {
            try (TestClient client = new TestClient("127.0.0.1")) {
                TestClient.Streaming stream = client.stream(gateway.getPort(), "/api/v1/stream/last?site=remark");
                assertNotNull(stream.chunks().poll(5, TimeUnit.SECONDS));
            } // closing the client drops the connection mid-stream
            abandoned.get(5, TimeUnit.SECONDS); // the gateway let go of the upstream connection too
        } finally {
            gate.complete(null);
        }
    }
}
