package dev.vigil.ingest.receive;

import dev.vigil.devstack.testing.TestCredentials;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.rpc.RetryInfo;
import com.google.rpc.Status;
import dev.vigil.devstack.testing.DevStackResource;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import io.opentelemetry.exporter.internal.otlp.traces.TraceRequestMarshaler;
import io.opentelemetry.proto.collector.trace.v1.TraceServiceGrpc;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Admission before a body is read, on both transports: a full request budget is answered 429 with
 * Retry-After over HTTP and RESOURCE_EXHAUSTED with RetryInfo over gRPC, the budget comes back when
 * clients go away, and a body trickled byte by byte is cut off while other clients are served.
 */
@QuarkusTest
@TestProfile(AdmissionProfile.class)
@QuarkusTestResource(value = DevStackResource.class, restrictToAnnotatedClass = false)
class AdmissionTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void refusesExportsOnBothTransportsWhileTheBudgetIsHeldAndServesThemOnceTheHoldersGoAway() throws Exception {
        byte[] export = export("admission");
        List<AutoCloseable> holders = new ArrayList<>();
        try {
            holdTheWholeBudget(holders);

            StatusRuntimeException exhausted = catchThrowableOfType(StatusRuntimeException.class,
                    () -> GrpcExport.call(TraceServiceGrpc.SERVICE_NAME, export));
            assertThat(exhausted).as("the gRPC export is refused").isNotNull();
            assertThat(exhausted.getStatus().getCode()).isEqualTo(io.grpc.Status.Code.RESOURCE_EXHAUSTED);
            assertThat(retryDelay(StatusProto.fromThrowable(exhausted))).isEqualTo(Duration.ofSeconds(1));

            HttpResponse<byte[]> refused = post(export);
            assertThat(refused.statusCode()).isEqualTo(429);
            assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
            Status status = Status.parseFrom(refused.body());
            assertThat(status.getCode()).as("RESOURCE_EXHAUSTED").isEqualTo(8);
            assertThat(status.getMessage()).isEqualTo("the receiver holds 2097152 bytes of requests, the most"
                    + " vigil.ingest.receive.admission.max-bytes allows is 2097152; send it again later");
            assertThat(retryDelay(status)).isEqualTo(Duration.ofSeconds(1));
        } finally {
            for (AutoCloseable holder : holders) {
                holder.close();
            }
        }

        await().atMost(Duration.ofSeconds(10)).until(() -> admissionBytes() == 0.0);
        assertThat(post(export).statusCode()).isEqualTo(200);
        assertThat(GrpcExport.call(TraceServiceGrpc.SERVICE_NAME, export)).isEmpty();
        assertThat(admissionBytes()).as("every answered request gave its bytes back").isZero();
    }

    @Test
    void cutsOffABodyTrickledByteByByteWhileOtherClientsAreServed() throws Exception {
        byte[] export = export("trickle");
        try (Socket trickler = new Socket("127.0.0.1", Receiver.http("/").getPort())) {
            trickler.setSoTimeout(60_000);
            OutputStream out = trickler.getOutputStream();
            out.write(headers(export.length));
            out.flush();
            long started = System.nanoTime();
            java.util.concurrent.atomic.AtomicLong answeredAt = new java.util.concurrent.atomic.AtomicLong();
            CompletableFuture<String> answer = CompletableFuture.supplyAsync(() -> read(trickler, answeredAt));
            int sent = 0;
            int served = 0;
            while (!answer.isDone() && sent < export.length) {
                try {
                    out.write(export[sent++]);
                    out.flush();
                } catch (IOException closed) {
                    break; // the receiver closed the connection after answering
                }
                if (sent % 5 == 0) {
                    assertThat(post(export).statusCode()).as("another client, while the body trickles").isEqualTo(200);
                    served++;
                }
                TimeUnit.MILLISECONDS.sleep(100);
            }
            String response = answer.get(60, TimeUnit.SECONDS);
            long tookMillis = (answeredAt.get() - started) / 1_000_000;

            assertThat(response).startsWith("HTTP/1.1 408 ").containsIgnoringCase("connection: close");
            assertThat(sent).as("bytes of the body sent before the cut").isLessThan(export.length);
            assertThat(tookMillis).as("cut off after the 15 s body time-out").isBetween(14_900L, 45_000L);
            assertThat(served).as("exports served while the body trickled").isGreaterThan(0);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> admissionBytes() == 0.0);
    }

    @Test
    void readsARefusedBodyThatArrivesSlowerThanTheBodyTimeOutButFasterThanTheMinimumRateToItsEnd() throws Exception {
        List<AutoCloseable> holders = new ArrayList<>();
        try {
            holdTheWholeBudget(holders);
            // 20 s at 32 KiB/s: longer than the 15 s body time-out, twice the 16 KiB/s minimum rate. A client
            // sends its whole body before it reads the answer, so closing after 15 s would lose the 429.
            byte[] chunk = new byte[32 * 1024];
            int chunks = 20;
            try (Socket sender = new Socket("127.0.0.1", Receiver.http("/").getPort())) {
                sender.setSoTimeout(60_000);
                OutputStream out = sender.getOutputStream();
                out.write(headers(chunk.length * chunks));
                int sent = 0;
                for (int i = 0; i < chunks; i++) {
                    out.write(chunk);
                    out.flush();
                    sent += chunk.length;
                    TimeUnit.SECONDS.sleep(1);
                }
                java.util.concurrent.atomic.AtomicLong answeredAt = new java.util.concurrent.atomic.AtomicLong();
                sender.shutdownOutput();
                String response = read(sender, answeredAt);

                assertThat(sent).as("bytes of the refused body written").isEqualTo(chunk.length * chunks);
                assertThat(response).startsWith("HTTP/1.1 429 ");
            }
        } finally {
            for (AutoCloseable holder : holders) {
                holder.close();
            }
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> admissionBytes() == 0.0);
    }

    /**
     * A body announced at the largest size and never sent, and a gRPC call started and never sent, added to
     * {@code holders}: the budget is full (HTTP requests may fill only all but the room of one largest
     * request, which is kept for gRPC calls).
     */
    private static void holdTheWholeBudget(List<AutoCloseable> holders) throws IOException {
        Socket holder = new Socket("127.0.0.1", Receiver.http("/").getPort());
        holders.add(holder);
        holder.getOutputStream().write(headers(AdmissionProfile.MAX_REQUEST_BYTES));
        holder.getOutputStream().flush();
        await().atMost(Duration.ofSeconds(10)).until(() -> admissionBytes() == 1.0 * AdmissionProfile.MAX_REQUEST_BYTES);
        holders.add(GrpcExport.hold(TraceServiceGrpc.SERVICE_NAME));
        await().atMost(Duration.ofSeconds(10)).until(() -> admissionBytes() == 2.0 * AdmissionProfile.MAX_REQUEST_BYTES);
    }

    private static byte[] export(String prefix) {
        return Sender.protobuf(TraceRequestMarshaler.create(SdkTelemetry.spans(prefix + "-" + UUID.randomUUID())));
    }

    private static byte[] headers(int contentLength) {
        return ("POST /v1/traces HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-protobuf\r\n"
                + "Authorization: " + TestCredentials.ingestAuthorization() + "\r\n"
                + "Content-Length: " + contentLength + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** Everything the server sends until it closes the connection; a reset after the answer keeps what came. */
    private static String read(Socket socket, java.util.concurrent.atomic.AtomicLong answeredAt) {
        java.io.ByteArrayOutputStream received = new java.io.ByteArrayOutputStream();
        byte[] buffer = new byte[4096];
        try {
            InputStream in = socket.getInputStream();
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                answeredAt.compareAndSet(0, System.nanoTime());
                received.write(buffer, 0, n);
            }
        } catch (IOException e) {
            if (received.size() == 0) {
                throw new IllegalStateException("no answer on the trickling connection", e);
            }
        }
        return received.toString(StandardCharsets.ISO_8859_1);
    }

    private static HttpResponse<byte[]> post(byte[] body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(Receiver.http("/v1/traces")).header("Content-Type", "application/x-protobuf")
                .header("Authorization", TestCredentials.ingestAuthorization())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static double admissionBytes() throws Exception {
        String metrics = HTTP.send(HttpRequest.newBuilder(Receiver.http("/q/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        for (String line : metrics.split("\n")) {
            if (line.startsWith("vigil_ingest_admission_bytes")) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        throw new AssertionError("no vigil_ingest_admission_bytes on /q/metrics");
    }

    private static Duration retryDelay(Status status) throws InvalidProtocolBufferException {
        RetryInfo retry = status.getDetails(0).unpack(RetryInfo.class);
        return Duration.ofSeconds(retry.getRetryDelay().getSeconds(), retry.getRetryDelay().getNanos());
    }
}
