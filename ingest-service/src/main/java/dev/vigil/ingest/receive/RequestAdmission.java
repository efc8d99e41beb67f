package dev.vigil.ingest.receive;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.concurrent.CompletableFuture;

/**
 * What the receiver lets in at once, on both transports, decided before a request's body is read: its
 * bytes must fit in the budget of request bytes held, and the line of requests waiting for a decode
 * slot must be shorter than the budget's worth of largest requests ({@code admission.max-bytes /
 * max-request-bytes}). A request that does not fit is refused at once (HTTP 429, gRPC
 * {@code RESOURCE_EXHAUSTED}, both with a retry delay); one that fits is decoded in arrival order and
 * never refused for load before it is decoded, so a client is not told "later" after it sent its whole
 * body. Its {@link Ticket} is released when the request is done, whatever its outcome, so the budget
 * bounds memory, and the line bounds the wait, however many clients send at once.
 */
@Singleton
final class RequestAdmission {
    private final InFlightBytes bytes;
    private final DecodeSlots decodes;
    private final int maxWaiting;
    private final ReceiveMeters meters;

    @Inject
    RequestAdmission(ReceiveConfig config, ReceiveMeters meters) {
        this(config.admission().maxBytes(), config.admission().decodes(),
                (int) Math.min(Integer.MAX_VALUE, config.admission().maxBytes() / config.maxRequestBytes()), meters);
    }

    RequestAdmission(long maxBytes, int decodes, int maxWaiting, ReceiveMeters meters) {
        this.bytes = new InFlightBytes(maxBytes);
        this.decodes = new DecodeSlots(decodes);
        this.maxWaiting = Math.max(1, maxWaiting);
        this.meters = meters;
        meters.admissionBytes(bytes);
        meters.decodes(this.decodes);
    }

    /**
     * A ticket holding {@code initial} bytes, or null (counted as refused) when the line for decode slots
     * is full or the bytes do not fit now.
     */
    Ticket admit(String transport, long initial) {
        if (decodes.waiting() >= maxWaiting) {
            meters.admissionRefused(transport, ReceiveMeters.Refusal.DECODE_LINE);
            return null;
        }
        if (!bytes.tryAcquire(initial)) {
            meters.admissionRefused(transport, ReceiveMeters.Refusal.BYTES);
            return null;
        }
        meters.admitted(transport);
        return new Ticket(transport, initial);
    }

    /** A decode slot, once the requests ahead in line have theirs; it never fails. */
    CompletableFuture<DecodeSlots.Slot> decodeSlot() {
        return decodes.acquire();
    }

    int decodeSlots() {
        return decodes.max();
    }

    /** Why {@link #admit} refused, as the client is told. */
    OverloadedException overloaded() {
        int waiting = decodes.waiting();
        if (waiting >= maxWaiting) {
            return new OverloadedException(waiting + " requests are waiting to be decoded, the most the receiver lets"
                    + " wait (vigil.ingest.receive.admission.max-bytes / max-request-bytes) is " + maxWaiting
                    + "; send it again later");
        }
        return new OverloadedException("the receiver holds " + bytes.current() + " bytes of requests, the most"
                + " vigil.ingest.receive.admission.max-bytes allows is " + bytes.max() + "; send it again later");
    }

    long current() {
        return bytes.current();
    }

    /** The bytes one request holds; they change as its body arrives, and go back to the budget once. */
    final class Ticket {
        private final String transport;
        private long held;
        private boolean released;

        private Ticket(String transport, long held) {
            this.transport = transport;
            this.held = held;
        }

        /**
         * Holds {@code total} bytes from now on, if the budget has room for the difference: a body
         * without a length grows as it arrives; a gRPC message, once in, shrinks the reservation to
         * its size. False (and counted as refused) when it cannot grow; the ticket then holds what it held.
         */
        synchronized boolean resize(long total) {
            if (released || total == held) {
                return !released;
            }
            if (total < held) {
                bytes.release(held - total);
                held = total;
                return true;
            }
            if (!bytes.tryAcquire(total - held)) {
                meters.admissionRefused(transport, ReceiveMeters.Refusal.BYTES);
                return false;
            }
            held = total;
            return true;
        }

        synchronized long held() {
            return held;
        }

        /** Gives the bytes back; only the first call does anything. */
        synchronized void release() {
            if (!released) {
                released = true;
                bytes.release(held);
                held = 0;
            }
        }
    }
}
