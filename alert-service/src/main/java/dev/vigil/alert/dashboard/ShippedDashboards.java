package dev.vigil.alert.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.alert.postgres.RetriedUntilDone;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The dashboards Vigil ships ({@code dashboards/<uid>.json}), put in place at start when no dashboard has their uid.
 * One that exists is never overwritten: people may have edited it. A shipped dashboard that does not validate stops
 * the start, naming its problems; a test keeps that from being released. PostgreSQL out of reach does not: the
 * service starts (and answers 503 where it needs the database), and the dashboards are put in place once it answers,
 * tried again with a growing pause.
 */
@Singleton
final class ShippedDashboards {

    /** The uids of the shipped dashboards, each the name of its resource. */
    static final List<String> UIDS = List.of("golden-signals", "kubernetes-cluster", "vigil-itself");
    static final String AUTHOR = "vigil";
    static final String MESSAGE = "shipped with Vigil";
    private static final Duration STORE_TIMEOUT = Duration.ofSeconds(30);

    private final DashboardStore store;
    private final ObjectMapper json;
    private volatile RetriedUntilDone placing;

    ShippedDashboards(DashboardStore store, ObjectMapper json) {
        this.store = store;
        this.json = json;
    }

    // After the schema migration (priority 1).
    void putInPlaceAtStart(@Observes @Priority(10) StartupEvent start) {
        UIDS.forEach(this::read); // an invalid shipped dashboard stops the start here, whatever the database does
        // In place before the service answers when PostgreSQL does; else from the background once it does.
        placing = RetriedUntilDone.start("putting the shipped dashboards in place", () -> {
            List<String> placed = putInPlace();
            if (!placed.isEmpty()) {
                Log.infof("shipped dashboards put in place: %s", String.join(", ", placed));
            }
        });
    }

    void stopTrying(@Observes ShutdownEvent stop) {
        if (placing != null) {
            placing.stop();
        }
    }

    /** Stores each shipped dashboard that is absent; returns the uids it stored. */
    List<String> putInPlace() {
        List<String> placed = new ArrayList<>();
        for (String uid : UIDS) {
            JsonNode document = read(uid);
            if (store.createIfAbsent(document, AUTHOR, MESSAGE).await().atMost(STORE_TIMEOUT)) {
                placed.add(uid);
            }
        }
        return placed;
    }

    /** The shipped document of {@code uid}, checked. */
    JsonNode read(String uid) {
        String resource = "dashboards/" + uid + ".json";
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("the shipped dashboard " + resource + " is missing");
            }
            JsonNode document = json.readTree(in);
            DashboardValidator.requireValid(document, "");
            if (!uid.equals(document.path("uid").asText())) {
                throw new IllegalStateException(resource + " must have the uid " + uid);
            }
            return document;
        } catch (InvalidDashboardException e) {
            throw new IllegalStateException("the shipped dashboard " + resource + " is invalid: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("the shipped dashboard " + resource + " cannot be read", e);
        }
    }
}
