package dev.vigil.query.ui;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * Answers the web UI's own routes ({@code /services/cart}, {@code /traces/<id>}, ...) with its index page, so a
 * deep link or a reload opens the app at that view. The app's files themselves ({@code /}, {@code /assets/*}) are
 * static resources of the {@code web-ui} jar, served by Quarkus; {@code /api}, {@code /jaeger} and {@code /q} are
 * never touched: only the app's route prefixes are matched.
 */
@Singleton
final class SinglePageApp {

    /** The app's top-level routes (web-ui/src/App.tsx). */
    static final String ROUTES = "^/(services|map|traces|logs|access-logs|metrics|cluster|dashboards|alerting|access|login)(/[^.]*)?$";

    private static final String INDEX = "META-INF/resources/index.html";

    void install(@Observes Router router) {
        Optional<Buffer> index = readIndex();
        if (index.isEmpty()) {
            // Built without the UI (its jar lacks the page): the routes stay 404s rather than an empty page.
            return;
        }
        Buffer page = index.get();
        router.routeWithRegex(HttpMethod.GET, ROUTES).handler(ctx -> ctx.response()
                .putHeader(HttpHeaders.CONTENT_TYPE, "text/html; charset=utf-8")
                // The page names the current bundle's hashed files: never keep an old one.
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-cache")
                .end(page));
    }

    private static Optional<Buffer> readIndex() {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(INDEX)) {
            return in == null ? Optional.empty() : Optional.of(Buffer.buffer(in.readAllBytes()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the web UI's " + INDEX, e);
        }
    }
}
