package dev.vigil.demo.shop;

import java.util.List;

/** One simulated request to the shop: a whole trace, rooted at the span of the service that received it. */
public record ShopRequest(String traceId, PlannedSpan root) {

    public List<PlannedSpan> spans() {
        return root.flatten();
    }
}
