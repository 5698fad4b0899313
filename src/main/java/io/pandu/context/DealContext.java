package io.pandu.context;

import io.pandu.facts.Account;
import io.pandu.facts.Activity;
import io.pandu.facts.ActivityType;
import io.pandu.facts.Days;
import io.pandu.facts.Deal;
import io.pandu.facts.Qualification;
import io.pandu.facts.Rep;
import io.pandu.playbook.Playbook;
import io.pandu.playbook.Stage;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * A deal as the rules see it: the CRM record joined with its playbook stage, owner, account and a
 * summary of its activities, all measured from the evaluation's as-of date. Activities are
 * summarised here rather than inserted one by one, which keeps a million-activity pipeline cheap to
 * evaluate.
 */
public final class DealContext {
    /**
     * Days-since value used when something never happened, so "more than N days" comparisons hold.
     */
    public static final int NEVER = 100_000;

    private static final ActivityType[] TYPES = ActivityType.values();

    private final Deal deal;
    private final Playbook playbook;
    private final Stage stage;
    private final int stageIndex;
    private final LocalDate asOf;
    private final Rep owner;
    private final Account account;
    private final int daysInStage;
    private final int daysSinceLastActivity;
    private final int activitiesSinceStageEntered;

    /** Per activity type (by ordinal): how many, and the date of the latest (null when none). */
    private final int[] activityCounts;

    private final LocalDate[] latestByType;

    public DealContext(
            Deal deal,
            Playbook playbook,
            Stage stage,
            LocalDate asOf,
            Rep owner,
            Account account,
            List<Activity> activities) {
        this.deal = deal;
        this.playbook = playbook;
        this.stage = stage;
        this.stageIndex = playbook.indexOf(stage);
        this.asOf = asOf;
        this.owner = owner;
        this.account = account;
        LocalDate stageStart =
                deal.stageEnteredDate() != null ? deal.stageEnteredDate() : deal.createdDate();
        this.daysInStage = stageStart == null ? 0 : Math.max(0, Days.between(stageStart, asOf));
        int[] counts = new int[TYPES.length];
        LocalDate[] latestByType = new LocalDate[TYPES.length];
        LocalDate last = null;
        int sinceStage = 0;
        for (Activity a : activities) {
            if (a.date() == null || a.date().isAfter(asOf)) {
                continue; // a replay as of a past date must not see the future
            }
            int type = a.type().ordinal();
            counts[type]++;
            if (latestByType[type] == null || a.date().isAfter(latestByType[type])) {
                latestByType[type] = a.date();
            }
            if (last == null || a.date().isAfter(last)) {
                last = a.date();
            }
            if (stageStart == null || !a.date().isBefore(stageStart)) {
                sinceStage++;
            }
        }
        this.activityCounts = counts;
        this.latestByType = latestByType;
        LocalDate reference =
                last != null
                        ? last
                        : (deal.createdDate() != null ? deal.createdDate() : stageStart);
        this.daysSinceLastActivity =
                reference == null ? NEVER : Math.max(0, Days.between(reference, asOf));
        this.activitiesSinceStageEntered = sinceStage;
    }

    public Deal getDeal() {
        return deal;
    }

    public Playbook getPlaybook() {
        return playbook;
    }

    public Stage getStage() {
        return stage;
    }

    public LocalDate getAsOf() {
        return asOf;
    }

    public Rep getOwner() {
        return owner;
    }

    public Account getAccount() {
        return account;
    }

    public String getDealId() {
        return deal.id();
    }

    public String getOwnerId() {
        return deal.ownerId();
    }

    public String getAccountId() {
        return deal.accountId();
    }

    public String getProduct() {
        return deal.product();
    }

    public BigDecimal getAmount() {
        return deal.amount();
    }

    public double getAmountValue() {
        return deal.amount().doubleValue();
    }

    public double getDiscountPercent() {
        return deal.discountPercent().doubleValue();
    }

    public Qualification getQualification() {
        return deal.qualification();
    }

    public String getStageId() {
        return stage.id();
    }

    public String getStageName() {
        return stage.name();
    }

    /** 0 for the playbook's first stage. */
    public int getStageIndex() {
        return stageIndex;
    }

    public boolean isOpen() {
        return stage.isOpen();
    }

    public boolean isWon() {
        return stage.outcome() == Stage.Outcome.WON;
    }

    public boolean isLost() {
        return stage.outcome() == Stage.Outcome.LOST;
    }

    public int getDaysInStage() {
        return daysInStage;
    }

    /** Days since the last activity; without any activity, days since the deal was created. */
    public int getDaysSinceLastActivity() {
        return daysSinceLastActivity;
    }

    public int getActivitiesSinceStageEntered() {
        return activitiesSinceStageEntered;
    }

    public int getActivityCount() {
        int sum = 0;
        for (int count : activityCounts) {
            sum += count;
        }
        return sum;
    }

    public Integer getMaxDaysInStage() {
        return stage.maxDays();
    }

    public boolean hasCompetitor() {
        return deal.hasCompetitor();
    }

    public int activities(ActivityType type) {
        return activityCounts[type.ordinal()];
    }

    /** Days since the last activity of a type ({@link #NEVER} when there was none). */
    public int daysSinceLast(ActivityType type) {
        LocalDate latest = latestByType[type.ordinal()];
        return latest == null ? NEVER : Days.between(latest, asOf);
    }

    /** Days between as-of and the expected close date; negative when the date has passed. */
    public int getDaysToExpectedClose() {
        return deal.expectedCloseDate() == null
                ? NEVER
                : Days.between(asOf, deal.expectedCloseDate());
    }

    public double param(String name) {
        return playbook.param(name);
    }

    /** Exit criteria of the current stage that do not hold yet, in playbook order. */
    public List<String> getMissingExitCriteria() {
        List<String> missing = new ArrayList<>();
        for (String criterion : stage.exitCriteria()) {
            if (!criterionMet(criterion)) {
                missing.add(criterion);
            }
        }
        return missing;
    }

    public boolean criterionMet(String criterion) {
        if (criterion.startsWith("activity:")) {
            return activities(ActivityType.fromJson(criterion.substring("activity:".length()))) > 0;
        }
        return deal.qualification().has(criterion);
    }

    /**
     * Days since the deal closed ({@link #NEVER} while open or without a close date; negative if in
     * the future).
     */
    public int getDaysSinceClose() {
        return deal.closeDate() == null || isOpen() ? NEVER : Days.between(deal.closeDate(), asOf);
    }

    /** Closed (won or lost) within the last {@code days} days before as-of. */
    public boolean closedWithin(double days) {
        int since = getDaysSinceClose();
        return since >= 0 && since < days;
    }

    /** For a lost deal, the open stage it was lost in; null when open, won or not recorded. */
    public Stage getLostAtStage() {
        if (!isLost() || deal.lostAtStage() == null) {
            return null;
        }
        return playbook.stage(deal.lostAtStage()).filter(Stage::isOpen).orElse(null);
    }

    /**
     * Whether this closed deal got as far as an open stage of its playbook: a won deal went through
     * every stage; a lost one reached the stages up to the one it was lost in. False for open deals
     * and for lost deals whose stage of loss is unknown (so stage win rates leave them out).
     */
    public boolean reached(Stage s) {
        int index = playbook.indexOf(s);
        if (index < 0 || !s.isOpen()) {
            return false;
        }
        if (isWon()) {
            return true;
        }
        Stage lostAt = getLostAtStage();
        return lostAt != null && index <= playbook.indexOf(lostAt);
    }

    /** Whether this deal was lost in the given stage. */
    public boolean lostIn(Stage s) {
        return s.equals(getLostAtStage());
    }

    /** Missing exit criteria as text for a reason, e.g. "economicBuyer, activity:demo". */
    public String getMissingExitCriteriaText() {
        return String.join(", ", getMissingExitCriteria());
    }

    @Override
    public String toString() {
        return "Deal " + deal.id();
    }
}
