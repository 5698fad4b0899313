package io.pandu.app;

import io.pandu.api.HttpSettings;
import io.pandu.decisions.Holdout;
import io.pandu.errors.InvalidInputException;
import io.pandu.store.DbConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Everything the service needs to start, read once: from the environment ({@code PANDU_PORT},
 * {@code PANDU_HOST}, {@code PANDU_DB_URL}, {@code PANDU_RULES}, {@code PANDU_PLAYBOOKS}, {@code
 * PANDU_WEB}, {@code PANDU_JWT_SECRET}, {@code PANDU_IMPORT_LIMIT}, {@code PANDU_RUN_EVERY}, {@code
 * PANDU_HOLDOUT_SHARE}), with command-line options taking precedence.
 *
 * @param demo import the Maven CRM demo data and demo users before serving
 * @param demoData where the demo CSVs are; null means the copy bundled in the jar
 * @param jwtSecret HS256 secret; null means the key kept in the store (created on the first start)
 * @param bodyLimit largest request body in bytes (a JSON call is read into memory)
 * @param importLimit largest body of a CSV upload ({@code POST /api/v1/import/maven-crm}) in bytes;
 *     its files are streamed to disk, and CRM exports are larger than any JSON call
 * @param instances server verticle instances (event loops serving HTTP)
 * @param watchMillis how often rules/ and playbooks/ are checked for edits
 * @param runEvery how often the whole stored pipeline is re-evaluated (alerts refreshed); null:
 *     never
 * @param holdoutShare the share of (deal, code) pairs whose guidance is computed and recorded but
 *     not shown, to measure rule effectiveness against ({@code PANDU_HOLDOUT_SHARE}, default 0.1; 0
 *     turns the holdout off)
 * @param limits the evaluation time limit, the token lifetime and the sign-in throttle ({@link
 *     Limits}: PANDU_EVALUATION_TIME_LIMIT, PANDU_TOKEN_LIFETIME, PANDU_LOGIN_FAILURES_PER_USER,
 *     PANDU_LOGIN_FAILURES_PER_ADDRESS, PANDU_LOGIN_WINDOW)
 * @param asOf the store's as-of date as configured ({@code PANDU_AS_OF}, {@code serve --as-of});
 *     null: the latest import's
 */
public record PanduConfig(
        String host,
        int port,
        DbConfig db,
        Path rules,
        Path playbooks,
        Path web,
        String jwtSecret,
        boolean demo,
        Path demoData,
        long bodyLimit,
        long importLimit,
        int instances,
        long watchMillis,
        Duration runEvery,
        double holdoutShare,
        Limits limits,
        LocalDate asOf) {

    public static final int DEFAULT_PORT = 8080;
    public static final long BODY_LIMIT = HttpSettings.BODY_LIMIT;
    public static final long IMPORT_LIMIT = 64L * 1024 * 1024;

    /**
     * Alerts go stale as days pass even when no data changes ("no activity for 15 days"), so runs
     * are on by default.
     */
    public static final Duration DEFAULT_RUN_EVERY = Duration.ofHours(1);

    private static final Pattern BYTES =
            Pattern.compile("(\\d{1,15})\\s*(?:([KMG])B?)?", Pattern.CASE_INSENSITIVE);
    private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+)\\s*([smhd])");

    public PanduConfig {
        if (port < 0 || port > 65535) {
            throw new InvalidInputException("port", "must be between 0 and 65535, not " + port);
        }
        if (importLimit <= 0) {
            throw new InvalidInputException(
                    "importLimit", "must be a positive number of bytes, not " + importLimit);
        }
        instances = Math.max(1, instances);
        if (runEvery != null && runEvery.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new InvalidInputException(
                    "runEvery", "must be at least 1 second, not " + runEvery);
        }
        new Holdout(holdoutShare); // checks the range
        limits = limits == null ? Limits.DEFAULTS : limits;
    }

    /** The configuration with the default {@link Limits} and no configured as-of date. */
    public PanduConfig(
            String host,
            int port,
            DbConfig db,
            Path rules,
            Path playbooks,
            Path web,
            String jwtSecret,
            boolean demo,
            Path demoData,
            long bodyLimit,
            long importLimit,
            int instances,
            long watchMillis,
            Duration runEvery,
            double holdoutShare) {
        this(
                host,
                port,
                db,
                rules,
                playbooks,
                web,
                jwtSecret,
                demo,
                demoData,
                bodyLimit,
                importLimit,
                instances,
                watchMillis,
                runEvery,
                holdoutShare,
                Limits.DEFAULTS,
                null);
    }

    public PanduConfig withLimits(Limits newLimits) {
        return new PanduConfig(
                host,
                port,
                db,
                rules,
                playbooks,
                web,
                jwtSecret,
                demo,
                demoData,
                bodyLimit,
                importLimit,
                instances,
                watchMillis,
                runEvery,
                holdoutShare,
                newLimits,
                asOf);
    }

    public static PanduConfig fromEnv(Map<String, String> env) {
        return new PanduConfig(
                env.getOrDefault("PANDU_HOST", "0.0.0.0"),
                port(env.get("PANDU_PORT")),
                DbConfig.fromEnv(env),
                Path.of(env.getOrDefault("PANDU_RULES", "rules")),
                Path.of(env.getOrDefault("PANDU_PLAYBOOKS", "playbooks")),
                Path.of(env.getOrDefault("PANDU_WEB", "web")),
                blankToNull(env.get("PANDU_JWT_SECRET")),
                false,
                null,
                BODY_LIMIT,
                bytes("PANDU_IMPORT_LIMIT", env.get("PANDU_IMPORT_LIMIT"), IMPORT_LIMIT),
                Runtime.getRuntime().availableProcessors(),
                1000,
                runEvery(
                        "PANDU_RUN_EVERY",
                        env.getOrDefault("PANDU_RUN_EVERY", DEFAULT_RUN_EVERY.toString())),
                holdoutShare(env),
                Limits.fromEnv(env),
                asOfDate("PANDU_AS_OF", env.get("PANDU_AS_OF")));
    }

    /** {@code PANDU_AS_OF} or {@code --as-of} ({@code field}): an ISO date, or nothing. */
    public static LocalDate asOfDate(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            LocalDate date = LocalDate.parse(value.trim());
            io.pandu.facts.FieldChecks.date(date, field);
            return date;
        } catch (java.time.format.DateTimeParseException e) {
            throw new InvalidInputException(
                    field, "must be a date as YYYY-MM-DD, not \"" + value + "\"");
        }
    }

    /** The store's as-of date pinned by configuration (null: the latest import's). */
    public PanduConfig withAsOf(LocalDate date) {
        return new PanduConfig(
                host,
                port,
                db,
                rules,
                playbooks,
                web,
                jwtSecret,
                demo,
                demoData,
                bodyLimit,
                importLimit,
                instances,
                watchMillis,
                runEvery,
                holdoutShare,
                limits,
                date);
    }

    /**
     * {@code PANDU_HOLDOUT_SHARE} (a share such as 0.1, or a percentage such as 10%), default 0.1.
     */
    public static double holdoutShare(Map<String, String> env) {
        String value = env.get("PANDU_HOLDOUT_SHARE");
        if (value == null || value.isBlank()) {
            return Holdout.DEFAULT_SHARE;
        }
        String v = value.trim();
        try {
            double share =
                    v.endsWith("%")
                            ? Double.parseDouble(v.substring(0, v.length() - 1).trim()) / 100
                            : Double.parseDouble(v);
            return new Holdout(share).share();
        } catch (NumberFormatException | InvalidInputException e) {
            throw new InvalidInputException(
                    "PANDU_HOLDOUT_SHARE",
                    "not a share between 0 and "
                            + Holdout.MAX_SHARE
                            + " (e.g. 0.1 or 10%): \""
                            + value
                            + "\"");
        }
    }

    public PanduConfig withHoldoutShare(double share) {
        return new PanduConfig(
                host,
                port,
                db,
                rules,
                playbooks,
                web,
                jwtSecret,
                demo,
                demoData,
                bodyLimit,
                importLimit,
                instances,
                watchMillis,
                runEvery,
                share,
                limits,
                asOf);
    }

    /**
     * A period as {@code 30m}, {@code 6h}, {@code 1d}, {@code 45s} or ISO-8601 ({@code PT1H});
     * {@code off} (or {@code 0}) for none. {@code field} names the setting in the error.
     */
    public static Duration runEvery(String field, String value) {
        String v = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
        if (v.equals("off") || v.equals("0") || v.equals("never")) {
            return null;
        }
        Matcher shortForm = SHORT_DURATION.matcher(v);
        try {
            Duration every;
            if (shortForm.matches()) {
                long n = Long.parseLong(shortForm.group(1));
                every =
                        switch (shortForm.group(2)) {
                            case "s" -> Duration.ofSeconds(n);
                            case "m" -> Duration.ofMinutes(n);
                            case "h" -> Duration.ofHours(n);
                            default -> Duration.ofDays(n);
                        };
            } else {
                every = Duration.parse(v.toUpperCase(Locale.ROOT));
            }
            if (every.compareTo(Duration.ofSeconds(1)) < 0) {
                throw new InvalidInputException(
                        field, "must be at least 1s, not \"" + value + "\"");
            }
            return every;
        } catch (DateTimeParseException | ArithmeticException | NumberFormatException e) {
            throw new InvalidInputException(
                    field, "not a period: \"" + value + "\" (e.g. 30m, 6h, 1d, PT1H, or off)");
        }
    }

    public PanduConfig withPort(int newPort) {
        return new PanduConfig(
                host,
                newPort,
                db,
                rules,
                playbooks,
                web,
                jwtSecret,
                demo,
                demoData,
                bodyLimit,
                importLimit,
                instances,
                watchMillis,
                runEvery,
                holdoutShare,
                limits,
                asOf);
    }

    public PanduConfig withKnowledge(Path newRules, Path newPlaybooks) {
        return new PanduConfig(
                host,
                port,
                db,
                newRules,
                newPlaybooks,
                web,
                jwtSecret,
                demo,
                demoData,
                bodyLimit,
                importLimit,
                instances,
                watchMillis,
                runEvery,
                holdoutShare,
                limits,
                asOf);
    }

    public PanduConfig withDb(DbConfig newDb) {
        return new PanduConfig(
                host,
                port,
                newDb,
                rules,
                playbooks,
                web,
                jwtSecret,
                demo,
                demoData,
                bodyLimit,
                importLimit,
                instances,
                watchMillis,
                runEvery,
                holdoutShare,
                limits,
                asOf);
    }

    /** {@code every} null: no scheduled runs. */
    public PanduConfig withRunEvery(Duration every) {
        return new PanduConfig(
                host,
                port,
                db,
                rules,
                playbooks,
                web,
                jwtSecret,
                demo,
                demoData,
                bodyLimit,
                importLimit,
                instances,
                watchMillis,
                every,
                holdoutShare,
                limits,
                asOf);
    }

    public PanduConfig withDemo(boolean on, Path data) {
        return new PanduConfig(
                host,
                port,
                db,
                rules,
                playbooks,
                web,
                jwtSecret,
                on,
                data,
                bodyLimit,
                importLimit,
                instances,
                watchMillis,
                runEvery,
                holdoutShare,
                limits,
                asOf);
    }

    private static int port(String value) {
        if (value == null || value.isBlank()) {
            return DEFAULT_PORT;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new InvalidInputException("PANDU_PORT", "not a port number: \"" + value + "\"");
        }
    }

    /**
     * A size in bytes: {@code 67108864}, or with a unit, {@code 64MB}, {@code 512K}, {@code 1GB}
     * (powers of 1024).
     */
    static long bytes(String name, String value, long fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        Matcher m = BYTES.matcher(value.trim());
        long n = m.matches() ? Long.parseLong(m.group(1)) : 0;
        int shift =
                m.matches() && m.group(2) != null
                        ? 10 * ("KMG".indexOf(Character.toUpperCase(m.group(2).charAt(0))) + 1)
                        : 0;
        if (n <= 0 || n > Long.MAX_VALUE >> shift) {
            throw new InvalidInputException(
                    name, "not a size like 64MB or 67108864: \"" + value + "\"");
        }
        return n << shift;
    }

    /** What the HTTP server takes of this configuration; {@code jwtSecret} is the one in use. */
    HttpSettings http(String secret) {
        return new HttpSettings(
                host,
                port,
                web,
                secret,
                bodyLimit,
                importLimit,
                instances,
                limits.tokenLifetime(),
                demo);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
