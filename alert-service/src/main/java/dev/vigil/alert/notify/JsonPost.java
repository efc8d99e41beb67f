package dev.vigil.alert.notify;

import dev.vigil.alert.destination.DestinationPolicy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;

/**
 * POSTs a JSON body and classifies the answer the way every integration here needs: 2xx delivered;
 * 429 and 5xx retryable, honouring {@code Retry-After}; any other answer permanent; no answer retryable.
 * Failure reasons name the status and, when the answer is a short code-like text ({@code invalid_payload},
 * {@code rate_limited}), that text — never the URL (which may be the secret) and never other content: what a
 * channel's URL answers must not become readable through the notification log. Before each request the URL's
 * host is checked against the {@link DestinationPolicy} (its name may resolve elsewhere than when the channel was
 * saved): a refused destination is a permanent failure, and nothing is sent. Redirects are never followed (the
 * client given must not follow them): a 3xx is a permanent failure.
 */
public final class JsonPost {

    private static final int MAX_REASON = 64;
    private static final java.util.regex.Pattern CODE_LIKE = java.util.regex.Pattern.compile("[A-Za-z0-9_ .:,'-]*");

    private final HttpClient client;
    private final Duration timeout;
    private final DestinationPolicy destinations;

    public JsonPost(HttpClient client, Duration timeout, DestinationPolicy destinations) {
        if (client.followRedirects() != HttpClient.Redirect.NEVER) {
            throw new IllegalArgumentException("a client that follows redirects could be sent to a refused destination");
        }
        this.client = client;
        this.timeout = timeout;
        this.destinations = destinations;
    }

    public DeliveryResult post(String url, byte[] body, Map<String, String> headers) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            return new DeliveryResult.Failed(false, 0, null, "the channel's URL is not a URL");
        }
        Optional<String> refused = destinations.refusal(url);
        if (refused.isPresent()) {
            return new DeliveryResult.Failed(false, 0, null, "destination refused: the channel's URL " + refused.get());
        }
        HttpResponse<String> response;
        try {
            // Built inside the try: the builder's exceptions quote the URL, which must not reach a log.
            HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body));
            headers.forEach(request::header);
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            return new DeliveryResult.Failed(true, 0, null, "no answer: " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new DeliveryResult.Failed(true, 0, null, "interrupted");
        } catch (IllegalArgumentException e) {
            return new DeliveryResult.Failed(false, 0, null, "the channel's URL cannot be used: not http(s)");
        }
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return new DeliveryResult.Delivered(status);
        }
        String reason = "HTTP " + status + ": " + abbreviate(response.body());
        boolean retryable = status == 429 || status >= 500;
        return new DeliveryResult.Failed(retryable, status,
                retryable ? retryAfter(response.headers().firstValue("Retry-After").orElse(null)) : null, reason);
    }

    /** Seconds or an HTTP date, as RFC 9110 allows; {@code null} when absent or unreadable. */
    static Duration retryAfter(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(header.strip())));
        } catch (NumberFormatException notSeconds) {
            try {
                Duration wait = Duration.between(java.time.Instant.now(),
                        ZonedDateTime.parse(header.strip(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
                return wait.isNegative() ? Duration.ZERO : wait;
            } catch (DateTimeParseException e) {
                return null;
            }
        }
    }

    private static String abbreviate(String body) {
        String oneLine = body == null ? "" : body.replaceAll("\\s+", " ").strip();
        if (oneLine.length() > MAX_REASON || !CODE_LIKE.matcher(oneLine).matches()) {
            return "(the answer's body is not shown)";
        }
        return oneLine;
    }
}
