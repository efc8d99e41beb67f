package dev.vigil.ingest.pipeline;

import dev.vigil.ingest.forward.OtlpEndpointStub;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

/**
 * The service with a pipelines file: traces of the shop namespace stored with a redacted attribute,
 * error spans forwarded only, logs forwarded only with a dropped attribute, metrics opted out. The
 * external output is a local stub started before the service, under a name new to this run so its
 * consumer group starts fresh.
 */
public final class PipelinesFileProfile implements QuarkusTestProfile {
    static final String OUTPUT = "partner-" + UUID.randomUUID().toString().substring(0, 8);
    static final OtlpEndpointStub PARTNER;
    static final Path FILE;

    static {
        try {
            PARTNER = OtlpEndpointStub.start();
            FILE = Files.createTempFile("pipelines", ".yaml");
            Files.writeString(FILE, """
                    outputs:
                      %s:
                        endpoint: %s
                        headers:
                          x-tenant: acme
                        timeout: 5s
                    pipelines:
                      traces:
                        - name: shop
                          include:
                            namespaces: [shop]
                          attributes:
                            redact: [enduser.id]
                        - name: errors-out
                          include:
                            attributes:
                              - key: error.type
                                exists: true
                          outputs:
                            store: false
                            forward: [%s]
                      logs:
                        - name: logs-out
                          attributes:
                            drop: [password]
                          outputs:
                            store: false
                            forward: [%s]
                    """.formatted(OUTPUT, PARTNER.endpoint(), OUTPUT, OUTPUT));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("vigil.ingest.pipelines.file", FILE.toString(),
                "vigil.ingest.forward.initial-backoff", "100ms",
                "vigil.ingest.forward.max-backoff", "1s");
    }
}
