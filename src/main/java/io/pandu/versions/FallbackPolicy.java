package io.pandu.versions;

import io.pandu.errors.InvalidInputException;
import io.pandu.rules.RuntimeHealth;
import java.util.Map;

/**
 * When a live version counts as failing at run time: more than {@code failureShare} of its latest
 * evaluations failed, over at least {@code minEvaluations} of them. Checks before going live catch
 * what the scenarios and the pipeline sample show; this catches what only later data shows (a deal
 * edited into a shape no check saw), so the rules that served before take over by themselves.
 */
public record FallbackPolicy(double failureShare, int minEvaluations) {
    public static final FallbackPolicy DEFAULT = new FallbackPolicy(0.5, 10);

    public FallbackPolicy {
        if (!(failureShare > 0 && failureShare <= 1)) {
            throw new InvalidInputException(
                    "PANDU_FALLBACK_FAILURE_SHARE",
                    "must be a share above 0 and at most 1, not " + failureShare);
        }
        if (minEvaluations < 1 || minEvaluations > RuntimeHealth.WINDOW) {
            throw new InvalidInputException(
                    "PANDU_FALLBACK_MIN_EVALUATIONS",
                    "must be between 1 and " + RuntimeHealth.WINDOW + ", not " + minEvaluations);
        }
    }

    /** Whether these counts say the version fails too often to keep serving. */
    public boolean failing(RuntimeHealth.Counts counts) {
        return counts.recent() >= minEvaluations && counts.recentFailureShare() > failureShare;
    }

    /**
     * {@code PANDU_FALLBACK_FAILURE_SHARE} (0.5, or 50%) and {@code PANDU_FALLBACK_MIN_EVALUATIONS}
     * (10).
     */
    public static FallbackPolicy fromEnv(Map<String, String> env) {
        String share = env.get("PANDU_FALLBACK_FAILURE_SHARE");
        String min = env.get("PANDU_FALLBACK_MIN_EVALUATIONS");
        return new FallbackPolicy(
                share == null || share.isBlank()
                        ? DEFAULT.failureShare()
                        : number("PANDU_FALLBACK_FAILURE_SHARE", share, true),
                min == null || min.isBlank()
                        ? DEFAULT.minEvaluations()
                        : (int) number("PANDU_FALLBACK_MIN_EVALUATIONS", min, false));
    }

    private static double number(String name, String value, boolean share) {
        String v = value.trim();
        try {
            if (share && v.endsWith("%")) {
                return Double.parseDouble(v.substring(0, v.length() - 1).trim()) / 100;
            }
            return share ? Double.parseDouble(v) : Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new InvalidInputException(
                    name,
                    "not "
                            + (share ? "a share (e.g. 0.5 or 50%)" : "a whole number")
                            + ": \""
                            + value
                            + "\"");
        }
    }
}
