package dev.vigil.demo.ingest;

/** ingest-service answered 401 to an export: the demo has no ingest token, or not a valid one. */
public final class IngestTokenRefusedException extends IllegalStateException {

    public IngestTokenRefusedException(Throwable cause) {
        super("ingest-service refused the telemetry (401 Unauthorized): it needs a valid ingest token; set "
                + IngestAuthorization.TOKEN_ENVIRONMENT + " or run through ./vigil demo", cause);
    }
}
