package dev.vigil.alert.route;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/** Reads and changes routes; each change is one transaction. */
@ApplicationScoped
public class RouteService {

    private final Repositories.Routes routes;
    private final Repositories.Channels channels;

    RouteService(Repositories.Routes routes, Repositories.Channels channels) {
        this.routes = routes;
        this.channels = channels;
    }

    @WithSession
    public Uni<List<Route>> list() {
        return routes.listAll(Sort.by("name"));
    }

    @WithSession
    public Uni<Route> find(long id) {
        return routes.findById(id);
    }

    @WithTransaction
    public Uni<Route> create(RouteDefinition definition) {
        return requireChannel(definition).chain(() -> {
            Route route = new Route();
            route.apply(definition, now());
            return routes.persistAndFlush(route);
        }).onFailure().transform(RouteService::conflict);
    }

    @WithTransaction
    public Uni<Route> update(long id, RouteDefinition definition) {
        return requireChannel(definition).chain(() -> routes.findById(id)).onItem().ifNotNull().transformToUni(route -> {
            route.apply(definition, now());
            return routes.flush().replaceWith(route);
        }).onFailure().transform(RouteService::conflict);
    }

    @WithTransaction
    public Uni<Boolean> delete(long id) {
        return routes.deleteById(id);
    }

    private Uni<Void> requireChannel(RouteDefinition definition) {
        return channels.findById(definition.channelId()).onItem().ifNull()
                .failWith(() -> new UnknownReferenceException("channelId", "no channel with id " + definition.channelId()))
                .replaceWithVoid();
    }

    private static Throwable conflict(Throwable failure) {
        return Constraints.violated(failure).<Throwable>map(constraint -> "route_name_key".equals(constraint)
                ? new ConflictException("name", "a route with this name already exists")
                : failure).orElse(failure);
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
