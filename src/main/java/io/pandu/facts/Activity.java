package io.pandu.facts;

import java.time.LocalDate;

/** Something a rep did on a deal, on a day. */
public record Activity(String id, String dealId, String repId, ActivityType type, LocalDate date) {
    public Activity {
        FieldChecks.maxLength(id, FieldChecks.ID, "id");
        FieldChecks.maxLength(dealId, FieldChecks.ID, "dealId");
        FieldChecks.maxLength(repId, FieldChecks.ID, "repId");
        FieldChecks.date(date, "date");
    }
}
