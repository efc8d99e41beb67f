package dev.vigil.alert.route;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/** Reads and changes notification channels; each change is one transaction. */
@ApplicationScoped
public class ChannelService {

    private final Repositories.Channels channels;

    ChannelService(Repositories.Channels channels) {
        this.channels = channels;
    }

    @WithSession
    public Uni<List<Channel>> list() {
        return channels.listAll(Sort.by("name"));
    }

    /** The channel, or a {@code null} item. */
    @WithSession
    public Uni<Channel> find(long id) {
        return channels.findById(id);
    }

    /** Fails with {@link IllegalArgumentException} when a new channel has no secret. */
    @WithTransaction
    public Uni<Channel> create(ChannelDefinition definition) {
        if (definition.secret() == null) {
            throw new IllegalArgumentException("a new channel needs its secret");
        }
        Channel channel = new Channel();
        channel.apply(definition, now());
        return channels.persistAndFlush(channel).onFailure().transform(ChannelService::conflict);
    }

    /** The updated channel, or a {@code null} item when there is none. */
    @WithTransaction
    public Uni<Channel> update(long id, ChannelDefinition definition) {
        return channels.findById(id).onItem().ifNotNull().transformToUni(channel -> {
            channel.apply(definition, now());
            return channels.flush().replaceWith(channel);
        }).onFailure().transform(ChannelService::conflict);
    }

    @WithTransaction
    public Uni<Boolean> delete(long id) {
        return channels.deleteById(id).call(deleted -> channels.flush()).onFailure().transform(ChannelService::conflict);
    }

    private static Throwable conflict(Throwable failure) {
        return Constraints.violated(failure).<Throwable>map(constraint -> switch (constraint) {
            case "channel_name_key" -> new ConflictException("name", "a channel with this name already exists");
            case "route_channel_fkey" -> new ConflictException("id", "routes still send to this channel");
            default -> failure;
        }).orElse(failure);
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
