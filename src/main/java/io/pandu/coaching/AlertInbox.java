package io.pandu.coaching;

import io.pandu.guidance.Severity;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A manager's inbox: the alerts surfaced on top ({@code top}, most severe and valuable first), the
 * day's budget of new ones and how many of it are used, and the other open alerts in groups.
 */
public record AlertInbox(
        LocalDate day,
        int budgetPerDay,
        int surfacedToday,
        int open,
        List<Alert> top,
        List<Group> groups) {

    public AlertInbox {
        top = List.copyOf(top);
        groups = List.copyOf(groups);
    }

    /**
     * Open alerts of one code and value band, not surfaced: e.g. "120 stalled deals under $1,000 in
     * 3 reps".
     */
    public record Group(
            String key,
            String code,
            String label,
            int count,
            int reps,
            Severity highestSeverity,
            BigDecimal valueAtStake) {

        static Group of(AlertGroup group, List<Alert> alerts) {
            Set<String> reps = new HashSet<>();
            BigDecimal value = BigDecimal.ZERO;
            for (Alert a : alerts) {
                reps.add(String.valueOf(a.repId()));
                value = value.add(a.valueAtStake());
            }
            Severity highest =
                    alerts.stream()
                            .map(Alert::severity)
                            .max(Comparator.naturalOrder())
                            .orElse(Severity.LOW);
            return new Group(
                    group.key(),
                    group.code(),
                    group.label(alerts.size(), reps.size()),
                    alerts.size(),
                    reps.size(),
                    highest,
                    value);
        }
    }

    /** What a bulk acknowledge of a group did. */
    public record BulkResult(String key, int acknowledged) {}

    /** The alert as it is once surfaced on {@code day}. */
    static Alert surfaced(Alert a, LocalDate day) {
        return new Alert(
                a.id(),
                a.code(),
                a.dedupKey(),
                a.status(),
                a.holds(),
                a.severity(),
                a.priority(),
                a.title(),
                a.reason(),
                a.repId(),
                a.managerId(),
                a.dealId(),
                a.accountId(),
                a.rule(),
                a.facts(),
                a.raisedAt(),
                a.raisedRunId(),
                a.lastSeenAt(),
                a.lastSeenRunId(),
                a.acknowledgedAt(),
                a.acknowledgedBy(),
                a.resolvedAt(),
                a.resolvedBy(),
                a.resolution(),
                a.valueAtStake(),
                a.resolvedAsOf(),
                day);
    }
}
