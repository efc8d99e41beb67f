package dev.vigil.ingest.receive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.rpc.Status;
import dev.vigil.access.credential.IngestToken;
import dev.vigil.access.credential.Sha256;
import dev.vigil.contracts.Topics;
import dev.vigil.devstack.testing.DevStackResource;
import dev.vigil.devstack.testing.TestCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.MetadataUtils;
import io.opentelemetry.exporter.internal.otlp.traces.TraceRequestMarshaler;
import io.opentelemetry.exporter.otlp.http.logs.OtlpHttpLogRecordExporter;
import io.opentelemetry.exporter.otlp.http.metrics.OtlpHttpMetricExporter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.exporter.otlp.logs.OtlpGrpcLogRecordExporter;
import io.opentelemetry.exporter.otlp.metrics.OtlpGrpcMetricExporter;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter;
import io.opentelemetry.proto.collector.metrics.v1.MetricsServiceGrpc;
import io.opentelemetry.proto.collector.trace.v1.TraceServiceGrpc;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Ingest tokens on every way in: the OpenTelemetry SDK's own exporters, with the tests' token (the bootstrap one),
 * without a token and with wrong ones; raw requests for the exact answers; and tokens of the access table (made here
 * as alert-service's migration makes it, when this PostgreSQL has none) for revocation, expiry and limits.
 */
@QuarkusTest
@QuarkusTestResource(value = DevStackResource.class, restrictToAnnotatedClass = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IngestTokenTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String PROTOBUF = "application/x-protobuf";
    /** Shaped like an ingest token, in no table and not the bootstrap one. */
    private static final String UNKNOWN = IngestToken.generate().text();

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    Pool pool;

    /**
     * alert-service's migrations own the access tables; where that service has not run against this PostgreSQL, the
     * test makes the table from the very migration that makes it there, so there is one definition of it.
     */
    private static final String ACCESS_TABLE_MIGRATION = readMigration(
            Path.of("..", "alert-service", "src", "main", "resources", "db", "migration", "V8__ingest_tokens.sql"));

    private static String readMigration(Path path) {
        try {
            return Files.readString(path);
        } catch (IOException e) {
            throw new UncheckedIOException("alert-service's migration " + path.toAbsolutePath() + " cannot be read", e);
        }
    }

    /** Whether this test made the access table, and so must drop it again. */
    private boolean madeTheTable;

    enum Transport { GRPC, HTTP }

    @BeforeAll
    void makeTheAccessTableWhereThereIsNone() {
        boolean exists = pool.query("SELECT to_regclass('access_ingest_tokens') IS NOT NULL AS e").execute()
                .await().indefinitely().iterator().next().getBoolean("e");
        if (!exists) {
            pool.query(ACCESS_TABLE_MIGRATION).execute().await().indefinitely();
            madeTheTable = true;
        }
    }

    @AfterAll
    void dropTheTableThisTestMade() {
        if (madeTheTable) {
            pool.query("DROP TABLE access_ingest_tokens").execute().await().indefinitely();
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void sdkExportsSucceedOnlyWithAValidIngestTokenAndNothingElseReachesKafka(Transport transport) {
        String run = UUID.randomUUID().toString();
        Map<String, String> none = Map.of();
        Map<String, String> unknown = Map.of("Authorization", "Bearer " + UNKNOWN);
        Map<String, String> malformed = Map.of("Authorization", "Bearer vgi_not-a-token");
        Map<String, String> apiKey = Map.of("Authorization", TestCredentials.adminAuthorization());

        for (Map<String, String> wrong : List.of(none, unknown, malformed, apiKey)) {
            String refused = "refused-" + run;
            assertThat(spans(transport, wrong, refused)).as("spans with %s", wrong.keySet()).isFalse();
            assertThat(metrics(transport, wrong, refused)).as("metrics with %s", wrong.keySet()).isFalse();
            assertThat(logs(transport, wrong, refused)).as("logs with %s", wrong.keySet()).isFalse();
        }
        String accepted = "accepted-" + run;
        assertThat(spans(transport, TestCredentials.otlpHeaders(), accepted)).isTrue();
        assertThat(metrics(transport, TestCredentials.otlpHeaders(), accepted)).isTrue();
        assertThat(logs(transport, TestCredentials.otlpHeaders(), accepted)).isTrue();

        for (String topic : List.of(Topics.OTLP_TRACES, Topics.OTLP_METRICS, Topics.OTLP_LOGS)) {
            List<ConsumerRecord<byte[], byte[]>> records = PublishedRecords.read(bootstrapServers, topic,
                    r -> contains(r, run), found -> found.stream().anyMatch(r -> contains(r, accepted)));
            assertThat(records).as(topic).isNotEmpty().allMatch(r -> contains(r, accepted));
        }
    }

    @Test
    void otlpHttpWithoutATokenIs401WithTheIngestChallengeInTheRequestsEncoding()
            throws Exception {
        HttpResponse<byte[]> protobuf = post("/v1/traces", PROTOBUF, null, traces());
        assertThat(protobuf.statusCode()).isEqualTo(401);
        assertThat(protobuf.headers().firstValue("WWW-Authenticate")).contains("Bearer realm=\"vigil-ingest\"");
        assertThat(protobuf.headers().firstValue("Content-Type")).contains(PROTOBUF);
        Status status = Status.parseFrom(protobuf.body());
        assertThat(status.getCode()).isEqualTo(io.grpc.Status.Code.UNAUTHENTICATED.value());
        assertThat(status.getDetailsList()).as("not retryable").isEmpty();

        HttpResponse<byte[]> json = post("/v1/logs", "application/json", "Bearer " + UNKNOWN, "{}".getBytes());
        assertThat(json.statusCode()).isEqualTo(401);
        assertThat(json.headers().firstValue("WWW-Authenticate")).contains("Bearer realm=\"vigil-ingest\"");
        assertThat(new String(json.body(), StandardCharsets.UTF_8)).contains("\"code\":16").contains("not valid");

        HttpResponse<byte[]> apiKey = post("/v1/metrics", PROTOBUF, TestCredentials.adminAuthorization(), new byte[0]);
        assertThat(apiKey.statusCode()).as("an API key is no ingest token").isEqualTo(401);

        HttpResponse<byte[]> valid = post("/v1/metrics", PROTOBUF, TestCredentials.ingestAuthorization(), new byte[0]);
        assertThat(valid.statusCode()).isEqualTo(200);
        assertThat(metricsText()).contains("vigil_ingest_token_refused_total{reason=\"missing\",signal=\"traces\","
                + "transport=\"http\"}");
    }

    @Test
    void aRefusedRequestIsAnsweredBeforeItsBodyIsSentWithConnectionClose() throws Exception {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", Receiver.http("/").getPort())) {
            socket.setSoTimeout(10_000);
            // A body of 1000 bytes is announced and never sent: only an answer that does not wait for it comes.
            socket.getOutputStream().write(("POST /v1/traces HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Content-Type: application/x-protobuf\r\nContent-Length: 1000\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();

            StringBuilder head = new StringBuilder();
            java.io.InputStream in = socket.getInputStream();
            while (head.indexOf("\r\n\r\n") < 0) {
                int b = in.read();
                assertThat(b).as("the answer's head, before the connection ends").isNotNegative();
                head.append((char) b);
            }

            assertThat(head.toString()).startsWith("HTTP/1.1 401").containsIgnoringCase("connection: close")
                    .contains("Bearer realm=\"vigil-ingest\"");
        }
    }

    @Test
    void remoteWriteWithoutATokenIs401InPlainText() throws Exception {
        HttpResponse<byte[]> answer = HTTP.send(HttpRequest.newBuilder(Receiver.http("/api/v1/write"))
                .header("Content-Type", PROTOBUF).header("Content-Encoding", "snappy")
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[] {1, 2, 3})).build(),
                HttpResponse.BodyHandlers.ofByteArray());

        assertThat(answer.statusCode()).isEqualTo(401);
        assertThat(answer.headers().firstValue("WWW-Authenticate")).contains("Bearer realm=\"vigil-ingest\"");
        assertThat(answer.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("text/plain"));
        assertThat(new String(answer.body(), StandardCharsets.UTF_8)).contains("ingest token");
    }

    @Test
    void otlpGrpcWithoutOrWithAWrongTokenIsUnauthenticated() {
        assertThat(grpcCode(null, TraceServiceGrpc.SERVICE_NAME)).isEqualTo(io.grpc.Status.Code.UNAUTHENTICATED);
        assertThat(grpcCode("Bearer " + UNKNOWN, TraceServiceGrpc.SERVICE_NAME))
                .isEqualTo(io.grpc.Status.Code.UNAUTHENTICATED);
        assertThat(grpcCode(TestCredentials.adminAuthorization(), TraceServiceGrpc.SERVICE_NAME))
                .isEqualTo(io.grpc.Status.Code.UNAUTHENTICATED);
        assertThat(grpcCode(TestCredentials.ingestAuthorization(), TraceServiceGrpc.SERVICE_NAME))
                .isEqualTo(io.grpc.Status.Code.OK);
    }

    @Test
    void aTableTokenMaySendOnlyItsSignals() throws Exception {
        String metricsOnly = token(new String[] {"metrics"}, null, null, null);

        assertThat(post("/v1/metrics", PROTOBUF, "Bearer " + metricsOnly, new byte[0]).statusCode()).isEqualTo(200);
        HttpResponse<byte[]> traces = post("/v1/traces", PROTOBUF, "Bearer " + metricsOnly, traces());
        assertThat(traces.statusCode()).isEqualTo(403);
        assertThat(Status.parseFrom(traces.body()).getMessage()).contains("does not allow traces");
        assertThat(grpcCode("Bearer " + metricsOnly, TraceServiceGrpc.SERVICE_NAME))
                .isEqualTo(io.grpc.Status.Code.PERMISSION_DENIED);
        assertThat(grpcCode("Bearer " + metricsOnly, MetricsServiceGrpc.SERVICE_NAME))
                .isEqualTo(io.grpc.Status.Code.OK);
    }

    @Test
    void aTableTokenLimitedToPipelinesNoneOfWhichIsTheSignalsIsDenied() throws Exception {
        String elsewhere = token(new String[] {"traces"}, new String[] {"elsewhere"}, null, null);
        String byDefault = token(new String[] {"traces"}, new String[] {"default"}, null, null);

        assertThat(post("/v1/traces", PROTOBUF, "Bearer " + elsewhere, traces()).statusCode()).isEqualTo(403);
        assertThat(post("/v1/traces", PROTOBUF, "Bearer " + byDefault, traces()).statusCode()).isEqualTo(200);
    }

    @Test
    void revokedAndExpiredTableTokensAreUnauthenticated() throws Exception {
        OffsetDateTime now = OffsetDateTime.now();
        String revoked = token(new String[] {"traces"}, null, null, now.minusMinutes(1));
        String expired = token(new String[] {"traces"}, null, now.minusSeconds(1), null);
        String live = token(new String[] {"traces"}, null, now.plusHours(1), null);

        assertThat(post("/v1/traces", PROTOBUF, "Bearer " + revoked, traces()).statusCode()).isEqualTo(401);
        assertThat(post("/v1/traces", PROTOBUF, "Bearer " + expired, traces()).statusCode()).isEqualTo(401);
        assertThat(post("/v1/traces", PROTOBUF, "Bearer " + live, traces()).statusCode()).isEqualTo(200);
        assertThat(post("/v1/traces", PROTOBUF, "Bearer " + live.substring(0, live.length() - 1) + "x", traces())
                .statusCode()).as("the right id with a wrong secret").isEqualTo(401);
    }

    @Test
    void whenTheAccessTableCannotBeReadATableTokenIsToldToRetryAndTheBootstrapTokenStillWorks() throws Exception {
        String fresh = token(new String[] {"traces"}, null, null, null);
        pool.query("ALTER TABLE access_ingest_tokens RENAME TO access_ingest_tokens_away").execute()
                .await().indefinitely();
        try {
            HttpResponse<byte[]> answer = post("/v1/traces", PROTOBUF, "Bearer " + fresh, traces());
            assertThat(answer.statusCode()).isEqualTo(503);
            assertThat(answer.headers().firstValue("Retry-After")).isPresent();
            assertThat(grpcCode("Bearer " + fresh, TraceServiceGrpc.SERVICE_NAME))
                    .isEqualTo(io.grpc.Status.Code.UNAVAILABLE);
            assertThat(post("/v1/traces", PROTOBUF, TestCredentials.ingestAuthorization(), traces()).statusCode())
                    .isEqualTo(200);
        } finally {
            pool.query("ALTER TABLE access_ingest_tokens_away RENAME TO access_ingest_tokens").execute()
                    .await().indefinitely();
        }
        assertThat(post("/v1/traces", PROTOBUF, "Bearer " + fresh, traces()).statusCode()).isEqualTo(200);
    }

    /** A token in the access table, as alert-service's API would make it. */
    private String token(String[] signals, String[] pipelines, OffsetDateTime expires, OffsetDateTime revoked) {
        IngestToken token = IngestToken.generate();
        pool.preparedQuery("""
                INSERT INTO access_ingest_tokens (id, name, signals, pipelines, secret_sha256, created_at, created_by,
                    expires_at, revoked_at) VALUES ($1, $2, $3, $4, $5, now(), 'test', $6, $7)""")
                .execute(Tuple.from(new Object[] {token.id(), "test " + token.id(), signals, pipelines,
                        Sha256.hex(token.secret()), expires, revoked}))
                .await().indefinitely();
        return token.text();
    }

    private static byte[] traces() {
        return Sender.protobuf(TraceRequestMarshaler.create(SdkTelemetry.spans("token-" + UUID.randomUUID())));
    }

    private static HttpResponse<byte[]> post(String path, String contentType, String authorization, byte[] body)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(Receiver.http(path)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String metricsText() throws Exception {
        return HTTP.send(HttpRequest.newBuilder(Receiver.http("/q/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    /** The code an empty {@code Export} call with this {@code authorization} metadata (or none) ends with. */
    private static io.grpc.Status.Code grpcCode(String authorization, String service) {
        ManagedChannel channel = Receiver.grpcChannelWithoutToken();
        try {
            io.grpc.Channel calls = channel;
            if (authorization != null) {
                Metadata metadata = new Metadata();
                metadata.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), authorization);
                calls = io.grpc.ClientInterceptors.intercept(channel,
                        MetadataUtils.newAttachHeadersInterceptor(metadata));
            }
            GrpcExport.call(calls, service, new byte[0]);
            return io.grpc.Status.Code.OK;
        } catch (StatusRuntimeException e) {
            return e.getStatus().getCode();
        } finally {
            channel.shutdownNow();
        }
    }

    private static boolean contains(ConsumerRecord<byte[], byte[]> record, String marker) {
        return new String(record.value(), StandardCharsets.ISO_8859_1).contains(marker);
    }

    private static boolean spans(Transport transport, Map<String, String> headers, String service) {
        var spans = SdkTelemetry.spans(service);
        return switch (transport) {
            case GRPC -> export(OtlpGrpcSpanExporter.builder().setEndpoint(Receiver.grpcEndpoint())
                    .setHeaders(() -> headers).setRetryPolicy(null).build(), e -> e.export(spans));
            case HTTP -> export(OtlpHttpSpanExporter.builder().setEndpoint(Receiver.http("/v1/traces").toString())
                    .setHeaders(() -> headers).setRetryPolicy(null).build(), e -> e.export(spans));
        };
    }

    private static boolean metrics(Transport transport, Map<String, String> headers, String service) {
        var metrics = SdkTelemetry.metrics(service);
        return switch (transport) {
            case GRPC -> export(OtlpGrpcMetricExporter.builder().setEndpoint(Receiver.grpcEndpoint())
                    .setHeaders(() -> headers).setRetryPolicy(null).build(), e -> e.export(metrics));
            case HTTP -> export(OtlpHttpMetricExporter.builder().setEndpoint(Receiver.http("/v1/metrics").toString())
                    .setHeaders(() -> headers).setRetryPolicy(null).build(), e -> e.export(metrics));
        };
    }

    private static boolean logs(Transport transport, Map<String, String> headers, String service) {
        var logs = SdkTelemetry.logs(service);
        return switch (transport) {
            case GRPC -> export(OtlpGrpcLogRecordExporter.builder().setEndpoint(Receiver.grpcEndpoint())
                    .setHeaders(() -> headers).setRetryPolicy(null).build(), e -> e.export(logs));
            case HTTP -> export(OtlpHttpLogRecordExporter.builder().setEndpoint(Receiver.http("/v1/logs").toString())
                    .setHeaders(() -> headers).setRetryPolicy(null).build(), e -> e.export(logs));
        };
    }

    private static <E extends AutoCloseable> boolean export(E exporter, Function<E, CompletableResultCode> export) {
        try (exporter) {
            return SdkTelemetry.succeeded(export.apply(exporter));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
