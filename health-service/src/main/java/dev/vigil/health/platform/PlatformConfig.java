package dev.vigil.health.platform;

import dev.vigil.contracts.ConsumerGroups;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Which services and infrastructure the platform report covers, how they are probed, and when each counts as
 * in trouble.
 *
 * <p>The default service map ({@code ingest}, {@code query}, {@code alert} on 127.0.0.1) lives in
 * {@code application.properties}, because a map cannot carry defaults here; any entry can be
 * overridden, and more can be added, with {@code vigil.health.services.<name>=<base url>}.
 */
@ConfigMapping(prefix = "vigil.health")
interface PlatformConfig {

    /** Service name to the base URL its readiness endpoint hangs off, e.g. {@code http://ingest:4318}. */
    Map<String, URI> services();

    /** How often every service and every piece of infrastructure is probed. */
    @WithDefault("5s")
    Duration probeInterval();

    /** How long one probe may take, connect included, before its target counts as unreachable. */
    @WithDefault("2s")
    Duration probeTimeout();

    /** The readiness path every Vigil service serves (Quarkus SmallRye Health). */
    @WithDefault("/q/health/ready")
    String readinessPath();

    Kafka kafka();

    ClickHouse clickhouse();

    Postgres postgres();

    Ingest ingest();

    /** The Kafka bus (its address is {@code kafka.bootstrap.servers}, as for every service). */
    interface Kafka {
        /** The persist stage's consumer groups are this plus the signal: {@code vigil-persist-traces} … */
        @WithDefault(ConsumerGroups.PERSIST_PREFIX)
        String persistGroupPrefix();

        /** Records a persist group may be behind on one partition before it is a warning … */
        @WithDefault("10000")
        long lagWarning();

        /** … and before it is critical. */
        @WithDefault("100000")
        long lagCritical();
    }

    /** The ClickHouse server ({@code vigil.clickhouse.*} says where). */
    interface ClickHouse {
        /**
         * Active parts in one partition of one table before it is a warning: many small parts mean inserts
         * outpace merges, and ClickHouse starts delaying, then refusing, inserts.
         */
        @WithDefault("300")
        long partsWarning();

        @WithDefault("1000")
        long partsCritical();
    }

    /** The PostgreSQL database the alert-service keeps its rules and state in. */
    interface Postgres {
        @WithDefault("jdbc:postgresql://127.0.0.1:5432/vigil")
        String jdbcUrl();

        @WithDefault("vigil")
        String username();

        Optional<String> password();
    }

    /** The ingest-service's own counters, scraped from its Prometheus endpoint. */
    interface Ingest {
        /** Where to scrape; by default the {@code ingest} service's base URL plus {@code /q/metrics}. */
        Optional<URI> metricsUrl();

        /** The counters reported (Prometheus names, a regular expression). */
        @WithDefault("vigil_ingest_.+_(rejected|refused|dropped|deadlettered)_total")
        String counters();

        /**
         * The counters whose growth is a warning: data the platform could not take or store. Rejected input is
         * the sender's fault and only reported.
         */
        @WithDefault("vigil_ingest_.+_(refused|deadlettered)_total")
        String warnOn();

        /** How long a growth of a {@link #warnOn()} counter keeps the warning. */
        @WithDefault("5m")
        Duration window();
    }
}
