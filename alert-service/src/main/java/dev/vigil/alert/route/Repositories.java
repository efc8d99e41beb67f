package dev.vigil.alert.route;

import io.quarkus.hibernate.reactive.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;

/** The Panache repositories of this package; callers provide the session or transaction. */
final class Repositories {

    private Repositories() {
    }

    @ApplicationScoped
    static class Channels implements PanacheRepository<Channel> {
    }

    @ApplicationScoped
    static class Routes implements PanacheRepository<Route> {
    }

    @ApplicationScoped
    static class Silences implements PanacheRepository<Silence> {
    }
}
