package io.pandu.store;

import java.time.Instant;

/**
 * A record as stored: its value, its version (1 when created, +1 on every change) and when it last
 * changed.
 */
public record Stored<T>(T value, int version, Instant updatedAt) {}
