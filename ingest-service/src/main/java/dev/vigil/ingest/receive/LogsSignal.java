package dev.vigil.ingest.receive;

import com.google.protobuf.Message;
import com.google.protobuf.Parser;
import dev.vigil.contracts.Signal;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsPartialSuccess;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.opentelemetry.proto.collector.logs.v1.LogsServiceGrpc;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import java.util.ArrayList;
import java.util.List;

/**
 * Logs: items are log records. A log record of a trace is keyed by its trace id, like the trace's spans;
 * any other by its resource, which keeps one source's logs in order.
 */
final class LogsSignal implements OtlpSignal<ExportLogsServiceRequest> {
    static final LogsSignal INSTANCE = new LogsSignal();

    private LogsSignal() {
    }

    @Override
    public Signal signal() {
        return Signal.LOGS;
    }

    @Override
    public Parser<ExportLogsServiceRequest> parser() {
        return ExportLogsServiceRequest.parser();
    }

    @Override
    public ExportLogsServiceRequest emptyRequest() {
        return ExportLogsServiceRequest.getDefaultInstance();
    }

    @Override
    public String grpcService() {
        return LogsServiceGrpc.SERVICE_NAME;
    }

    @Override
    public String itemNoun() {
        return "log record";
    }

    @Override
    public int items(ExportLogsServiceRequest request) {
        int records = 0;
        for (ResourceLogs resource : request.getResourceLogsList()) {
            for (ScopeLogs scope : resource.getScopeLogsList()) {
                records += scope.getLogRecordsCount();
            }
        }
        return records;
    }

    @Override
    public void validate(ExportLogsServiceRequest request, RequestChecks checks) {
        for (int r = 0; r < request.getResourceLogsCount(); r++) {
            ResourceLogs resource = request.getResourceLogs(r);
            int ri = r;
            checks.attributes(resource.getResource().getAttributesList(),
                    () -> "resource_logs[" + ri + "].resource.attributes");
            for (int s = 0; s < resource.getScopeLogsCount(); s++) {
                ScopeLogs scope = resource.getScopeLogs(s);
                int si = s;
                checks.attributes(scope.getScope().getAttributesList(),
                        () -> "resource_logs[" + ri + "].scope_logs[" + si + "].scope.attributes");
                for (int i = 0; i < scope.getLogRecordsCount(); i++) {
                    LogRecord log = scope.getLogRecords(i);
                    int ii = i;
                    checks.traceId(log.getTraceId(), () -> path(ri, si, ii) + ".trace_id");
                    checks.spanId(log.getSpanId(), () -> path(ri, si, ii) + ".span_id");
                    checks.value(log.getBody(), () -> path(ri, si, ii) + ".body");
                    checks.attributes(log.getAttributesList(), () -> path(ri, si, ii) + ".attributes");
                }
            }
        }
    }

    private static String path(int r, int s, int i) {
        return "resource_logs[" + r + "].scope_logs[" + s + "].log_records[" + i + "]";
    }

    @Override
    public List<Piece> pieces(ExportLogsServiceRequest request, int maxRecordBytes) {
        List<Piece> pieces = new ArrayList<>();
        for (int r = 0; r < request.getResourceLogsCount(); r++) {
            ResourceLogs resource = request.getResourceLogs(r);
            String resourceKey = null;
            for (int s = 0; s < resource.getScopeLogsCount(); s++) {
                List<LogRecord> logs = resource.getScopeLogs(s).getLogRecordsList();
                for (int i = 0; i < logs.size(); i++) {
                    LogRecord log = logs.get(i);
                    String key;
                    if (log.getTraceId().isEmpty()) {
                        if (resourceKey == null) {
                            resourceKey = RecordKeys.resource(resource.getResource());
                        }
                        key = resourceKey;
                    } else {
                        key = RecordKeys.id(log.getTraceId());
                    }
                    pieces.add(new Piece(r, s, i, log, 1, key));
                }
            }
        }
        return pieces;
    }

    @Override
    public Message resourceHeader(ExportLogsServiceRequest request, int r) {
        return request.getResourceLogs(r).toBuilder().clearScopeLogs().build();
    }

    @Override
    public Message scopeHeader(ExportLogsServiceRequest request, int r, int s) {
        return request.getResourceLogs(r).getScopeLogs(s).toBuilder().clearLogRecords().build();
    }

    @Override
    public Message response(long rejected, String message) {
        if (rejected == 0) {
            return ExportLogsServiceResponse.getDefaultInstance();
        }
        return ExportLogsServiceResponse.newBuilder().setPartialSuccess(ExportLogsPartialSuccess.newBuilder()
                .setRejectedLogRecords(rejected).setErrorMessage(message)).build();
    }
}
