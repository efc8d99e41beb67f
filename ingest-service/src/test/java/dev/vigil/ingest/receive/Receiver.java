package dev.vigil.ingest.receive;

import dev.vigil.devstack.testing.TestCredentials;
import io.grpc.Metadata;
import io.grpc.stub.MetadataUtils;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import java.net.URI;
import org.eclipse.microprofile.config.ConfigProvider;

/** Where the receiver under test listens: its HTTP port and the gRPC server's actual (random) port. */
final class Receiver {
    private Receiver() {
    }

    static URI http(String path) {
        int port = ConfigProvider.getConfig().getValue("quarkus.http.test-port", Integer.class);
        return URI.create("http://127.0.0.1:" + port + path);
    }

    /** Quarkus publishes the port it bound for {@code test-port=0} under the test-port key. */
    static int grpcPort() {
        int port = ConfigProvider.getConfig().getValue("quarkus.grpc.server.test-port", Integer.class);
        if (port == 0) {
            throw new IllegalStateException("the gRPC server's port is not known");
        }
        return port;
    }

    static String grpcEndpoint() {
        return "http://127.0.0.1:" + grpcPort();
    }

    /** A channel whose calls carry the tests' ingest token. */
    static ManagedChannel grpcChannel() {
        return ManagedChannelBuilder.forAddress("127.0.0.1", grpcPort()).usePlaintext()
                .intercept(MetadataUtils.newAttachHeadersInterceptor(ingestToken())).build();
    }

    /** A channel whose calls carry no ingest token. */
    static ManagedChannel grpcChannelWithoutToken() {
        return ManagedChannelBuilder.forAddress("127.0.0.1", grpcPort()).usePlaintext().build();
    }

    static Metadata ingestToken() {
        Metadata metadata = new Metadata();
        metadata.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER),
                TestCredentials.ingestAuthorization());
        return metadata;
    }
}
