package io.pandu.decisions;

import io.pandu.facts.Deal;
import io.pandu.facts.FactSet;
import io.pandu.guidance.Guidance;
import io.pandu.guidance.Recommendation;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records every recommendation an evaluation of the stored pipeline computed — shown or held out
 * ({@link Holdout}) — as a {@link Decision}, and answers whether an item is held out. Both places
 * that evaluate the stored pipeline hand their guidance here: evaluation runs and the
 * next-best-actions computed on request. Writes are batched upserts on a thread of their own, so
 * neither a run nor a rep's request waits for them; an item computed again on the same as-of date,
 * shown or held out as before, within {@link #REWRITE_AFTER} of its last write is not written again
 * (its last computed time is that much late at most: runs come hourly, reps ask all day). A write
 * that fails is logged and dropped: the records are measurement, and the rep's list must not fail
 * for them.
 */
public final class DecisionLog implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DecisionLog.class);

    /** Rows per transaction. */
    static final int BATCH = 2_000;

    /** How long an unchanged item computed on request is not written again. */
    public static final Duration REWRITE_AFTER = Duration.ofMinutes(5);

    private static final int REMEMBERED = 200_000;

    private final DecisionRepository repository;
    private final Holdout holdout;
    private final Clock clock;
    private final ExecutorService writer =
            Executors.newSingleThreadExecutor(
                    r -> {
                        Thread t = new Thread(r, "pandu-decision-records");
                        t.setDaemon(true);
                        return t;
                    });
    private final Map<String, Written> written = new ConcurrentHashMap<>();

    private record Written(LocalDate asOf, boolean heldOut, Instant at, String fallbackFrom) {}

    private volatile UnaryOperator<String> fallbackFrom = version -> null;

    public DecisionLog(DecisionRepository repository, Holdout holdout, Clock clock) {
        this.repository = repository;
        this.holdout = holdout;
        this.clock = clock;
    }

    /**
     * Which version a version stands in for, when it serves because that one fell back at run time
     * (null: it was put live); decisions record it.
     */
    public void fallbacksFrom(UnaryOperator<String> standsInFor) {
        this.fallbackFrom = standsInFor;
    }

    public Holdout holdout() {
        return holdout;
    }

    /** Whether this item is held out from the rep (computed and recorded, not shown). */
    public boolean heldOut(String dealId, String repId, String code) {
        return holdout.heldOut(dealId, repId, code);
    }

    /** A run's guidance of one team ({@code facts}). */
    public void recordRun(Guidance guidance, FactSet facts) {
        submit(decisions(guidance, facts, true));
    }

    /** Guidance computed on request (a rep's list, a deal's actions, feedback). */
    public void recordRequest(Guidance guidance, FactSet facts) {
        submit(decisions(guidance, facts, true));
    }

    private List<Decision> decisions(Guidance guidance, FactSet facts, boolean skipRecent) {
        Map<String, String> playbooks = new HashMap<>();
        for (Deal d : facts.deals()) {
            playbooks.put(d.id(), d.playbook());
        }
        Instant now = clock.instant();
        LocalDate asOf = guidance.asOf();
        String standsInFor = fallbackFrom.apply(guidance.ruleSetVersion());
        Map<String, Decision> distinct = new LinkedHashMap<>();
        for (Recommendation r : guidance.recommendations()) {
            if (r.repId() == null || r.code() == null) {
                continue; // advice for nobody is shown to nobody
            }
            boolean out = heldOut(r.dealId(), r.repId(), r.code());
            String key =
                    Holdout.subjectKey(r.dealId(), r.repId())
                            + "|"
                            + r.code()
                            + "|"
                            + guidance.ruleSetVersion();
            Written before = written.get(key);
            if (skipRecent
                    && before != null
                    && before.asOf().equals(asOf)
                    && before.heldOut() == out
                    && Objects.equals(before.fallbackFrom(), standsInFor)
                    && before.at().plus(REWRITE_AFTER).isAfter(now)) {
                continue;
            }
            distinct.putIfAbsent(
                    key,
                    new Decision(
                            r.dealId(),
                            r.repId(),
                            r.code(),
                            r.rule() == null ? null : r.rule().name(),
                            guidance.ruleSetVersion(),
                            r.dealId() == null ? null : playbooks.get(r.dealId()),
                            out,
                            asOf,
                            asOf,
                            now,
                            now,
                            standsInFor));
            if (written.size() > REMEMBERED) {
                written.clear();
            }
            written.put(key, new Written(asOf, out, now, standsInFor));
        }
        return new ArrayList<>(distinct.values());
    }

    private void submit(List<Decision> decisions) {
        if (decisions.isEmpty() || writer.isShutdown()) {
            return;
        }
        writer.submit(() -> write(decisions));
    }

    private void write(List<Decision> decisions) {
        long start = System.nanoTime();
        try {
            for (int from = 0; from < decisions.size(); from += BATCH) {
                repository.upsert(
                        decisions.subList(from, Math.min(decisions.size(), from + BATCH)));
            }
            if (decisions.size() >= BATCH) { // a run's team: what recording costs, for ops
                LOG.info(
                        "{} decision records written in {} ms",
                        decisions.size(),
                        (System.nanoTime() - start) / 1_000_000);
            }
        } catch (RuntimeException e) {
            decisions.forEach(
                    d ->
                            written.remove(
                                    d.subjectKey() + "|" + d.code() + "|" + d.ruleSetVersion()));
            LOG.warn("{} decision records not written: {}", decisions.size(), e.toString());
        }
    }

    /** Waits until everything recorded so far is written (reports read after it; tests). */
    public void flush() {
        if (writer.isShutdown()) {
            return;
        }
        try {
            writer.submit(() -> {}).get(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("decision records not flushed: {}", e.toString());
        } catch (java.util.concurrent.RejectedExecutionException closing) {
            // closed meanwhile: close() wrote what was pending
        }
    }

    /** Writes what is pending (up to 30 s), then stops; before the store closes. */
    @Override
    public void close() {
        writer.shutdown();
        try {
            writer.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
