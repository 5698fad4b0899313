package io.pandu.pipeline;

import io.pandu.facts.Account;
import io.pandu.facts.Activity;
import io.pandu.facts.Deal;
import io.pandu.facts.Product;
import io.pandu.facts.Rep;
import io.pandu.facts.Territory;
import io.pandu.playbook.Playbook;
import io.pandu.playbook.PlaybookLibrary;
import io.pandu.playbook.Stage;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Whether a record can be stored, and if not why: the reason an import rejects a row and an upsert
 * answers 400 with. References are checked through predicates, so an import can count records of
 * the same batch as known. A deal's stage is checked against the playbooks in use, when given, so
 * that a stored deal never breaks the evaluation of its team.
 */
public final class FactChecks {
    private final Supplier<PlaybookLibrary> playbooks;

    /** {@code playbooks} may be null: stages are then not checked. */
    public FactChecks(Supplier<PlaybookLibrary> playbooks) {
        this.playbooks = playbooks;
    }

    /** A problem with one field: its name and what is wrong. */
    public record Problem(String field, String message) {
        @Override
        public String toString() {
            return field + ": " + message;
        }
    }

    public Optional<Problem> rep(Rep rep) {
        return required(rep.id(), "id").or(() -> required(rep.name(), "name"));
    }

    public Optional<Problem> account(Account account) {
        return required(account.id(), "id").or(() -> required(account.name(), "name"));
    }

    public Optional<Problem> product(Product product) {
        return required(product.name(), "name");
    }

    public Optional<Problem> territory(Territory territory) {
        return required(territory.id(), "id");
    }

    public Optional<Problem> deal(
            Deal deal, Predicate<String> knownRep, Predicate<String> knownAccount) {
        return required(deal.id(), "id")
                .or(() -> required(deal.ownerId(), "ownerId"))
                .or(() -> required(deal.stage(), "stage"))
                .or(
                        () ->
                                knownRep.test(deal.ownerId())
                                        ? Optional.empty()
                                        : Optional.of(
                                                new Problem(
                                                        "ownerId",
                                                        "unknown rep \"" + deal.ownerId() + "\"")))
                .or(
                        () ->
                                deal.accountId() == null || knownAccount.test(deal.accountId())
                                        ? Optional.empty()
                                        : Optional.of(
                                                new Problem(
                                                        "accountId",
                                                        "unknown account \""
                                                                + deal.accountId()
                                                                + "\"")))
                .or(() -> stage(deal));
    }

    public Optional<Problem> activity(
            Activity activity, Predicate<String> knownDeal, Predicate<String> knownRep) {
        return required(activity.id(), "id")
                .or(() -> required(activity.type(), "type"))
                .or(() -> required(activity.date(), "date"))
                .or(
                        () ->
                                activity.dealId() == null && activity.repId() == null
                                        ? Optional.of(
                                                new Problem(
                                                        "dealId",
                                                        "an activity needs a dealId or a repId"))
                                        : Optional.empty())
                .or(
                        () ->
                                activity.dealId() == null || knownDeal.test(activity.dealId())
                                        ? Optional.empty()
                                        : Optional.of(
                                                new Problem(
                                                        "dealId",
                                                        "unknown deal \""
                                                                + activity.dealId()
                                                                + "\"")))
                .or(
                        () ->
                                activity.repId() == null || knownRep.test(activity.repId())
                                        ? Optional.empty()
                                        : Optional.of(
                                                new Problem(
                                                        "repId",
                                                        "unknown rep \""
                                                                + activity.repId()
                                                                + "\"")));
    }

    /**
     * Whether a deal's stage is an outcome (won or lost) rather than an open stage: by the deal's
     * playbook when known, else by the stage's name ("won", "lost", "closed won", …).
     */
    public boolean closed(Deal deal) {
        if (deal.stage() == null) {
            return false;
        }
        if (playbooks != null) {
            Optional<Stage> stage =
                    playbooks.get().forDeal(deal.playbook()).flatMap(p -> p.stage(deal.stage()));
            if (stage.isPresent()) {
                return !stage.get().isOpen();
            }
        }
        String name = deal.stage().toLowerCase(java.util.Locale.ROOT);
        return name.contains("won") || name.contains("lost");
    }

    private Optional<Problem> stage(Deal deal) {
        if (playbooks == null) {
            return Optional.empty();
        }
        PlaybookLibrary library = playbooks.get();
        Optional<Playbook> playbook = library.forDeal(deal.playbook());
        if (playbook.isEmpty()) {
            return Optional.of(
                    new Problem("playbook", "unknown playbook \"" + deal.playbook() + "\""));
        }
        return playbook.get().stage(deal.stage()).isPresent()
                ? Optional.empty()
                : Optional.of(
                        new Problem(
                                "stage",
                                "unknown stage \""
                                        + deal.stage()
                                        + "\" in playbook "
                                        + playbook.get().id()));
    }

    private static Optional<Problem> required(Object value, String field) {
        return value == null || (value instanceof String s && s.isBlank())
                ? Optional.of(new Problem(field, "is required"))
                : Optional.empty();
    }
}
