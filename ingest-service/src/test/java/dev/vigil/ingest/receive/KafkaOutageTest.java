package dev.vigil.ingest.receive;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.CodedInputStream;
import dev.vigil.devstack.launch.DevStack;
import dev.vigil.devstack.testing.DevStackResource;
import dev.vigil.devstack.testing.SharedDevStack;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.io.IOException;
import java.net.URL;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The receiver never answers success for data Kafka does not hold. */
@QuarkusTest
@QuarkusTestResource(value = DevStackResource.class, restrictToAnnotatedClass = false)
class KafkaOutageTest {

    @TestHTTPResource("/v1/traces")
    URL endpoint;

    @Test
    void answers503WithRetryAfterWhileKafkaIsDownAnd200OnceItIsBack() throws IOException {
        byte[] export = RecordSplitterTest.request(RecordSplitterTest.resource("outage",
                RecordSplitterTest.scope("s", RecordSplitterTest.span(9, 1)))).toByteArray();
        DevStack stack = SharedDevStack.get();
        stack.stopKafka();
        Response refused;
        try {
            refused = given().contentType("application/x-protobuf").body(export).post(endpoint);
        } finally {
            stack.startKafka();
        }

        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(refused.header("Retry-After")).isEqualTo("5");
        CodedInputStream status = CodedInputStream.newInstance(refused.asByteArray());
        assertThat(status.readTag() >>> 3).isEqualTo(1);
        assertThat(status.readInt32()).as("gRPC UNAVAILABLE").isEqualTo(14);
        assertThat(status.readTag() >>> 3).isEqualTo(2);
        assertThat(status.readString()).startsWith("the data could not be written to Kafka, send it again later");

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(
                given().contentType("application/x-protobuf").body(export).post(endpoint).statusCode()).isEqualTo(200));
    }
}
