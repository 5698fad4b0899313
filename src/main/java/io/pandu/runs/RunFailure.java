package io.pandu.runs;

import java.time.Instant;

/**
 * Why the last finished evaluation run failed: its id, the error it recorded, and when it ended.
 */
public record RunFailure(long runId, String message, Instant at) {}
