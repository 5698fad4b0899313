package io.pandu.testing;

import io.pandu.app.Pandu;
import io.pandu.auth.Caller;
import io.pandu.facts.FactSet;
import io.pandu.facts.FactSetJson;
import io.pandu.ingest.ImportProgress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;

/**
 * A small pipeline as of 2017-06-30 (src/test/resources/store-fixture.json): manager m1 with reps
 * r1 and r2, manager m2 with r3. The starter rules raise a discount alert on d1 (medium) and d3
 * (high), recommend re-engaging d2, d3 and d4 and finding the economic buyer on d1 and d3.
 */
public final class Fixture {
    public static final Instant NOW = Instant.parse("2017-06-30T09:00:00Z");
    public static final Caller R1 = Caller.rep("rep.one", "r1");
    public static final Caller M1 = Caller.manager("m1", "m1");
    public static final Caller M2 = Caller.manager("m2", "m2");
    public static final Caller OPS = new Caller("ops", io.pandu.auth.Role.OPS, null, null);

    private Fixture() {}

    public static FactSet facts() {
        return FactSetJson.read(Path.of("src/test/resources/store-fixture.json"));
    }

    public static void load(Pandu services) {
        services.importer().importFacts(Caller.system(), facts(), ImportProgress.NONE);
    }

    /** A fresh database of the kind with the fixture loaded, and the services over it. */
    public static Loaded open(TestDatabase.Kind kind, Clock clock) {
        TestDatabase db = TestDatabase.open(kind);
        Pandu services = db.services(clock);
        load(services);
        return new Loaded(db, services);
    }

    public static Loaded open(TestDatabase.Kind kind) {
        return open(kind, new MutableClock(NOW));
    }

    /** What {@link #open} made; closing it drops the database. */
    public record Loaded(TestDatabase db, Pandu services) implements AutoCloseable {
        @Override
        public void close() {
            services.close();
            db.close();
        }
    }
}
