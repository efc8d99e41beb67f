package dev.vigil.alert.route;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    List<Map<String, String>> matchers;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "group_by", nullable = false)
    List<String> groupBy;

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
        return new RouteDefinition(name, channelId, matchers.stream().map(Matcher::fromMap).toList(), groupBy,
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
        matchers = new ArrayList<>(d.matchers().stream().map(Matcher::toMap).toList());
        groupBy = new ArrayList<>(d.groupBy());
        groupWaitSeconds = (int) d.groupWait().getSeconds();
        groupIntervalSeconds = (int) d.groupInterval().getSeconds();
        repeatIntervalSeconds = (int) d.repeatInterval().getSeconds();
        if (createdAt == null) {
            createdAt = now;
        }
        updatedAt = now;
    }
}
