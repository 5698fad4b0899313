package io.pandu.coaching;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * One step in an alert's history: raised, severity-changed, acknowledged, resolved, auto-resolved.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AlertEvent(
        long id, long alertId, Instant at, String event, String actor, String note) {}
