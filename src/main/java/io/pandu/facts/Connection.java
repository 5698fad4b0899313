package io.pandu.facts;

/** How well a rep knows an account (social proximity), strength from 0 (none) to 1 (close). */
public record Connection(String repId, double strength) {
    public Connection {
        FieldChecks.required(repId, "repId");
        FieldChecks.between(strength, 0, 1, "strength");
    }
}
