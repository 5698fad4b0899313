package io.pandu.coaching;

import io.pandu.guidance.Severity;

/** Filters of the alert list; a null field filters nothing. */
public record AlertFilter(
        String managerId,
        String repId,
        AlertStatus status,
        Severity severity,
        String code,
        AlertGroup group) {
    public static final AlertFilter NONE = new AlertFilter(null, null, null, null, null, null);

    public AlertFilter(
            String managerId, String repId, AlertStatus status, Severity severity, String code) {
        this(managerId, repId, status, severity, code, null);
    }
}
