package dev.vigil.alert.destination;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The one {@link DestinationPolicy} of the service, read from {@link DestinationsConfig} at start. */
final class Destinations {

    @Produces
    @Singleton
    DestinationPolicy policy(DestinationsConfig config) {
        return DestinationPolicy.allowing(config.allow().orElse(java.util.List.of()));
    }
}
