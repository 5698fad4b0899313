package io.pandu.facts;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * A sales rep (agent). {@code quota} is the rep's quota for the current period, in currency units.
 */
public record Rep(
        String id,
        String name,
        String managerId,
        String region,
        LocalDate hireDate,
        BigDecimal quota,
        List<String> certifications) {

    public Rep {
        certifications = certifications == null ? List.of() : List.copyOf(certifications);
        FieldChecks.maxLength(id, FieldChecks.ID, "id");
        FieldChecks.maxLength(name, FieldChecks.NAME, "name");
        FieldChecks.maxLength(managerId, FieldChecks.ID, "managerId");
        FieldChecks.maxLength(region, FieldChecks.ID, "region");
        FieldChecks.maxLengths(certifications, FieldChecks.ID, "certifications");
        FieldChecks.date(hireDate, "hireDate");
        FieldChecks.amount(quota, "quota");
        if (id != null && id.equals(managerId)) {
            throw new io.pandu.errors.InvalidInputException(
                    "managerId", "a rep cannot be their own manager");
        }
    }

    public boolean certifiedFor(String product) {
        return product != null && certifications.contains(product);
    }

    public boolean hasManager() {
        return managerId != null && !managerId.isBlank();
    }
}
