package io.pandu.context;

import io.pandu.facts.Days;
import io.pandu.facts.Rep;
import java.time.LocalDate;

/**
 * A rep as the rules see it: the CRM record plus pipeline, win-rate and activity figures measured
 * from as-of, and the figures of the rep's team to compare against. Ratios are 0 when their base is
 * 0 (no closed deals, no quota), never NaN, so no rule divides by zero.
 */
public final class RepContext {
    private final Rep rep;
    private final LocalDate asOf;
    private final TeamStats team;
    private final int daysSinceHire;
    private final int daysSinceLastActivity;
    private final int activitiesLast7Days;
    private final int openDeals;
    private final double openPipeline;
    private final int wonDeals;
    private final double wonAmount;
    private final int closedLast180;
    private final int wonLast180;
    private final double wonAmountLast180;
    private final double wonAmountThisYear;
    private final int dealsPastFirstStage;

    public RepContext(
            Rep rep,
            LocalDate asOf,
            TeamStats team,
            int daysSinceLastActivity,
            int activitiesLast7Days,
            int openDeals,
            double openPipeline,
            int wonDeals,
            double wonAmount,
            int closedLast180,
            int wonLast180,
            double wonAmountLast180,
            double wonAmountThisYear,
            int dealsPastFirstStage) {
        this.rep = rep;
        this.asOf = asOf;
        this.team = team;
        this.daysSinceHire =
                rep.hireDate() == null ? DealContext.NEVER : Days.between(rep.hireDate(), asOf);
        this.daysSinceLastActivity = daysSinceLastActivity;
        this.activitiesLast7Days = activitiesLast7Days;
        this.openDeals = openDeals;
        this.openPipeline = openPipeline;
        this.wonDeals = wonDeals;
        this.wonAmount = wonAmount;
        this.closedLast180 = closedLast180;
        this.wonLast180 = wonLast180;
        this.wonAmountLast180 = wonAmountLast180;
        this.wonAmountThisYear = wonAmountThisYear;
        this.dealsPastFirstStage = dealsPastFirstStage;
    }

    public Rep getRep() {
        return rep;
    }

    public String getRepId() {
        return rep.id();
    }

    public String getName() {
        return rep.name();
    }

    public String getManagerId() {
        return rep.managerId();
    }

    public boolean hasManager() {
        return rep.hasManager();
    }

    public LocalDate getAsOf() {
        return asOf;
    }

    public TeamStats getTeam() {
        return team;
    }

    public int getDaysSinceHire() {
        return daysSinceHire;
    }

    /** Days since the rep's last logged activity ({@link DealContext#NEVER} if none). */
    public int getDaysSinceLastActivity() {
        return daysSinceLastActivity;
    }

    public int getActivitiesLast7Days() {
        return activitiesLast7Days;
    }

    public int getOpenDeals() {
        return openDeals;
    }

    public double getOpenPipeline() {
        return openPipeline;
    }

    public int getWonDeals() {
        return wonDeals;
    }

    public double getWonAmount() {
        return wonAmount;
    }

    public double getAverageWonAmount() {
        return wonDeals == 0 ? 0 : wonAmount / wonDeals;
    }

    public int getClosedLast180() {
        return closedLast180;
    }

    public int getWonLast180() {
        return wonLast180;
    }

    public double getWonAmountLast180() {
        return wonAmountLast180;
    }

    public double getWinRate180() {
        return closedLast180 == 0 ? 0 : (double) wonLast180 / closedLast180;
    }

    public double getWonAmountThisYear() {
        return wonAmountThisYear;
    }

    public double getQuota() {
        return rep.quota() == null ? 0 : rep.quota().doubleValue();
    }

    public boolean hasQuota() {
        return getQuota() > 0;
    }

    /** Quota still to close this calendar year, never negative. */
    public double getRemainingQuota() {
        return Math.max(0, getQuota() - wonAmountThisYear);
    }

    public double getAttainment() {
        return hasQuota() ? wonAmountThisYear / getQuota() : 0;
    }

    /** Open pipeline over remaining quota; 0 when nothing remains to close. */
    public double getPipelineCoverage() {
        return getRemainingQuota() == 0 ? 0 : openPipeline / getRemainingQuota();
    }

    public int getDealsPastFirstStage() {
        return dealsPastFirstStage;
    }

    public boolean isCertifiedFor(String product) {
        return rep.certifiedFor(product);
    }

    @Override
    public String toString() {
        return "Rep " + rep.id();
    }
}
