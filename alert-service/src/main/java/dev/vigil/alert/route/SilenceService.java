package dev.vigil.alert.route;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/** Reads and changes silences; each change is one transaction. */
@ApplicationScoped
public class SilenceService {

    private final Repositories.Silences silences;

    SilenceService(Repositories.Silences silences) {
        this.silences = silences;
    }

    /** Silences that have not ended, or all when {@code includeExpired}; newest first. */
    @WithSession
    public Uni<List<Silence>> list(boolean includeExpired) {
        return includeExpired
                ? silences.listAll(Sort.descending("startsAt").and("id", Sort.Direction.Descending))
                : silences.list("endsAt > ?1", Sort.descending("startsAt").and("id", Sort.Direction.Descending), Instant.now());
    }

    @WithSession
    public Uni<Silence> find(long id) {
        return silences.findById(id);
    }

    @WithTransaction
    public Uni<Silence> create(SilenceDefinition definition) {
        Silence silence = new Silence();
        silence.apply(definition, now());
        return silences.persistAndFlush(silence);
    }

    @WithTransaction
    public Uni<Silence> update(long id, SilenceDefinition definition) {
        return silences.findById(id).onItem().ifNotNull().transformToUni(silence -> {
            silence.apply(definition, now());
            return silences.flush().replaceWith(silence);
        });
    }

    @WithTransaction
    public Uni<Boolean> delete(long id) {
        return silences.deleteById(id);
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
