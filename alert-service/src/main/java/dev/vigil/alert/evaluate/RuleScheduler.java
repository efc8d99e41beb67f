package dev.vigil.alert.evaluate;

import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Runs every rule this replica holds on its own interval, like Prometheus' rule manager: one loop asks
 * the {@link RuleSource} which rules are held, and starts each evaluation that is due on its own virtual
 * thread. An evaluation still running when the next one is due delays it rather than overlapping it.
 *
 * <p>One evaluation: load the stored states, query, compute the outcome, publish the changes, then
 * save. Publishing first means a crash in between republishes the same changes (with the same event
 * ids) rather than losing them.
 */
public final class RuleScheduler implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(RuleScheduler.class);

    private final RuleSource source;
    private final QueryFunction query;
    private final StateStore store;
    private final TransitionPublisher publisher;
    private final EvaluationListener listener;
    private final InstantSource clock;
    private final Duration tick;
    private final Duration refresh;
    private final ExecutorService evaluations = Executors.newVirtualThreadPerTaskExecutor();
    private final Set<Long> running = ConcurrentHashMap.newKeySet();
    private final Map<Long, Instant> nextDue = new HashMap<>();
    private final Map<Long, String> lastFailure = new ConcurrentHashMap<>();
    private volatile boolean stopped;
    private Thread loop;

    /**
     * @param tick    how often the loop looks for due evaluations; bounds how late one starts
     * @param refresh how often the loop asks the source for the held rules (which renews the leases)
     */
    public RuleScheduler(RuleSource source, QueryFunction query, StateStore store, TransitionPublisher publisher,
                         EvaluationListener listener, InstantSource clock, Duration tick, Duration refresh) {
        this.source = Objects.requireNonNull(source);
        this.query = Objects.requireNonNull(query);
        this.store = Objects.requireNonNull(store);
        this.publisher = Objects.requireNonNull(publisher);
        this.listener = Objects.requireNonNull(listener);
        this.clock = Objects.requireNonNull(clock);
        this.tick = tick;
        this.refresh = refresh;
    }

    public synchronized void start() {
        if (loop == null) {
            loop = Thread.ofPlatform().daemon().name("rule-scheduler").start(this::run);
        }
    }

    /** Evaluates one rule now, through the whole cycle; used by the loop, and by tests. */
    public void evaluateOnce(Rule rule) throws Exception {
        // Microseconds: what PostgreSQL keeps, so a stored time equals the one published.
        Instant now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        long started = System.nanoTime();
        Outcome outcome = RuleEvaluation.evaluate(rule, store.load(rule.id()), query.query(rule, now), now);
        if (!outcome.transitions().isEmpty()) {
            publisher.publish(outcome.transitions());
        }
        store.save(rule, outcome);
        listener.evaluated(rule, Duration.ofNanos(System.nanoTime() - started), outcome.transitions().size());
    }

    private void run() {
        List<Rule> held = List.of();
        Instant refreshAt = Instant.MIN;
        while (!stopped) {
            Instant now = clock.instant();
            if (!now.isBefore(refreshAt)) {
                try {
                    held = source.heldRules();
                } catch (Exception e) {
                    // Without the database no lease can be trusted: evaluate nothing until it answers.
                    held = List.of();
                    LOG.warnf("cannot read the rules held by this replica: %s", e.toString());
                }
                refreshAt = now.plus(refresh);
                Set<Long> ids = new java.util.HashSet<>();
                held.forEach(r -> ids.add(r.id()));
                nextDue.keySet().retainAll(ids);
            }
            for (Rule rule : held) {
                Instant due = nextDue.getOrDefault(rule.id(), Instant.MIN);
                if (!now.isBefore(due) && running.add(rule.id())) {
                    nextDue.put(rule.id(), now.plus(rule.interval()));
                    evaluations.execute(() -> runOne(rule));
                }
            }
            try {
                Thread.sleep(tick);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void runOne(Rule rule) {
        try {
            evaluateOnce(rule);
            if (lastFailure.remove(rule.id()) != null) {
                LOG.infof("rule %d (%s) evaluates again", rule.id(), rule.name());
            }
        } catch (Exception e) {
            listener.failed(rule, e);
            // Logged when the failure changes, not at every interval: a rule failing each second would flood the log.
            String message = e.toString();
            if (!message.equals(lastFailure.put(rule.id(), message))) {
                LOG.warnf("rule %d (%s) failed to evaluate: %s", rule.id(), rule.name(), message);
            }
        } finally {
            running.remove(rule.id());
        }
    }

    @Override
    public void close() {
        stopped = true;
        Thread current;
        synchronized (this) {
            current = loop;
        }
        if (current != null) {
            current.interrupt();
            try {
                current.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        evaluations.shutdown();
        try {
            evaluations.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
