package dev.vigil.demo.shop;

import io.opentelemetry.sdk.common.Clock;

/** The simulation's time: metric collection and log observation times follow the plan, not the wall clock. */
final class SimulatedClock implements Clock {

    private volatile long nowNanos;

    SimulatedClock(long startNanos) {
        this.nowNanos = startNanos;
    }

    void set(long epochNanos) {
        nowNanos = epochNanos;
    }

    @Override
    public long now() {
        return nowNanos;
    }

    @Override
    public long nanoTime() {
        return nowNanos;
    }
}
