package dev.vigil.ingest.receive;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/**
 * The budget of request bytes the receiver holds at once, on both transports: a request is admitted
 * before its body is read when its bytes fit, and refused (HTTP 429, gRPC {@code RESOURCE_EXHAUSTED},
 * both with a retry delay) when they do not. Its {@link Ticket} is released when the request is done,
 * whatever its outcome, so the budget bounds memory however many clients send at once.
 */
@Singleton
final class RequestAdmission {
    private final InFlightBytes bytes;
    private final ReceiveMeters meters;

    @Inject
    RequestAdmission(ReceiveConfig config, ReceiveMeters meters) {
        this(config.admission().maxBytes(), meters);
    }

    RequestAdmission(long maxBytes, ReceiveMeters meters) {
        this.bytes = new InFlightBytes(maxBytes);
        this.meters = meters;
        meters.admissionBytes(bytes);
    }

    /** A ticket holding {@code initial} bytes, or null when they do not fit now (counted as refused). */
    Ticket admit(String transport, long initial) {
        if (!bytes.tryAcquire(initial)) {
            meters.admissionRefused(transport, ReceiveMeters.Refusal.BYTES);
            return null;
        }
        meters.admitted(transport);
        return new Ticket(transport, initial);
    }

    OverloadedException overloaded() {
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
