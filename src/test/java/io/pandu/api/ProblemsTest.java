package io.pandu.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.pandu.store.StoreException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class ProblemsTest {
    @Test
    void aStoreErrorIsAGeneric500WithoutTheStatement() {
        StoreException e =
                new StoreException(
                        new SQLException(
                                "Value too long for column \"NAME CHARACTER VARYING(500)\": SQL"
                                        + " statement: INSERT INTO reps (id, name) VALUES (?, ?)",
                                "22001"));
        Problems.Problem p = Problems.of(e, 500, HttpSettings.BODY_LIMIT);
        assertEquals(500, p.status());
        assertEquals("/problems/internal-error", p.type());
        assertFalse(p.detail().contains("INSERT"), p.detail());
        assertFalse(p.detail().contains("VARYING"), p.detail());
    }
}
