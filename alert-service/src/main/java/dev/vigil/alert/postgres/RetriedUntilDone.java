package dev.vigil.alert.postgres;

import io.quarkus.logging.Log;
import java.time.Duration;

/**
 * Work a start needs PostgreSQL for, which must not stop the start when PostgreSQL is out of reach: tried at once, so
 * it is done before the service answers whenever PostgreSQL does; otherwise tried again from a virtual thread, with a
 * pause doubling from 1 s to 1 min, until it succeeds or {@link #stop()} is called as the service stops.
 */
public final class RetriedUntilDone {
    private static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    private static final Duration LONGEST_RETRY = Duration.ofMinutes(1);

    private final String what;
    private final Runnable work;
    private volatile Thread retrying;

    private RetriedUntilDone(String what, Runnable work) {
        this.what = what;
        this.work = work;
    }

    /**
     * @param what names the work in the log ("putting the shipped dashboards in place")
     * @param work throws a {@link RuntimeException} when it could not be done
     */
    public static RetriedUntilDone start(String what, Runnable work) {
        RetriedUntilDone task = new RetriedUntilDone(what, work);
        if (!task.tryOnce(FIRST_RETRY)) {
            task.retrying = Thread.ofVirtual().name(what).start(task::retryUntilDone);
        }
        return task;
    }

    /** Stops retrying; the work that is done stays done. */
    public void stop() {
        Thread thread = retrying;
        if (thread != null) {
            thread.interrupt();
        }
    }

    private boolean tryOnce(Duration nextTry) {
        try {
            work.run();
            return true;
        } catch (RuntimeException e) {
            Log.warnf("%s: not done yet (PostgreSQL: %s); trying again in %s", what, e.getMessage(), nextTry);
            return false;
        }
    }

    private void retryUntilDone() {
        Duration pause = FIRST_RETRY;
        while (true) {
            try {
                Thread.sleep(pause);
            } catch (InterruptedException e) {
                return;
            }
            pause = pause.multipliedBy(2).compareTo(LONGEST_RETRY) > 0 ? LONGEST_RETRY : pause.multipliedBy(2);
            if (tryOnce(pause)) {
                return;
            }
        }
    }
}
