package dev.vigil.health.stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.health.cluster.ClusterSnapshot;
import dev.vigil.health.platform.PlatformReport;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Flow;

/**
 * Fans the cluster's and the platform's changes out to every stream subscriber, and remembers the latest of each
 * so that a new subscriber starts from the current picture. Payloads are written to JSON once per change, not
 * once per subscriber.
 */
@Singleton
final class HealthStream {

    /** One server-sent event: its name and its JSON data. */
    record Update(String name, String json) {
    }

    private final ObjectMapper json;
    private final Flow.Processor<Update, Update> updates = BroadcastProcessor.<Update>create().serialized();
    private volatile Update cluster;
    private volatile Update platform;

    HealthStream(ObjectMapper json) {
        this.json = json;
    }

    void onCluster(@Observes ClusterSnapshot snapshot) {
        Update update = new Update("cluster", write(snapshot.withoutHistory()));
        cluster = update;
        updates.onNext(update);
    }

    void onPlatform(@Observes PlatformReport report) {
        Update update = new Update("platform", write(report));
        platform = update;
        updates.onNext(update);
    }

    /** The current picture (what is known of it), then every change as it happens. */
    Multi<Update> subscribe() {
        List<Update> current = new ArrayList<>(2);
        if (cluster != null) {
            current.add(cluster);
        }
        if (platform != null) {
            current.add(platform);
        }
        return Multi.createBy().concatenating().streams(Multi.createFrom().iterable(current),
                Multi.createFrom().publisher(updates));
    }

    private String write(Object payload) {
        try {
            return json.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + payload.getClass().getSimpleName() + " as JSON", e);
        }
    }
}
