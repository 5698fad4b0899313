package io.pandu.app;

import io.pandu.api.HttpSettings;
import io.pandu.auth.LoginThrottle;
import io.pandu.errors.InvalidInputException;
import io.pandu.evaluate.Evaluator;
import java.time.Duration;
import java.util.Map;

/**
 * The protective limits an operator may tune, each with its environment variable (and a {@code
 * serve} option of the same name in lower case): how long one evaluation may run before its session
 * is halted, how long a sign-in's token works, and how many failed sign-ins the throttle allows per
 * user name and per address within its window. A value out of range stops the start with an error
 * naming the setting.
 *
 * @param evaluationTimeLimit {@code PANDU_EVALUATION_TIME_LIMIT}, default 30 s (100 ms to 1 h)
 * @param tokenLifetime {@code PANDU_TOKEN_LIFETIME}, default 12 h (1 min to 30 days)
 * @param loginFailuresPerUser {@code PANDU_LOGIN_FAILURES_PER_USER}, default 5 (1 to 10,000)
 * @param loginFailuresPerAddress {@code PANDU_LOGIN_FAILURES_PER_ADDRESS}, default 20 (1 to 10,000)
 * @param loginWindow {@code PANDU_LOGIN_WINDOW}, default 15 min (1 s to 1 day)
 */
public record Limits(
        Duration evaluationTimeLimit,
        Duration tokenLifetime,
        int loginFailuresPerUser,
        int loginFailuresPerAddress,
        Duration loginWindow) {

    public static final Limits DEFAULTS =
            new Limits(
                    Evaluator.DEFAULT_TIME_LIMIT,
                    HttpSettings.TOKEN_LIFETIME,
                    LoginThrottle.FAILURES_PER_USER,
                    LoginThrottle.FAILURES_PER_ADDRESS,
                    LoginThrottle.WINDOW);

    public static final String EVALUATION_TIME_LIMIT = "PANDU_EVALUATION_TIME_LIMIT";
    public static final String TOKEN_LIFETIME = "PANDU_TOKEN_LIFETIME";
    public static final String LOGIN_FAILURES_PER_USER = "PANDU_LOGIN_FAILURES_PER_USER";
    public static final String LOGIN_FAILURES_PER_ADDRESS = "PANDU_LOGIN_FAILURES_PER_ADDRESS";
    public static final String LOGIN_WINDOW = "PANDU_LOGIN_WINDOW";

    private static final int MAX_FAILURES = 10_000;

    public Limits {
        within(
                EVALUATION_TIME_LIMIT,
                evaluationTimeLimit,
                Duration.ofMillis(100),
                Duration.ofHours(1));
        within(TOKEN_LIFETIME, tokenLifetime, Duration.ofMinutes(1), Duration.ofDays(30));
        within(LOGIN_FAILURES_PER_USER, loginFailuresPerUser);
        within(LOGIN_FAILURES_PER_ADDRESS, loginFailuresPerAddress);
        within(LOGIN_WINDOW, loginWindow, Duration.ofSeconds(1), Duration.ofDays(1));
    }

    /** The limits the environment sets, the defaults for those it does not. */
    public static Limits fromEnv(Map<String, String> env) {
        return DEFAULTS.with(env::get, name -> name);
    }

    /**
     * These limits with the ones {@code values} gives (by environment variable name) instead;
     * {@code field} names a setting in an error (the variable, or the option it came from).
     */
    public Limits with(
            java.util.function.Function<String, String> values,
            java.util.function.UnaryOperator<String> field) {
        return new Limits(
                duration(
                        field.apply(EVALUATION_TIME_LIMIT),
                        values.apply(EVALUATION_TIME_LIMIT),
                        evaluationTimeLimit),
                duration(field.apply(TOKEN_LIFETIME), values.apply(TOKEN_LIFETIME), tokenLifetime),
                count(
                        field.apply(LOGIN_FAILURES_PER_USER),
                        values.apply(LOGIN_FAILURES_PER_USER),
                        loginFailuresPerUser),
                count(
                        field.apply(LOGIN_FAILURES_PER_ADDRESS),
                        values.apply(LOGIN_FAILURES_PER_ADDRESS),
                        loginFailuresPerAddress),
                duration(field.apply(LOGIN_WINDOW), values.apply(LOGIN_WINDOW), loginWindow));
    }

    /** A period as 30s, 15m, 12h, 1d or ISO-8601 (PT0.5S); {@code otherwise} when unset. */
    static Duration duration(String field, String value, Duration otherwise) {
        if (value == null || value.isBlank()) {
            return otherwise;
        }
        String v = value.trim();
        Duration d;
        if (v.matches("(?i)\\d{1,9}\\s*ms")) {
            d = Duration.ofMillis(Long.parseLong(v.replaceAll("(?i)\\s*ms", "")));
        } else {
            try {
                d = PanduConfig.runEvery(field, v);
            } catch (InvalidInputException e) {
                d = null;
                if (v.toUpperCase(java.util.Locale.ROOT).startsWith("PT")) {
                    try {
                        d = Duration.parse(v.toUpperCase(java.util.Locale.ROOT));
                    } catch (java.time.format.DateTimeParseException notIso) {
                        d = null;
                    }
                }
            }
        }
        if (d == null || d.isNegative() || d.isZero()) {
            throw new InvalidInputException(
                    field, "not a period: \"" + value + "\" (e.g. 500ms, 30s, 15m, 12h, 1d)");
        }
        return d;
    }

    static int count(String field, String value, int otherwise) {
        if (value == null || value.isBlank()) {
            return otherwise;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new InvalidInputException(
                    field, "not a whole number: \"" + value + "\" (e.g. " + otherwise + ")");
        }
    }

    private static void within(String field, Duration d, Duration min, Duration max) {
        if (d == null || d.compareTo(min) < 0 || d.compareTo(max) > 0) {
            throw new InvalidInputException(
                    field,
                    "must be between "
                            + describe(min)
                            + " and "
                            + describe(max)
                            + ", not "
                            + (d == null ? "none" : describe(d)));
        }
    }

    private static void within(String field, int n) {
        if (n < 1 || n > MAX_FAILURES) {
            throw new InvalidInputException(
                    field, "must be between 1 and " + MAX_FAILURES + ", not " + n);
        }
    }

    private static String describe(Duration d) {
        return d.toString().substring(2).toLowerCase(java.util.Locale.ROOT);
    }
}
