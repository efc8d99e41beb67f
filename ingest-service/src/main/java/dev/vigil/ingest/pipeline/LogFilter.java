package dev.vigil.ingest.pipeline;

import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import java.util.ArrayList;
import java.util.List;

/** Runs a logs export through one pipeline; log records are its items. */
final class LogFilter {
    private LogFilter() {
    }

    static Filtered<ExportLogsServiceRequest> apply(Pipeline pipeline, ExportLogsServiceRequest request) {
        AttributeEdits edits = pipeline.edits();
        List<ResourceLogs> out = new ArrayList<>(request.getResourceLogsCount());
        boolean changed = false;
        int total = 0;
        int kept = 0;
        for (ResourceLogs resourceLogs : request.getResourceLogsList()) {
            int records = count(resourceLogs);
            total += records;
            Pipeline.Decision decision = pipeline.decide(resourceLogs.getResource().getAttributesList());
            if (decision.verdict() == Pipeline.Verdict.KEEP && !touched(edits, resourceLogs)) {
                out.add(resourceLogs);
                kept += records;
                continue;
            }
            changed = true;
            if (decision.verdict() == Pipeline.Verdict.DROP) {
                continue;
            }
            ResourceLogs.Builder resource = ResourceLogs.newBuilder()
                    .setResource(edits.resource(resourceLogs.getResource()))
                    .setSchemaUrl(resourceLogs.getSchemaUrl());
            int keptHere = 0;
            for (ScopeLogs scopeLogs : resourceLogs.getScopeLogsList()) {
                ScopeLogs.Builder scope = null;
                for (LogRecord record : scopeLogs.getLogRecordsList()) {
                    if (decision.verdict() == Pipeline.Verdict.PER_ITEM
                            && !pipeline.keeps(decision, record.getAttributesList())) {
                        continue;
                    }
                    if (scope == null) {
                        scope = resource.addScopeLogsBuilder()
                                .setScope(edits.scope(scopeLogs.getScope()))
                                .setSchemaUrl(scopeLogs.getSchemaUrl());
                    }
                    var attributes = record.getAttributesList();
                    var edited = edits.apply(attributes);
                    scope.addLogRecords(edited == attributes ? record
                            : record.toBuilder().clearAttributes().addAllAttributes(edited).build());
                    keptHere++;
                }
            }
            if (keptHere > 0) {
                out.add(resource.build());
                kept += keptHere;
            }
        }
        if (!changed) {
            return new Filtered<>(request, total, kept);
        }
        return new Filtered<>(ExportLogsServiceRequest.newBuilder().addAllResourceLogs(out).build(), total, kept);
    }

    static int count(ResourceLogs resourceLogs) {
        int records = 0;
        for (ScopeLogs scopeLogs : resourceLogs.getScopeLogsList()) {
            records += scopeLogs.getLogRecordsCount();
        }
        return records;
    }

    private static boolean touched(AttributeEdits edits, ResourceLogs resourceLogs) {
        if (!edits.any()) {
            return false;
        }
        if (edits.touches(resourceLogs.getResource().getAttributesList())) {
            return true;
        }
        for (ScopeLogs scopeLogs : resourceLogs.getScopeLogsList()) {
            if (edits.touches(scopeLogs.getScope().getAttributesList())) {
                return true;
            }
            for (LogRecord record : scopeLogs.getLogRecordsList()) {
                if (edits.touches(record.getAttributesList())) {
                    return true;
                }
            }
        }
        return false;
    }
}
