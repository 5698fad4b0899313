package io.pandu.evaluate;

import io.pandu.guidance.CoachingAlert;
import io.pandu.guidance.Guidance;
import io.pandu.guidance.IncentiveInsight;
import io.pandu.guidance.Recommendation;
import io.pandu.guidance.TerritoryFinding;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.BinaryOperator;
import java.util.function.Function;

/**
 * Decides what a rep actually sees: recommendations ranked by score ({@link
 * io.pandu.guidance.Scoring}), ties broken by deal value (higher first), then expected close
 * (sooner first, none last), then id (deal, code, rep, account, title, rule); one per (code, deal);
 * at most N per deal, M per rep and C of one code per rep, a few of those places kept for advice
 * about no deal. The last card of a code the per-code cap cut says how many more like it were held
 * back. Everything is put in a total order so the same facts give byte-identical output whatever
 * order the rules fired in.
 */
public final class Arbiter {
    /** The rank order: best first, ties broken as the class comment says. */
    public static final Comparator<Recommendation> BY_RANK = Arbiter::compareRank;

    private static int compareRank(Recommendation a, Recommendation b) {
        int c = Double.compare(b.score(), a.score());
        if (c != 0) {
            return c;
        }
        c = compareValue(b.dealValue(), a.dealValue());
        if (c != 0) {
            return c;
        }
        c = compareClose(a.expectedClose(), b.expectedClose());
        if (c != 0) {
            return c;
        }
        c = compareText(a.dealId(), b.dealId());
        if (c != 0) {
            return c;
        }
        c = a.code().compareTo(b.code());
        if (c != 0) {
            return c;
        }
        c = compareText(a.repId(), b.repId());
        if (c != 0) {
            return c;
        }
        c = compareText(a.accountId(), b.accountId());
        if (c != 0) {
            return c;
        }
        c = compareText(a.title(), b.title());
        return c != 0 ? c : a.rule().name().compareTo(b.rule().name());
    }

    /** Deal values, none counting as zero. */
    private static int compareValue(BigDecimal a, BigDecimal b) {
        if (a == b) {
            return 0;
        }
        return (a == null ? BigDecimal.ZERO : a).compareTo(b == null ? BigDecimal.ZERO : b);
    }

    /** Expected close dates, sooner first, none last. */
    private static int compareClose(LocalDate a, LocalDate b) {
        if (a == null || b == null) {
            return a == b ? 0 : a == null ? 1 : -1;
        }
        return a.compareTo(b);
    }

    /** Texts, none counting as empty. */
    private static int compareText(String a, String b) {
        if (a == b) {
            return 0;
        }
        return (a == null ? "" : a).compareTo(b == null ? "" : b);
    }

    /** The incentive code whose amount is what closing a deal earns the rep. */
    public static final String EARNINGS_CODE = "COMMISSION_ESTIMATE";

    private Arbiter() {}

    /**
     * The guidance of one evaluation from everything the rules raised, arbitrated and in total
     * order.
     */
    public static Guidance guidance(
            String ruleSetVersion,
            LocalDate asOf,
            List<Recommendation> recommendations,
            List<CoachingAlert> alerts,
            List<IncentiveInsight> insights,
            List<TerritoryFinding> findings,
            EvaluationSettings settings) {
        List<IncentiveInsight> ranked = insights(insights);
        return new Guidance(
                ruleSetVersion,
                asOf,
                ranked(recommendations, ranked, settings),
                alerts(alerts),
                ranked,
                findings(findings));
    }

    /**
     * What a rep sees of the raised recommendations: each with its earnings (from {@code
     * insights}), one per piece of advice, ranked and capped (the class comment). The part of
     * arbitration the benchmark measures against a plain sort by score.
     */
    public static List<Recommendation> ranked(
            List<Recommendation> raised,
            List<IncentiveInsight> insights,
            EvaluationSettings settings) {
        // earnings change no rank or cap: joined onto what is kept only
        return withEarnings(recommendations(raised, settings), insights);
    }

    /**
     * Each recommendation on a deal with what closing that deal earns its rep: the amount of the
     * incentive rules' {@value #EARNINGS_CODE} insight on the deal, so the card and the insight
     * show one figure.
     */
    static List<Recommendation> withEarnings(
            List<Recommendation> all, List<IncentiveInsight> insights) {
        Map<String, IncentiveInsight> earnings = new HashMap<>();
        for (Recommendation r : all) {
            if (r.dealId() != null) {
                earnings.put(r.dealId(), null);
            }
        }
        for (IncentiveInsight i : insights) {
            if (i.dealId() != null
                    && EARNINGS_CODE.equals(i.code())
                    && earnings.containsKey(i.dealId())
                    && earnings.get(i.dealId()) == null) {
                earnings.put(i.dealId(), i);
            }
        }
        List<Recommendation> out = new ArrayList<>(all.size());
        for (Recommendation r : all) {
            IncentiveInsight e = r.dealId() == null ? null : earnings.get(r.dealId());
            out.add(
                    e == null || !Objects.equals(e.repId(), r.repId())
                            ? r
                            : r.withEarnings(e.amount()));
        }
        return out;
    }

    static List<Recommendation> recommendations(
            List<Recommendation> all, EvaluationSettings settings) {
        List<Recommendation> unique =
                dedupe(all, Arbiter::adviceKey, (a, b) -> BY_RANK.compare(a, b) <= 0 ? a : b);
        unique.sort(BY_RANK);
        return cap(
                unique,
                Recommendation::dealId,
                Recommendation::repId,
                Recommendation::code,
                Recommendation::withMoreLikeThis,
                settings);
    }

    /**
     * Applies the caps to items already in rank order, keeping that order: at most {@code
     * maxPerDeal} per deal, {@code maxPerCode} of one code per rep and {@code maxPerRep} per rep,
     * of which the rep's best {@code repLevelKept} items about no deal are kept whatever their
     * rank. Used on recommendations here and on a rep's actions once their feedback is taken into
     * account. An item the per-code cap alone keeps out (it would otherwise have had a place) is
     * counted, and the last kept item of its rep and code is replaced by {@code withMore} with that
     * count ("3 more like this").
     */
    public static <T> List<T> cap(
            List<T> ranked,
            Function<T, String> dealOf,
            Function<T, String> repOf,
            Function<T, String> codeOf,
            BiFunction<T, Integer, T> withMore,
            EvaluationSettings settings) {
        return cap(ranked, dealOf, repOf, codeOf, withMore, settings, (item, cap) -> {});
    }

    /** Which cap kept an item out of the list ("why not" reads it from here). */
    public enum Cap {
        /** {@code maxPerDeal} items were already kept on its deal. */
        PER_DEAL,
        /** {@code maxPerRep} items were already kept for its rep: it ranked below the list. */
        PER_REP,
        /** {@code maxPerCode} items of its code were already kept for its rep. */
        PER_CODE
    }

    /** {@link #cap} that also tells {@code rejected} each item it leaves out, and by which cap. */
    public static <T> List<T> cap(
            List<T> ranked,
            Function<T, String> dealOf,
            Function<T, String> repOf,
            Function<T, String> codeOf,
            BiFunction<T, Integer, T> withMore,
            EvaluationSettings settings,
            BiConsumer<T, Cap> rejected) {
        Map<String, Integer> perDeal = new HashMap<>();
        Map<String, Integer> perRep = new HashMap<>();
        Map<Key, Integer> perRepCode = new HashMap<>();
        Map<Key, Integer> lastOfRepCode = new HashMap<>();
        Map<Key, Integer> heldBack = new LinkedHashMap<>();
        Set<T> reserved = Collections.newSetFromMap(new IdentityHashMap<>());
        for (T item : ranked) {
            if (dealOf.apply(item) != null) {
                continue;
            }
            String rep = Objects.toString(repOf.apply(item), "");
            Key repCode = new Key(rep, codeOf.apply(item), null, null, null, null);
            if (perRep.getOrDefault(rep, 0) < settings.repLevelKept()
                    && perRepCode.getOrDefault(repCode, 0) < settings.maxPerCode()) {
                reserved.add(item);
                perRep.merge(rep, 1, Integer::sum);
                perRepCode.merge(repCode, 1, Integer::sum);
            }
        }
        List<T> kept = new ArrayList<>();
        for (T item : ranked) {
            if (!reserved.isEmpty() && reserved.contains(item)) {
                lastOfRepCode.put(
                        new Key(
                                Objects.toString(repOf.apply(item), ""),
                                codeOf.apply(item),
                                null,
                                null,
                                null,
                                null),
                        kept.size());
                kept.add(item); // already counted for its rep
                continue;
            }
            String deal = dealOf.apply(item);
            String rep = Objects.toString(repOf.apply(item), "");
            if (deal != null && perDeal.getOrDefault(deal, 0) >= settings.maxPerDeal()) {
                rejected.accept(item, Cap.PER_DEAL);
                continue;
            }
            if (perRep.getOrDefault(rep, 0) >= settings.maxPerRep()) {
                rejected.accept(item, Cap.PER_REP);
                continue;
            }
            Key repCode = new Key(rep, codeOf.apply(item), null, null, null, null);
            if (perRepCode.getOrDefault(repCode, 0) >= settings.maxPerCode()) {
                heldBack.merge(repCode, 1, Integer::sum);
                rejected.accept(item, Cap.PER_CODE);
                continue;
            }
            if (deal != null) {
                perDeal.merge(deal, 1, Integer::sum);
            }
            perRep.merge(rep, 1, Integer::sum);
            perRepCode.merge(repCode, 1, Integer::sum);
            lastOfRepCode.put(repCode, kept.size());
            kept.add(item);
        }
        heldBack.forEach(
                (repCode, more) -> {
                    Integer at = lastOfRepCode.get(repCode);
                    if (at != null) {
                        kept.set(at, withMore.apply(kept.get(at), more));
                    }
                });
        return kept;
    }

    /**
     * What makes two recommendations the same advice: code, deal and rep; for advice about no deal
     * (training, cross-sell) also the account and title, so "cross-sell GTX to Acme" and
     * "cross-sell MG to Acme" are both kept.
     */
    private static Key adviceKey(Recommendation r) {
        return r.dealId() != null
                ? new Key(r.code(), r.dealId(), r.repId(), null, null, null)
                : new Key(r.code(), null, r.repId(), r.accountId(), r.title(), null);
    }

    /** What makes two items the same: up to six parts, a map key without building a string. */
    private static final class Key {
        private final String a;
        private final String b;
        private final String c;
        private final String d;
        private final String e;
        private final int hash;

        Key(String a, String b, String c, String d, String e, String none) {
            this.a = a;
            this.b = b;
            this.c = c;
            this.d = d;
            this.e = e;
            int h = Objects.hashCode(a);
            h = 31 * h + Objects.hashCode(b);
            h = 31 * h + Objects.hashCode(c);
            h = 31 * h + Objects.hashCode(d);
            this.hash = 31 * h + Objects.hashCode(e);
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k
                    && hash == k.hash
                    && Objects.equals(a, k.a)
                    && Objects.equals(b, k.b)
                    && Objects.equals(c, k.c)
                    && Objects.equals(d, k.d)
                    && Objects.equals(e, k.e);
        }
    }

    static List<CoachingAlert> alerts(List<CoachingAlert> all) {
        Comparator<CoachingAlert> order =
                Comparator.comparing(CoachingAlert::severity)
                        .reversed()
                        .thenComparing(Comparator.comparingInt(CoachingAlert::priority).reversed())
                        .thenComparing(a -> Objects.toString(a.repId(), ""))
                        .thenComparing(CoachingAlert::code)
                        .thenComparing(a -> Objects.toString(a.dealId(), ""))
                        .thenComparing(a -> a.rule().name());
        List<CoachingAlert> unique =
                dedupe(
                        all,
                        a -> new Key(a.code(), a.repId(), a.dealId(), null, null, null),
                        (a, b) -> order.compare(a, b) <= 0 ? a : b);
        unique.sort(order);
        return unique;
    }

    static List<IncentiveInsight> insights(List<IncentiveInsight> all) {
        Comparator<IncentiveInsight> order =
                (a, b) -> {
                    int c = compareText(a.repId(), b.repId());
                    if (c == 0) {
                        c = compareText(a.dealId(), b.dealId());
                    }
                    if (c == 0) {
                        c = a.code().compareTo(b.code());
                    }
                    return c != 0 ? c : a.rule().name().compareTo(b.rule().name());
                };
        List<IncentiveInsight> unique =
                dedupe(
                        all,
                        i -> new Key(i.code(), i.dealId(), i.repId(), null, null, null),
                        (a, b) -> order.compare(a, b) <= 0 ? a : b);
        unique.sort(order);
        return unique;
    }

    static List<TerritoryFinding> findings(List<TerritoryFinding> all) {
        Comparator<TerritoryFinding> order =
                Comparator.comparing(TerritoryFinding::code)
                        .thenComparing(f -> Objects.toString(f.accountId(), ""))
                        .thenComparing(f -> Objects.toString(f.repId(), ""))
                        .thenComparing(f -> Objects.toString(f.dealId(), ""))
                        .thenComparing(f -> Objects.toString(f.territoryId(), ""))
                        .thenComparing(f -> f.rule().name());
        List<TerritoryFinding> unique =
                dedupe(
                        all,
                        f ->
                                new Key(
                                        f.code(),
                                        f.accountId(),
                                        f.repId(),
                                        f.dealId(),
                                        f.territoryId(),
                                        null),
                        (a, b) -> order.compare(a, b) <= 0 ? a : b);
        unique.sort(order);
        return unique;
    }

    private static <T> List<T> dedupe(List<T> items, Function<T, Key> key, BinaryOperator<T> keep) {
        Map<Key, T> byKey = new LinkedHashMap<>(Math.max(16, items.size() * 2));
        for (T item : items) {
            byKey.merge(key.apply(item), item, keep);
        }
        return new ArrayList<>(byKey.values());
    }
}
