package io.pandu.scenario;

import io.pandu.guidance.Guidance;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Any of the four kinds of guidance, flattened so an expectation can match it by code and subject.
 */
public record GuidanceItem(
        String kind,
        String code,
        String dealId,
        String repId,
        String accountId,
        String territoryId,
        String severity,
        String reason) {

    public static List<GuidanceItem> all(Guidance g) {
        List<GuidanceItem> items = new ArrayList<>();
        g.recommendations()
                .forEach(
                        r ->
                                items.add(
                                        new GuidanceItem(
                                                "recommendation",
                                                r.code(),
                                                r.dealId(),
                                                r.repId(),
                                                r.accountId(),
                                                null,
                                                null,
                                                r.reason())));
        g.coachingAlerts()
                .forEach(
                        a ->
                                items.add(
                                        new GuidanceItem(
                                                "alert",
                                                a.code(),
                                                a.dealId(),
                                                a.repId(),
                                                a.accountId(),
                                                null,
                                                a.severity().json(),
                                                a.reason())));
        g.incentiveInsights()
                .forEach(
                        i ->
                                items.add(
                                        new GuidanceItem(
                                                "insight",
                                                i.code(),
                                                i.dealId(),
                                                i.repId(),
                                                null,
                                                null,
                                                null,
                                                i.reason())));
        g.territoryFindings()
                .forEach(
                        f ->
                                items.add(
                                        new GuidanceItem(
                                                "finding",
                                                f.code(),
                                                f.dealId(),
                                                f.repId(),
                                                f.accountId(),
                                                f.territoryId(),
                                                null,
                                                f.reason())));
        return items;
    }

    boolean matches(Scenario.Expected e) {
        return Objects.equals(code, e.code())
                && (e.kind() == null || e.kind().equals(kind))
                && (e.dealId() == null || e.dealId().equals(dealId))
                && (e.repId() == null || e.repId().equals(repId))
                && (e.accountId() == null || e.accountId().equals(accountId))
                && (e.territoryId() == null || e.territoryId().equals(territoryId))
                && (e.severity() == null || e.severity().equalsIgnoreCase(severity))
                && (e.reasonContains() == null
                        || (reason != null && reason.contains(e.reasonContains())));
    }

    /** What the rules produced for a code, for a failure message a rule author can act on. */
    static String describe(List<GuidanceItem> items, String code) {
        List<GuidanceItem> same = items.stream().filter(i -> i.code().equals(code)).toList();
        if (same.isEmpty()) {
            return "no "
                    + code
                    + " at all (produced: "
                    + items.stream().map(GuidanceItem::code).distinct().sorted().toList()
                    + ")";
        }
        return same.size()
                + " × "
                + code
                + ": "
                + same.stream().limit(5).map(GuidanceItem::toString).toList();
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(kind).append(' ').append(code);
        if (dealId != null) sb.append(" dealId=").append(dealId);
        if (repId != null) sb.append(" repId=").append(repId);
        if (accountId != null) sb.append(" accountId=").append(accountId);
        if (territoryId != null) sb.append(" territoryId=").append(territoryId);
        if (severity != null) sb.append(" severity=").append(severity);
        sb.append(" reason=\"").append(reason).append('"');
        return sb.toString();
    }
}
