package io.pandu.coaching;

import io.pandu.errors.InvalidInputException;
import java.math.BigDecimal;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A bundle of alerts of one code whose value at stake lies in one band, e.g. {@code
 * DEAL_STALLED_IN_STAGE.lt1k}: "120 stalled deals under $1,000 in 3 reps". The inbox shows what is
 * not surfaced on top as such groups, each acknowledged with one click; the alert list filters by
 * the key.
 */
public record AlertGroup(String code, Band band) {
    private static final Pattern KEY =
            Pattern.compile("([A-Z][A-Z0-9_]{0,199})\\.(lt1k|1k-10k|ge10k)");

    /** Value-at-stake bands: [from, to), to null for no upper bound. */
    public enum Band {
        UNDER_1K("lt1k", BigDecimal.ZERO, BigDecimal.valueOf(1_000), "under $1,000"),
        FROM_1K_TO_10K(
                "1k-10k",
                BigDecimal.valueOf(1_000),
                BigDecimal.valueOf(10_000),
                "of $1,000 to $10,000"),
        FROM_10K("ge10k", BigDecimal.valueOf(10_000), null, "of $10,000 or more");

        private final String key;
        private final BigDecimal from;
        private final BigDecimal to;
        private final String label;

        Band(String key, BigDecimal from, BigDecimal to, String label) {
            this.key = key;
            this.from = from;
            this.to = to;
            this.label = label;
        }

        public BigDecimal from() {
            return from;
        }

        /** Exclusive; null: no upper bound. */
        public BigDecimal to() {
            return to;
        }

        static Band of(BigDecimal value) {
            if (value.compareTo(UNDER_1K.to) < 0) {
                return UNDER_1K;
            }
            return value.compareTo(FROM_1K_TO_10K.to) < 0 ? FROM_1K_TO_10K : FROM_10K;
        }
    }

    /** What a group of each code is called, singular and plural; other codes get a generic name. */
    private static final Map<String, String[]> NOUNS =
            Map.of(
                    "DEAL_STALLED_IN_STAGE", new String[] {"stalled deal", "stalled deals"},
                    "REP_INACTIVE", new String[] {"inactive rep", "inactive reps"},
                    "DISCOUNT_NEEDS_APPROVAL",
                            new String[] {"discount to approve", "discounts to approve"},
                    "LOW_WIN_RATE", new String[] {"low win rate", "low win rates"},
                    "LOW_PIPELINE_COVERAGE", new String[] {"thin pipeline", "thin pipelines"},
                    "RAMP_BEHIND", new String[] {"ramp behind plan", "ramps behind plan"},
                    "SALES_TRAINING", new String[] {"sales-training need", "sales-training needs"},
                    "CLOSE_DATE_SLIPPING",
                            new String[] {"slipping close date", "slipping close dates"});

    public static AlertGroup of(Alert alert) {
        return new AlertGroup(alert.code(), Band.of(alert.valueAtStake()));
    }

    /** The group a key names; a key that is not one is a 400 on {@code field}. */
    public static AlertGroup parse(String key, String field) {
        Matcher m = KEY.matcher(key == null ? "" : key);
        if (!m.matches()) {
            throw new InvalidInputException(
                    field,
                    "not an alert group: \""
                            + key
                            + "\" (expected CODE.lt1k, CODE.1k-10k or CODE.ge10k, e.g."
                            + " DEAL_STALLED_IN_STAGE.lt1k)");
        }
        for (Band b : Band.values()) {
            if (b.key.equals(m.group(2))) {
                return new AlertGroup(m.group(1), b);
            }
        }
        throw new IllegalStateException("unreachable: " + key);
    }

    public String key() {
        return code + "." + band.key;
    }

    /** E.g. "120 stalled deals under $1,000 in 3 reps". */
    public String label(int count, int reps) {
        String[] noun = NOUNS.getOrDefault(code, new String[] {code + " alert", code + " alerts"});
        return count
                + " "
                + noun[count == 1 ? 0 : 1]
                + " "
                + band.label
                + " in "
                + reps
                + (reps == 1 ? " rep" : " reps");
    }
}
