package dev.vigil.demo.ingest;

import io.opentelemetry.exporter.internal.FailedExportException;

import java.util.Map;
import java.util.Optional;

/**
 * The ingest token every OTLP exporter of the demo sends as {@code Authorization: Bearer <token>}: ingest-service
 * refuses telemetry without one.
 */
public final class IngestAuthorization {

    /** The environment variable the token is read from; {@code ./vigil demo} sets it from {@code $VIGIL_HOME}. */
    public static final String TOKEN_ENVIRONMENT = "VIGIL_INGEST_TOKEN";

    private IngestAuthorization() {
    }

    /** The headers for an exporter builder's {@code setHeaders}: none without a token. */
    public static Map<String, String> headers(Optional<String> token) {
        return token.map(t -> Map.of("Authorization", "Bearer " + t)).orElse(Map.of());
    }

    /**
     * Whether an export failed because ingest-service answered 401, i.e. the token is missing or not valid. The SDK
     * reports the answer only through its exporters' internal exception type; the demo's tests prove it still does.
     */
    public static boolean refused(Throwable failure) {
        return failure instanceof FailedExportException.HttpExportException http && http.failedWithResponse()
                && http.getResponse().statusCode() == 401;
    }
}
