package dev.vigil.ingest.receive;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A fixed number of slots for decoding requests, handed out in arrival order. A request that finds
 * every slot taken waits without holding a thread — its body is already counted against the admission
 * budget — and gives up after the wait it was granted, so the queue drains instead of growing.
 */
final class DecodeSlots {
    private final int max;
    /** Guarded by {@code this}, as is {@link #used}. */
    private final ArrayDeque<CompletableFuture<Slot>> waiting = new ArrayDeque<>();
    private int used;

    DecodeSlots(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("at least one decode slot, was " + max);
        }
        this.max = max;
    }

    /**
     * Completes with a slot once one is free, or fails with a {@link java.util.concurrent.TimeoutException}
     * when none was within {@code wait}. A slot must be released exactly once; releasing again is harmless.
     */
    CompletableFuture<Slot> acquire(Duration wait) {
        CompletableFuture<Slot> next = new CompletableFuture<>();
        synchronized (this) {
            if (used < max) {
                used++;
                next.complete(new Slot());
                return next;
            }
            waiting.add(next);
        }
        // A waiter that timed out can no longer be completed, so release() passes its slot on.
        return next.orTimeout(Math.max(1, wait.toMillis()), TimeUnit.MILLISECONDS);
    }

    int used() {
        synchronized (this) {
            return used;
        }
    }

    int max() {
        return max;
    }

    private void handOver() {
        while (true) {
            CompletableFuture<Slot> next;
            synchronized (this) {
                next = waiting.poll();
                if (next == null) {
                    used--;
                    return;
                }
            }
            if (next.complete(new Slot())) {
                return;
            }
        }
    }

    /** One decode's right to run; {@link #release} gives it to the next waiter. */
    final class Slot {
        private final AtomicBoolean released = new AtomicBoolean();

        void release() {
            if (released.compareAndSet(false, true)) {
                handOver();
            }
        }
    }
}
