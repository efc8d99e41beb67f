package dev.vigil.alert.route;

/** A channel update that changes where the secret would go without sending the secret again. */
public final class SecretRequiredException extends RuntimeException {
    private final ChannelType type;

    public SecretRequiredException(ChannelType type) {
        super("the secret must be sent again when the channel's type or destination changes");
        this.type = type;
    }

    public ChannelType type() {
        return type;
    }
}
