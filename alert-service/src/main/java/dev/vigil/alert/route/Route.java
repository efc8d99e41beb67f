package dev.vigil.alert.route;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/** A route: alerts whose labels match go to the channel, grouped and timed as set here. */
@Entity
@Table(name = "route")
public class Route {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    Long id;

    @Column(nullable = false)
    String name;

    @Column(name = "channel_id", nullable = false)
    Long channelId;

    /** Alertmanager's matcher syntax, one per element; see {@link Matcher#toString()}. */
    @Column(nullable = false)
    String[] matchers;

    @Column(name = "group_by", nullable = false)
    String[] groupBy;

    @Column(name = "group_wait_seconds", nullable = false)
    int groupWaitSeconds;

    @Column(name = "group_interval_seconds", nullable = false)
    int groupIntervalSeconds;

    @Column(name = "repeat_interval_seconds", nullable = false)
    int repeatIntervalSeconds;

    @Column(name = "created_at", nullable = false, updatable = false)
    Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    Instant updatedAt;

    protected Route() {
    }

    public Long id() {
        return id;
    }

    public RouteDefinition definition() {
        return new RouteDefinition(name, channelId, Arrays.stream(matchers).map(Matcher::parse).toList(), List.of(groupBy),
                Duration.ofSeconds(groupWaitSeconds), Duration.ofSeconds(groupIntervalSeconds),
                Duration.ofSeconds(repeatIntervalSeconds));
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    void apply(RouteDefinition d, Instant now) {
        name = d.name();
        channelId = d.channelId();
        matchers = d.matchers().stream().map(Matcher::toString).toArray(String[]::new);
        groupBy = d.groupBy().toArray(String[]::new);
        groupWaitSeconds = (int) d.groupWait().getSeconds();
        groupIntervalSeconds = (int) d.groupInterval().getSeconds();
        repeatIntervalSeconds = (int) d.repeatInterval().getSeconds();
        if (createdAt == null) {
            createdAt = now;
        }
        updatedAt = now;
    }
}
