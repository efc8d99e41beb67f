package dev.vigil.ingest.remotewrite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.CodedOutputStream;
import dev.vigil.ingest.remotewrite.WriteRequestReader.Label;
import dev.vigil.ingest.remotewrite.WriteRequestReader.Sample;
import dev.vigil.ingest.remotewrite.WriteRequestReader.TimeSeries;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xerial.snappy.Snappy;

class RemoteWriteTranslationTest {

    /** A WriteRequest written field by field, as Prometheus's protobuf encoder writes it. */
    static byte[] writeRequest(List<TimeSeries> series) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        CodedOutputStream request = CodedOutputStream.newInstance(body);
        for (TimeSeries ts : series) {
            request.writeByteArray(1, timeSeries(ts));
        }
        request.flush();
        return Snappy.compress(body.toByteArray());
    }

    private static byte[] timeSeries(TimeSeries ts) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CodedOutputStream out = CodedOutputStream.newInstance(bytes);
        for (Label l : ts.labels()) {
            ByteArrayOutputStream label = new ByteArrayOutputStream();
            CodedOutputStream lo = CodedOutputStream.newInstance(label);
            lo.writeString(1, l.name());
            lo.writeString(2, l.value());
            lo.flush();
            out.writeByteArray(1, label.toByteArray());
        }
        for (Sample s : ts.samples()) {
            ByteArrayOutputStream sample = new ByteArrayOutputStream();
            CodedOutputStream so = CodedOutputStream.newInstance(sample);
            so.writeDouble(1, s.value());
            so.writeInt64(2, s.timestampMs());
            so.flush();
            out.writeByteArray(2, sample.toByteArray());
        }
        out.flush();
        return bytes.toByteArray();
    }

    private static final TimeSeries REQUESTS = new TimeSeries(
            List.of(new Label("__name__", "http_requests_total"), new Label("code", "200"), new Label("instance", "web-1:9100"),
                    new Label("job", "shop/web")),
            List.of(new Sample(1.0, 1_000), new Sample(5.0, 16_000)));

    @Test
    void readsTheSeriesASnappyWriteRequestCarries() throws Exception {
        List<TimeSeries> read = WriteRequestReader.read(writeRequest(List.of(REQUESTS)), 1 << 20);
        assertThat(read).containsExactly(REQUESTS);
    }

    @Test
    void refusesABodyThatIsNotSnappyOrTooLarge() throws Exception {
        assertThatThrownBy(() -> WriteRequestReader.read("not snappy at all".getBytes(), 1 << 20))
                .isInstanceOf(WriteRequestReader.MalformedWriteRequestException.class);
        assertThatThrownBy(() -> WriteRequestReader.read(writeRequest(List.of(REQUESTS)), 10))
                .isInstanceOf(WriteRequestReader.MalformedWriteRequestException.class).hasMessageContaining("more than 10");
        byte[] notProtobuf = Snappy.compress(new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff});
        assertThatThrownBy(() -> WriteRequestReader.read(notProtobuf, 1 << 20))
                .isInstanceOf(WriteRequestReader.MalformedWriteRequestException.class);
    }

    @Test
    void makesJobAndInstanceTheResourceAndOtherLabelsAttributes() throws Exception {
        ExportMetricsServiceRequest otlp = OtlpTranslation.toOtlp(List.of(REQUESTS));
        ResourceMetrics resource = otlp.getResourceMetrics(0);
        assertThat(resource.getResource().getAttributesList()).extracting(kv -> kv.getKey() + "=" + kv.getValue().getStringValue())
                .containsExactly("service.namespace=shop", "service.name=web", "service.instance.id=web-1:9100");
        assertThat(resource.getScopeMetrics(0).getScope().getName()).isEqualTo(OtlpTranslation.SCOPE);
        var metric = resource.getScopeMetrics(0).getMetrics(0);
        assertThat(metric.getName()).isEqualTo("http_requests_total");
        List<NumberDataPoint> points = metric.getGauge().getDataPointsList();
        assertThat(points).extracting(NumberDataPoint::getTimeUnixNano).containsExactly(1_000_000_000L, 16_000_000_000L);
        assertThat(points).extracting(NumberDataPoint::getAsDouble).containsExactly(1.0, 5.0);
        assertThat(points.get(0).getAttributesList()).extracting(kv -> kv.getKey()).containsExactly("code");
    }

    @Test
    void aStaleMarkerBecomesAPointWithNoRecordedValue() throws Exception {
        TimeSeries stale = new TimeSeries(List.of(new Label("__name__", "up")),
                List.of(new Sample(Double.longBitsToDouble(0x7ff0000000000002L), 2_000)));
        NumberDataPoint point = OtlpTranslation.toOtlp(List.of(stale)).getResourceMetrics(0).getScopeMetrics(0).getMetrics(0)
                .getGauge().getDataPoints(0);
        assertThat(point.getFlags() & 1).isEqualTo(1);
    }

    @Test
    void refusesASeriesWithoutAName() {
        TimeSeries nameless = new TimeSeries(List.of(new Label("job", "x")), List.of(new Sample(1, 1)));
        assertThatThrownBy(() -> OtlpTranslation.toOtlp(List.of(nameless)))
                .isInstanceOf(OtlpTranslation.InvalidSeriesException.class).hasMessageContaining("__name__");
    }
}
