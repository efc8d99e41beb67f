package dev.vigil.ingest.receive;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * The receiver with a request budget of two maximum-size bodies (the test profile's 1 MiB each), a wait
 * for room of 1 s, and a body time-out of 15 s (long enough for the refusals to be seen on a busy machine before the held bodies are cut off), so that a test can fill the budget with two raw connections and trickle a body.
 */
public final class AdmissionProfile implements QuarkusTestProfile {
    static final int MAX_REQUEST_BYTES = 1024 * 1024;

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("vigil.ingest.receive.admission.max-bytes", Integer.toString(2 * MAX_REQUEST_BYTES),
                "vigil.ingest.receive.admission.body-timeout", "15s",
                "vigil.ingest.receive.admission.wait", "1s",
                "vigil.ingest.receive.retry-after", "1s");
    }
}
