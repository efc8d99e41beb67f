package dev.vigil.promql.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.promql.clickhouse.PrometheusNames.Kind;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class PrometheusNamesTest {

    @ParameterizedTest(name = "{0} [{1}] {2} -> {3}")
    @CsvSource(delimiter = '|', textBlock = """
            http.server.request.duration | s         | HISTOGRAM | http_server_request_duration_seconds
            shop.payments                | {payment} | COUNTER   | shop_payments_total
            system.cpu.utilization       | 1         | GAUGE     | system_cpu_utilization_ratio
            process.memory.usage         | By        | GAUGE     | process_memory_usage_bytes
            http_requests_total          | ''        | COUNTER   | http_requests_total
            requests.total.count         | ''        | COUNTER   | requests_count_total
            network.io                   | By/s      | GAUGE     | network_io_bytes_per_second
            latency_seconds              | s         | GAUGE     | latency_seconds
            2xx.responses                | ''        | GAUGE     | _2xx_responses
            job:rate5m                   | ''        | GAUGE     | job:rate5m
            """)
    void namesMetricsWithUnitAndCounterSuffixes(String name, String unit, Kind kind, String expected) {
        assertThat(PrometheusNames.metricName(name, unit, kind)).isEqualTo(expected);
    }

    @Test
    void makesAttributeKeysLabelNames() {
        assertThat(PrometheusNames.labelName("http.route")).isEqualTo("http_route");
        assertThat(PrometheusNames.labelName("k8s.pod.name")).isEqualTo("k8s_pod_name");
        assertThat(PrometheusNames.labelName("3d")).isEqualTo("key_3d");
        assertThat(PrometheusNames.labelName("_private")).isEqualTo("key_private");
        assertThat(PrometheusNames.labelName("__reserved")).isEqualTo("__reserved");
    }

    @Test
    void takesJobAndInstanceFromTheResource() {
        Map<String, String> resource = Map.of("service.name", "checkout", "service.namespace", "shop", "service.instance.id", "pod-1");
        assertThat(PrometheusNames.job(resource)).isEqualTo("shop/checkout");
        assertThat(PrometheusNames.instance(resource)).isEqualTo("pod-1");
        assertThat(PrometheusNames.job(Map.of("service.name", "checkout"))).isEqualTo("checkout");
    }
}
