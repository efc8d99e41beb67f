package dev.vigil.bench.all;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ResidentMemoryTest {

    @Test
    void theSessionIsReadAfterTheCommandEvenWhenTheCommandHoldsSpacesAndParentheses() {
        String stat = "4242 (java (x) y) S 1 4242 4240 0 -1 4194560 123 0 0 0";

        assertThat(ResidentMemory.session(stat)).isEqualTo(4240);
    }

    @Test
    void theResidentSizeIsVmRssInKilobytes() {
        List<String> status = List.of("Name:\tjava", "VmPeak:\t 5000000 kB", "VmRSS:\t  527360 kB", "RssAnon:\t 1 kB");

        assertThat(ResidentMemory.residentKb(status)).contains(527_360L);
    }

    @Test
    void aKernelThreadHasNoResidentSize() {
        assertThat(ResidentMemory.residentKb(List.of("Name:\tkthreadd", "State:\tS (sleeping)"))).isEmpty();
    }
}
