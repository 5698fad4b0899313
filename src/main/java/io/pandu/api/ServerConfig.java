package io.pandu.api;

import io.pandu.errors.InvalidInputException;
import io.pandu.store.DbConfig;

import java.nio.file.Path;
import java.util.Map;

/**
 * Everything the service needs to start, read once: from the environment ({@code PANDU_PORT},
 * {@code PANDU_HOST}, {@code PANDU_DB_URL}, {@code PANDU_RULES}, {@code PANDU_PLAYBOOKS},
 * {@code PANDU_WEB}, {@code PANDU_JWT_SECRET}), with command-line options taking precedence.
 *
 * @param demo           import the Maven CRM demo data and demo users before serving
 * @param demoData       where the demo CSVs are; null means the copy bundled in the jar
 * @param jwtSecret      HS256 secret; null means one generated at start (tokens die with the process)
 * @param instances      server verticle instances (event loops serving HTTP)
 * @param watchMillis    how often rules/ and playbooks/ are checked for edits
 */
public record ServerConfig(String host, int port, DbConfig db, Path rules, Path playbooks, Path web,
                           String jwtSecret, boolean demo, Path demoData, long bodyLimit, int instances,
                           long watchMillis) {

    public static final int DEFAULT_PORT = 8080;
    public static final long BODY_LIMIT = 1024 * 1024;

    public ServerConfig {
        if (port < 0 || port > 65535) {
            throw new InvalidInputException("port", "must be between 0 and 65535, not " + port);
        }
        instances = Math.max(1, instances);
    }

    public static ServerConfig fromEnv(Map<String, String> env) {
        return new ServerConfig(env.getOrDefault("PANDU_HOST", "0.0.0.0"), port(env.get("PANDU_PORT")),
                DbConfig.fromEnv(env), Path.of(env.getOrDefault("PANDU_RULES", "rules")),
                Path.of(env.getOrDefault("PANDU_PLAYBOOKS", "playbooks")), Path.of(env.getOrDefault("PANDU_WEB", "web")),
                blankToNull(env.get("PANDU_JWT_SECRET")), false, null, BODY_LIMIT,
                Runtime.getRuntime().availableProcessors(), 1000);
    }

    public ServerConfig withPort(int newPort) {
        return new ServerConfig(host, newPort, db, rules, playbooks, web, jwtSecret, demo, demoData, bodyLimit,
                instances, watchMillis);
    }

    public ServerConfig withDemo(boolean on, Path data) {
        return new ServerConfig(host, port, db, rules, playbooks, web, jwtSecret, on, data, bodyLimit, instances,
                watchMillis);
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

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
