package dev.vigil.ingest.remotewrite;

import dev.vigil.devstack.testing.TestCredentials;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.query.GenericRecord;
import dev.vigil.devstack.testing.DevStackResource;
import dev.vigil.ingest.remotewrite.WriteRequestReader.Label;
import dev.vigil.ingest.remotewrite.WriteRequestReader.Sample;
import dev.vigil.ingest.remotewrite.WriteRequestReader.TimeSeries;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/** Remote write into ClickHouse through the receiver, Kafka and the persist stage, as a Prometheus sends it. */
@QuarkusTest
@QuarkusTestResource(value = DevStackResource.class, restrictToAnnotatedClass = false)
class RemoteWriteTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Inject
    Client clickHouse;

    private static HttpResponse<String> post(byte[] body, String contentType, String encoding) throws Exception {
        int port = ConfigProvider.getConfig().getValue("quarkus.http.test-port", Integer.class);
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/write"))
                .header("Content-Type", contentType).header("Content-Encoding", encoding)
                .header("Authorization", TestCredentials.ingestAuthorization())
                .header("X-Prometheus-Remote-Write-Version", "0.1.0")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void storesWhatItAcknowledgesWithItsNamesLabelsAndTimesToTheSecond() throws Exception {
        String job = "rw-" + System.nanoTime();
        long now = System.currentTimeMillis() / 1000 * 1000;
        TimeSeries series = new TimeSeries(
                List.of(new Label("__name__", "rw_requests_total"), new Label("code", "200"), new Label("instance", "host:9100"),
                        new Label("job", job)),
                List.of(new Sample(3, now - 30_000), new Sample(7, now - 15_000)));
        HttpResponse<String> answer = post(RemoteWriteTranslationTest.writeRequest(List.of(series)), "application/x-protobuf", "snappy");
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);

        String sql = "SELECT MetricName, ScopeName, ResourceAttributes['service.name'] AS Job, ResourceAttributes['service.instance.id'] AS Instance,"
                + " Attributes['code'] AS Code, toUnixTimestamp(TimeUnix) AS T, Value FROM vigil.otel_metrics_gauge"
                + " WHERE ResourceAttributes['service.name'] = '" + job + "' ORDER BY TimeUnix";
        await().atMost(Duration.ofSeconds(30)).until(() -> clickHouse.queryAll(sql).size() >= 2);
        List<GenericRecord> rows = clickHouse.queryAll(sql);
        assertThat(rows).hasSize(2);
        assertThat(rows).extracting(r -> r.getString("MetricName")).containsOnly("rw_requests_total");
        assertThat(rows).extracting(r -> r.getString("ScopeName")).containsOnly(OtlpTranslation.SCOPE);
        assertThat(rows).extracting(r -> r.getString("Instance")).containsOnly("host:9100");
        assertThat(rows).extracting(r -> r.getString("Code")).containsOnly("200");
        assertThat(rows).extracting(r -> r.getLong("T")).containsExactly((now - 30_000) / 1000, (now - 15_000) / 1000);
        assertThat(rows).extracting(r -> r.getDouble("Value")).containsExactly(3.0, 7.0);
    }

    @Test
    void refusesWhatIsNotASnappyWriteRequestSoPrometheusDoesNotRetryIt() throws Exception {
        assertThat(post("not snappy".getBytes(), "application/x-protobuf", "snappy").statusCode()).isEqualTo(400);
        TimeSeries nameless = new TimeSeries(List.of(new Label("job", "x")), List.of(new Sample(1, System.currentTimeMillis())));
        HttpResponse<String> answer = post(RemoteWriteTranslationTest.writeRequest(List.of(nameless)), "application/x-protobuf", "snappy");
        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.body()).contains("__name__");
        assertThat(post(new byte[] {1}, "application/x-protobuf", "gzip").statusCode()).isEqualTo(415);
    }
}
