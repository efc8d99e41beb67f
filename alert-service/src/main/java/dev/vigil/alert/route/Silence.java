package dev.vigil.alert.route;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Arrays;

/** A silence: between its start and end, alerts its matchers match are not notified. */
@Entity
@Table(name = "silence")
public class Silence {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    Long id;

    /** Alertmanager's matcher syntax, one per element; see {@link Matcher#toString()}. */
    @Column(nullable = false)
    String[] matchers;

    @Column(name = "starts_at", nullable = false)
    Instant startsAt;

    @Column(name = "ends_at", nullable = false)
    Instant endsAt;

    @Column(name = "created_by", nullable = false)
    String createdBy;

    @Column(nullable = false)
    String comment;

    @Column(name = "created_at", nullable = false, updatable = false)
    Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    Instant updatedAt;

    protected Silence() {
    }

    public Long id() {
        return id;
    }

    public SilenceDefinition definition() {
        return new SilenceDefinition(Arrays.stream(matchers).map(Matcher::parse).toList(), startsAt, endsAt, createdBy,
                comment);
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    void apply(SilenceDefinition d, Instant now) {
        matchers = d.matchers().stream().map(Matcher::toString).toArray(String[]::new);
        startsAt = d.startsAt();
        endsAt = d.endsAt();
        createdBy = d.createdBy();
        comment = d.comment();
        if (createdAt == null) {
            createdAt = now;
        }
        updatedAt = now;
    }
}
