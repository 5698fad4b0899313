package io.pandu.coaching;

import io.pandu.errors.InvalidInputException;
import io.pandu.store.Where;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/**
 * Where a page of the alert list ends: the sort keys of its last alert, as an opaque token. The
 * next page starts after it, so alerts raised or decided in between neither repeat nor go missing
 * the way they would with an offset.
 */
record AlertCursor(AlertOrder order, int rank, BigDecimal value, Instant raisedAt, long id) {

    static AlertCursor of(AlertOrder order, Alert last) {
        return new AlertCursor(
                order,
                AlertRepository.rank(last.severity()),
                last.valueAtStake(),
                last.raisedAt(),
                last.id());
    }

    String token() {
        String plain =
                order == AlertOrder.SEVERITY
                        ? "s|" + rank + "|" + value.toPlainString() + "|" + id
                        : "n|" + raisedAt.getEpochSecond() + "|" + raisedAt.getNano() + "|" + id;
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    /** The cursor a token stands for, in the order asked for; a bad token is a 400 on cursor. */
    static AlertCursor parse(String token, AlertOrder order) {
        if (token == null) {
            return null;
        }
        try {
            String[] p =
                    new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8)
                            .split("\\|", -1);
            if (p.length == 4 && p[0].equals("s") && order == AlertOrder.SEVERITY) {
                return new AlertCursor(
                        order,
                        Integer.parseInt(p[1]),
                        new BigDecimal(p[2]),
                        null,
                        Long.parseLong(p[3]));
            }
            if (p.length == 4 && p[0].equals("n") && order == AlertOrder.NEWEST) {
                return new AlertCursor(
                        order,
                        0,
                        null,
                        Instant.ofEpochSecond(Long.parseLong(p[1]), Long.parseLong(p[2])),
                        Long.parseLong(p[3]));
            }
        } catch (IllegalArgumentException | java.time.DateTimeException e) {
            // falls through to the 400
        }
        throw new InvalidInputException(
                "cursor",
                "not a cursor of this list (pass the nextCursor of the previous page, with the same sort)");
    }

    /** Restricts {@code where} to the alerts after this cursor. */
    void after(Where where, AlertOrder order) {
        if (order == AlertOrder.SEVERITY) {
            where.and(
                    "(severity_rank < ? OR (severity_rank = ? AND (value_at_stake < ?"
                            + " OR (value_at_stake = ? AND id > ?))))",
                    rank,
                    rank,
                    value,
                    value,
                    id);
        } else {
            where.and("(raised_at < ? OR (raised_at = ? AND id < ?))", raisedAt, raisedAt, id);
        }
    }
}
