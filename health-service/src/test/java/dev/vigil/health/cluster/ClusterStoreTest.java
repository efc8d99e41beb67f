package dev.vigil.health.cluster;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ClusterStoreTest {

    @Test
    void writesAnArrayParameterInClickHouseTextFormWithQuotesEscaped() {
        assertThat(ClusterStore.arrayParameter(List.of("k8s.pod.cpu.usage", "it's", "back\\slash")))
                .isEqualTo("['k8s.pod.cpu.usage','it\\'s','back\\\\slash']");
        assertThat(ClusterStore.arrayParameter(List.of())).isEqualTo("[]");
    }
}
