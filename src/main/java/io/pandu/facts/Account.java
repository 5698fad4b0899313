package io.pandu.facts;

import java.math.BigDecimal;
import java.util.List;

/** A customer or prospect company. {@code revenue} is annual revenue in millions. */
public record Account(
        String id,
        String name,
        String industry,
        String region,
        Integer employees,
        BigDecimal revenue,
        String territoryId,
        String ownerId,
        List<Connection> connections) {

    public Account {
        FieldChecks.notNegative(employees, "employees");
        FieldChecks.maxLength(id, FieldChecks.ID, "id");
        FieldChecks.maxLength(name, FieldChecks.NAME, "name");
        FieldChecks.maxLength(industry, FieldChecks.ID, "industry");
        FieldChecks.maxLength(region, FieldChecks.ID, "region");
        FieldChecks.maxLength(territoryId, FieldChecks.ID, "territoryId");
        FieldChecks.maxLength(ownerId, FieldChecks.ID, "ownerId");
        FieldChecks.amount(revenue, "revenue");
        connections = connections == null ? List.of() : List.copyOf(connections);
    }

    public boolean hasTerritory() {
        return territoryId != null && !territoryId.isBlank();
    }

    public boolean hasOwner() {
        return ownerId != null && !ownerId.isBlank();
    }

    /** Strength of the rep's connection to this account, 0 when none is recorded. */
    public double connectionStrength(String repId) {
        return connections.stream()
                .filter(c -> c.repId().equals(repId))
                .mapToDouble(Connection::strength)
                .max()
                .orElse(0);
    }
}
