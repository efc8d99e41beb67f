package dev.vigil.ingest.remotewrite;

import dev.vigil.ingest.remotewrite.WriteRequestReader.Label;
import dev.vigil.ingest.remotewrite.WriteRequestReader.Sample;
import dev.vigil.ingest.remotewrite.WriteRequestReader.TimeSeries;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.DataPointFlags;
import io.opentelemetry.proto.metrics.v1.Gauge;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.resource.v1.Resource;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Remote-written series as an OTLP metrics export, kept so that the Prometheus API gives back exactly what was
 * written: every series a gauge under its Prometheus name, in the scope {@value #SCOPE} (which tells the reader to
 * take names and labels as they are); {@code job} and {@code instance} become the resource's {@code service.name}
 * (with {@code service.namespace} before a {@code /}) and {@code service.instance.id}, as the OpenTelemetry
 * Collector's Prometheus receiver maps them; every other label a point attribute. A stale marker becomes a point
 * flagged "no recorded value".
 */
public final class OtlpTranslation {
    /** The instrumentation scope of remote-written points. */
    public static final String SCOPE = "vigil.prometheus.remote-write";
    private static final long STALE_NAN_BITS = 0x7ff0000000000002L;

    private OtlpTranslation() {
    }

    /** The request, or a description of why a series cannot be kept (no metric name). */
    public static ExportMetricsServiceRequest toOtlp(List<TimeSeries> series) throws InvalidSeriesException {
        Map<List<String>, Map<String, Metric.Builder>> byResource = new LinkedHashMap<>();
        for (TimeSeries ts : series) {
            String name = "";
            String job = "";
            String instance = "";
            List<KeyValue> attributes = new ArrayList<>();
            for (Label l : ts.labels()) {
                switch (l.name()) {
                    case "__name__" -> name = l.value();
                    case "job" -> job = l.value();
                    case "instance" -> instance = l.value();
                    default -> attributes.add(attribute(l.name(), l.value()));
                }
            }
            if (name.isEmpty()) {
                throw new InvalidSeriesException("a series has no __name__ label: " + ts.labels());
            }
            Metric.Builder metric = byResource.computeIfAbsent(List.of(job, instance), k -> new LinkedHashMap<>())
                    .computeIfAbsent(name, n -> Metric.newBuilder().setName(n).setGauge(Gauge.newBuilder()));
            for (Sample s : ts.samples()) {
                NumberDataPoint.Builder point = NumberDataPoint.newBuilder()
                        .setTimeUnixNano(Math.multiplyExact(s.timestampMs(), 1_000_000L))
                        .addAllAttributes(attributes);
                if (Double.doubleToRawLongBits(s.value()) == STALE_NAN_BITS) {
                    point.setFlags(DataPointFlags.DATA_POINT_FLAGS_NO_RECORDED_VALUE_MASK_VALUE).setAsDouble(Double.NaN);
                } else {
                    point.setAsDouble(s.value());
                }
                metric.getGaugeBuilder().addDataPoints(point);
            }
        }
        ExportMetricsServiceRequest.Builder request = ExportMetricsServiceRequest.newBuilder();
        byResource.forEach((resource, metrics) -> {
            ScopeMetrics.Builder scope = ScopeMetrics.newBuilder().setScope(InstrumentationScope.newBuilder().setName(SCOPE));
            metrics.values().forEach(scope::addMetrics);
            request.addResourceMetrics(ResourceMetrics.newBuilder().setResource(resource(resource.get(0), resource.get(1))).addScopeMetrics(scope));
        });
        return request.build();
    }

    private static Resource resource(String job, String instance) {
        Resource.Builder r = Resource.newBuilder();
        if (!job.isEmpty()) {
            int slash = job.indexOf('/');
            if (slash > 0) {
                r.addAttributes(attribute("service.namespace", job.substring(0, slash)));
                r.addAttributes(attribute("service.name", job.substring(slash + 1)));
            } else {
                r.addAttributes(attribute("service.name", job));
            }
        }
        if (!instance.isEmpty()) {
            r.addAttributes(attribute("service.instance.id", instance));
        }
        return r.build();
    }

    private static KeyValue attribute(String key, String value) {
        return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setStringValue(value)).build();
    }

    /** A series remote write cannot describe without its name. */
    public static final class InvalidSeriesException extends Exception {
        InvalidSeriesException(String message) {
            super(message);
        }
    }
}
