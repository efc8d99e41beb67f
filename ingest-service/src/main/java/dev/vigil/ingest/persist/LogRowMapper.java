package dev.vigil.ingest.persist;

import com.google.protobuf.ByteString;
import dev.vigil.ingest.clickhouse.LogRow;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/** Turns an OTLP logs export into {@code otel_logs} rows, one per log record, as the Collector's exporter does. */
final class LogRowMapper {
    private static final String SERVICE_NAME = "service.name";
    private static final HexFormat HEX = HexFormat.of();

    private LogRowMapper() {
    }

    static List<LogRow> rows(ExportLogsServiceRequest request) {
        List<LogRow> rows = new ArrayList<>();
        for (ResourceLogs resourceLogs : request.getResourceLogsList()) {
            Map<String, String> resourceAttributes = AttributeStrings.of(resourceLogs.getResource().getAttributesList());
            String serviceName = resourceAttributes.getOrDefault(SERVICE_NAME, "");
            for (ScopeLogs scopeLogs : resourceLogs.getScopeLogsList()) {
                InstrumentationScope scope = scopeLogs.getScope();
                Map<String, String> scopeAttributes = AttributeStrings.of(scope.getAttributesList());
                for (LogRecord record : scopeLogs.getLogRecordsList()) {
                    rows.add(new LogRow(
                            timestamp(record),
                            hex(record.getTraceId()),
                            hex(record.getSpanId()),
                            // The low 8 bits of the flags are the W3C trace flags; the column is UInt8.
                            record.getFlags() & 0xFF,
                            record.getSeverityText(),
                            record.getSeverityNumberValue() & 0xFF,
                            serviceName,
                            AttributeStrings.of(record.getBody()),
                            resourceLogs.getSchemaUrl(),
                            resourceAttributes,
                            scopeLogs.getSchemaUrl(),
                            scope.getName(),
                            scope.getVersion(),
                            scopeAttributes,
                            AttributeStrings.of(record.getAttributesList()),
                            record.getEventName()));
                }
            }
        }
        return rows;
    }

    /** When the event happened, or when it was observed if the source did not say. */
    static long timestamp(LogRecord record) {
        return record.getTimeUnixNano() != 0 ? record.getTimeUnixNano() : record.getObservedTimeUnixNano();
    }

    /** Lowercase hex; an id that is absent or all zeros is the empty string, as the exporter writes it. */
    private static String hex(ByteString id) {
        return OtlpIds.isAbsent(id) ? "" : HEX.formatHex(id.toByteArray());
    }
}
