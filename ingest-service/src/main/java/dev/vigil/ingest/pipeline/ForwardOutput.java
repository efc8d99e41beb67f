package dev.vigil.ingest.pipeline;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * An external OTLP/HTTP endpoint that pipelines forward to, by name.
 *
 * @param endpoint the base URL; a signal is sent to {@code <endpoint>/v1/<signal>}
 * @param headers sent with every request (an API key, a tenant)
 * @param timeout for connecting and for the answer to one request
 */
public record ForwardOutput(String name, URI endpoint, Map<String, String> headers, Duration timeout) {
    public ForwardOutput {
        headers = Map.copyOf(headers);
    }

    /** Where requests of the signal with this id go. */
    public URI url(String signalId) {
        String base = endpoint.toString();
        return URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/v1/" + signalId);
    }
}
