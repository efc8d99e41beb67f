package dev.vigil.ingest.receive;

import java.util.concurrent.TimeoutException;

/**
 * The ingest token could not be verified because the access tables (PostgreSQL) did not answer. It says nothing
 * about the token, so the client is told to send again later rather than that its token is wrong.
 */
final class TokenLookupException extends RuntimeException {
    TokenLookupException(Throwable cause) {
        super("the ingest token could not be verified (the access tables did not answer), send it again later: "
                + (cause instanceof TimeoutException ? "no answer within vigil.ingest.receive.token-lookup-timeout"
                        : cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage()), cause);
    }
}
