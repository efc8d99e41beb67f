package dev.vigil.bench;

import java.util.Optional;

/**
 * The ingest token a benchmark sends to Vigil's OTLP and remote-write receivers as {@code Authorization}, from
 * {@value #TOKEN_ENVIRONMENT} ({@code ./vigil bench} sets it from {@code $VIGIL_HOME/ingest-token}).
 */
public final class IngestAuthorization {

    public static final String TOKEN_ENVIRONMENT = "VIGIL_INGEST_TOKEN";

    private IngestAuthorization() {
    }

    /** {@code Bearer <token>}; empty when the environment holds none, and ingest-service will answer 401. */
    public static Optional<String> header() {
        return Optional.ofNullable(System.getenv(TOKEN_ENVIRONMENT)).map(String::strip).filter(t -> !t.isEmpty())
                .map(t -> "Bearer " + t);
    }

    /** What to add to the message of a failed request that got {@code status}: how to give a token after a 401. */
    public static String hint(int status) {
        return status == 401 ? " (ingest-service needs a valid ingest token: set " + TOKEN_ENVIRONMENT
                + " or run through ./vigil bench)" : "";
    }
}
