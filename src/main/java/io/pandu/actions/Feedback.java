package io.pandu.actions;

import io.pandu.errors.InvalidInputException;
import io.pandu.facts.FieldChecks;
import java.time.LocalDate;

/**
 * Feedback on an action as posted: {@code dismissed} needs a reason, {@code snoozed} an until date.
 */
public record Feedback(FeedbackKind kind, String reason, LocalDate until) {

    public Feedback {
        if (kind == null || kind == FeedbackKind.UNDONE) {
            throw new InvalidInputException(
                    "kind",
                    kind == null
                            ? "is required (done, dismissed or snoozed)"
                            : "must be done, dismissed or snoozed (undo is DELETE …/feedback)");
        }
        if (kind == FeedbackKind.DISMISSED && (reason == null || reason.isBlank())) {
            throw new InvalidInputException("reason", "say why the action is dismissed");
        }
        if (kind == FeedbackKind.SNOOZED && until == null) {
            throw new InvalidInputException(
                    "until", "a snooze needs the date it ends (YYYY-MM-DD)");
        }
        FieldChecks.maxLength(reason, 4000, "reason");
        FieldChecks.date(until, "until");
    }

    public static Feedback done() {
        return new Feedback(FeedbackKind.DONE, null, null);
    }

    public static Feedback dismissed(String reason) {
        return new Feedback(FeedbackKind.DISMISSED, reason, null);
    }

    public static Feedback snoozed(LocalDate until) {
        return new Feedback(FeedbackKind.SNOOZED, null, until);
    }
}
