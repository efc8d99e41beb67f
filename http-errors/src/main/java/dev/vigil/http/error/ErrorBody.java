package dev.vigil.http.error;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The body of every error answer of every Vigil API. Clients branch on {@code error}, show {@code message} to
 * people, highlight {@code fields}, and quote {@code correlationId} to whoever reads the service's log.
 *
 * @param error a stable machine code, one of {@link ErrorCode}'s
 * @param message what went wrong, naming the parameter or field at fault; never an internal exception's text
 * @param fields for a request that names wrong fields: each field's path (as the client wrote it, e.g.
 *        {@code labels.team}) and what is wrong with it, in the order found; absent otherwise
 * @param correlationId for a failure the service logged: the id under which it did; absent otherwise
 */
@Schema(name = "Error", description = "Error answer of every Vigil API")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ErrorBody(
        @Schema(description = "Stable code: invalid_argument, not_found, method_not_allowed, not_acceptable, "
                + "conflict, unsupported_media_type, query_limit_exceeded, unavailable, internal",
                examples = "invalid_argument")
        String error,
        @Schema(description = "What went wrong, naming the offending parameter or field where there is one",
                examples = "path parameter 'traceId' must be 32 hexadecimal characters, got 3 characters")
        String message,
        @Schema(description = "Each field or parameter at fault and what is wrong with it",
                examples = "{\"traceId\": \"must be 32 hexadecimal characters, got 3 characters\"}")
        Map<String, String> fields,
        @Schema(description = "Id of the failure in the service's log, for a 500 or 503",
                examples = "5f0c2a7e91d34b60")
        String correlationId) {

    public ErrorBody {
        // Insertion order kept: the fields are listed in the order the request's checks found them.
        fields = fields == null || fields.isEmpty() ? null : Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    public ErrorBody(String error, String message) {
        this(error, message, null, null);
    }
}
