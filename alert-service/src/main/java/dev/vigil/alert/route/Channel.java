package dev.vigil.alert.route;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** A notification channel. Its secret has no getter for the API: only the notifiers read it, through the database. */
@Entity
@Table(name = "channel")
public class Channel {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    Long id;

    @Column(nullable = false)
    String name;

    @Column(nullable = false)
    String type;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    Map<String, Object> settings;

    @Column(nullable = false)
    String secret;

    @Column(name = "created_at", nullable = false, updatable = false)
    Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    Instant updatedAt;

    protected Channel() {
    }

    public Long id() {
        return id;
    }

    public String name() {
        return name;
    }

    public ChannelType type() {
        return ChannelType.byId(type).orElseThrow();
    }

    public Map<String, Object> settings() {
        return Map.copyOf(settings);
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    void apply(ChannelDefinition d, Instant now) {
        name = d.name();
        type = d.type().id();
        settings = new LinkedHashMap<>(d.settings());
        // An update without a secret keeps the stored one: clients cannot read it back to resend it.
        if (d.secret() != null) {
            secret = d.secret();
        }
        if (createdAt == null) {
            createdAt = now;
        }
        updatedAt = now;
    }
}
