package dev.vigil.ingest.receive;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The bytes of records waiting for Kafka's acknowledgement, with an upper bound. A request is let in
 * when it fits under the bound, or when nothing is in flight, so one request larger than the bound
 * (several pipelines may copy it) is slow but never refused for good.
 */
final class InFlightBytes {
    private final long max;
    private final AtomicLong inFlight = new AtomicLong();

    InFlightBytes(long max) {
        this.max = max;
    }

    boolean tryAcquire(long bytes) {
        return tryAcquire(bytes, max);
    }

    /** As {@link #tryAcquire(long)}, up to {@code limit} (at most the bound) rather than the bound. */
    boolean tryAcquire(long bytes, long limit) {
        while (true) {
            long current = inFlight.get();
            if (current > 0 && current + bytes > Math.min(limit, max)) {
                return false;
            }
            if (inFlight.compareAndSet(current, current + bytes)) {
                return true;
            }
        }
    }

    void release(long bytes) {
        inFlight.addAndGet(-bytes);
    }

    long current() {
        return inFlight.get();
    }

    long max() {
        return max;
    }
}
