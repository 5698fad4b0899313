package io.pandu.context;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.pandu.facts.Activity;
import io.pandu.facts.ActivityType;
import io.pandu.facts.Deal;
import io.pandu.playbook.Playbook;
import io.pandu.playbook.Stage;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DealContextTest {
    private static final LocalDate AS_OF = LocalDate.of(2025, 6, 30);
    private static final Stage ENGAGING =
            new Stage("engaging", "Engaging", null, 30, null, List.of("activity:demo"), null, null);
    private static final Playbook PLAYBOOK =
            new Playbook("p", "P", null, true, Map.of(), List.of(ENGAGING), null, null);

    private static DealContext deal(List<Activity> activities) {
        Deal deal =
                new Deal(
                        "D1",
                        "Deal",
                        null,
                        "R1",
                        null,
                        null,
                        "Engaging",
                        BigDecimal.TEN,
                        null,
                        AS_OF.minusDays(40),
                        AS_OF.minusDays(20),
                        null,
                        null,
                        null,
                        0,
                        null);
        return new DealContext(deal, PLAYBOOK, ENGAGING, AS_OF, null, null, activities);
    }

    private static Activity activity(ActivityType type, int daysAgo) {
        return new Activity("X" + daysAgo, "D1", "R1", type, AS_OF.minusDays(daysAgo));
    }

    @Test
    void summarisesActivitiesPerTypeIgnoringTheFuture() {
        DealContext d =
                deal(
                        List.of(
                                activity(ActivityType.CALL, 12),
                                activity(ActivityType.CALL, 3),
                                activity(ActivityType.DEMO, 25),
                                activity(ActivityType.EMAIL, -2)));
        assertEquals(2, d.activities(ActivityType.CALL));
        assertEquals(3, d.daysSinceLast(ActivityType.CALL));
        assertEquals(1, d.activities(ActivityType.DEMO));
        assertEquals(25, d.daysSinceLast(ActivityType.DEMO));
        assertEquals(0, d.activities(ActivityType.EMAIL), "an activity after as-of is not seen");
        assertEquals(DealContext.NEVER, d.daysSinceLast(ActivityType.EMAIL));
        assertEquals(3, d.getActivityCount());
        assertEquals(3, d.getDaysSinceLastActivity());
        assertEquals(
                2, d.getActivitiesSinceStageEntered(), "the demo was before the stage was entered");
        assertEquals(List.of(), d.getMissingExitCriteria());
    }

    @Test
    void withoutActivitiesDaysSinceLastActivityCountFromCreation() {
        DealContext d = deal(List.of());
        assertEquals(0, d.getActivityCount());
        assertEquals(40, d.getDaysSinceLastActivity());
        assertEquals(DealContext.NEVER, d.daysSinceLast(ActivityType.MEETING));
        assertEquals(List.of("activity:demo"), d.getMissingExitCriteria());
    }
}
