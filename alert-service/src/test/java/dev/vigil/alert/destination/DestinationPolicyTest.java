package dev.vigil.alert.destination;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DestinationPolicyTest {

    private static final DestinationPolicy NOTHING_ALLOWED = DestinationPolicy.allowing(List.of());

    /** The hole (SSRF): channel URLs could point at loopback, cloud metadata, ClickHouse's port, anything inside. */
    @Test
    void refusesEveryKindOfInternalAddressInEveryForm() {
        assertThat(NOTHING_ALLOWED.refusal("http://169.254.169.254/latest/meta-data/iam/")).hasValueSatisfying(reason ->
                assertThat(reason).isEqualTo("reaches a link-local address 169.254.169.254, which"
                        + " vigil.alert.destinations.allow does not allow"));
        assertThat(NOTHING_ALLOWED.refusal("http://127.0.0.1:8123/?query=SELECT%201")).get().asString()
                .startsWith("reaches a loopback address 127.0.0.1");
        assertThat(NOTHING_ALLOWED.refusal("http://localhost:8123/")).get().asString().startsWith("reaches a loopback address");
        assertThat(NOTHING_ALLOWED.refusal("http://[::1]:8082/api/v1/channels")).get().asString()
                .startsWith("reaches a loopback address");
        assertThat(NOTHING_ALLOWED.refusal("http://[::ffff:169.254.169.254]/")).get().asString()
                .startsWith("reaches a link-local address 169.254.169.254");
        assertThat(NOTHING_ALLOWED.refusal("http://[::127.0.0.1]/")).get().asString().startsWith("reaches a loopback");
        assertThat(NOTHING_ALLOWED.refusal("http://[64:ff9b::a9fe:a9fe]/")).get().asString().startsWith("reaches a link-local");
        assertThat(NOTHING_ALLOWED.refusal("http://[fe80::1]/")).get().asString().startsWith("reaches a link-local");
        assertThat(NOTHING_ALLOWED.refusal("http://[fd12:3456::1]/")).get().asString().startsWith("reaches a private");
        assertThat(NOTHING_ALLOWED.refusal("http://[::]/")).get().asString().startsWith("reaches an unspecified");
        assertThat(NOTHING_ALLOWED.refusal("http://2130706433/")).get().asString().startsWith("reaches a loopback");
        assertThat(NOTHING_ALLOWED.refusal("https://10.1.2.3/")).get().asString().startsWith("reaches a private");
        assertThat(NOTHING_ALLOWED.refusal("https://172.16.0.9/")).get().asString().startsWith("reaches a private");
        assertThat(NOTHING_ALLOWED.refusal("https://192.168.1.1/")).get().asString().startsWith("reaches a private");
        assertThat(NOTHING_ALLOWED.refusal("https://100.64.0.1/")).get().asString().startsWith("reaches a private");
        assertThat(NOTHING_ALLOWED.refusal("http://0.0.0.0:8082/")).get().asString().startsWith("reaches an unspecified");
        assertThat(NOTHING_ALLOWED.refusal("http://224.0.0.1/")).get().asString().startsWith("reaches a multicast");
        assertThat(NOTHING_ALLOWED.refusal("http://255.255.255.255/")).get().asString().startsWith("reaches a reserved");
    }

    @Test
    void refusesWhatIsNotHttp() {
        assertThat(NOTHING_ALLOWED.refusal("ftp://example.com/x")).hasValue("must be an http(s) URL");
        assertThat(NOTHING_ALLOWED.refusal("file:///etc/passwd")).hasValue("must be an http(s) URL");
        assertThat(NOTHING_ALLOWED.refusal("gopher://127.0.0.1:6379/_")).hasValue("must be an http(s) URL");
        assertThat(NOTHING_ALLOWED.refusal("http://exa mple.com/")).hasValue("is not a URL");
    }

    @Test
    void letsPublicAddressesAndUnresolvableNamesThrough() {
        assertThat(NOTHING_ALLOWED.refusal("https://93.184.215.14/services/T1/B1/x")).isEmpty();
        assertThat(NOTHING_ALLOWED.refusal("https://[2606:2800:21f:cb07:6820:80da:af6b:8b2c]/")).isEmpty();
        // Nothing can be sent to it now; delivery checks again should it resolve later.
        assertThat(NOTHING_ALLOWED.refusal("https://hooks.slack.invalid/services/T1")).isEmpty();
    }

    @Test
    void allowsWhatTheSettingAllowsAndNothingBeside() {
        DestinationPolicy policy = DestinationPolicy.allowing(List.of("127.0.0.1", "10.20.0.0/16", " fd00::/8 ",
                "Alertmanager.Internal"));

        assertThat(policy.refusal("http://127.0.0.1:9093/api/v2/alerts")).isEmpty();
        assertThat(policy.refusal("http://127.0.0.2:9093/")).isPresent();
        assertThat(policy.refusal("http://10.20.3.4/hook")).isEmpty();
        assertThat(policy.refusal("http://10.21.3.4/hook")).isPresent();
        assertThat(policy.refusal("http://[fd00::5]/hook")).isEmpty();
        assertThat(policy.refusal("http://[::1]/hook")).isPresent();
        assertThat(policy.refusal("http://alertmanager.internal:9093/")).isEmpty();
        assertThat(policy.refusal("http://169.254.169.254/")).isPresent();
    }

    @Test
    void aMalformedEntryStopsTheStartNamingTheSetting() {
        assertThatThrownBy(() -> DestinationPolicy.allowing(List.of("10.0.0.0/33")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("vigil.alert.destinations.allow");
        assertThatThrownBy(() -> DestinationPolicy.allowing(List.of("http://10.0.0.1/")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("vigil.alert.destinations.allow");
    }
}
