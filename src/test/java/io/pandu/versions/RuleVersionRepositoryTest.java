package io.pandu.versions;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.pandu.rules.Snapshot;
import io.pandu.store.AuditLog;
import io.pandu.testing.OnEachDatabase;
import io.pandu.testing.TestClocks;
import io.pandu.testing.TestDatabase;
import io.pandu.versions.RuleVersionRepository.AuditNote;
import io.pandu.versions.RuleVersionRepository.StoredVersion;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** The version store when several nodes publish at the same moment. */
class RuleVersionRepositoryTest {
    private static final Clock CLOCK = TestClocks.fixed();

    private static void publish(RuleVersionRepository store, String node, int n) {
        Snapshot snapshot =
                Snapshot.of(
                        Map.of(
                                "rules/playbook/a.drl",
                                (node + " " + n).getBytes(StandardCharsets.UTF_8)));
        store.publish(
                new StoredVersion(
                        snapshot.id(),
                        node,
                        "publish " + n,
                        CLOCK.instant(),
                        null,
                        1,
                        List.copyOf(snapshot.files().keySet())),
                snapshot,
                new AuditNote(node, "rule-version-published", "publish " + n));
    }

    @OnEachDatabase
    void nodesPublishingAtOnceEachGetTheirVersionStored(TestDatabase.Kind kind) throws Exception {
        try (TestDatabase t = TestDatabase.open(kind)) {
            RuleVersionRepository store =
                    new RuleVersionRepository(t.db(), new AuditLog(t.db(), CLOCK));
            publish(store, "seed", 0);
            ExecutorService nodes = Executors.newFixedThreadPool(4);
            try {
                List<Future<?>> publishes = new ArrayList<>();
                for (int node = 0; node < 4; node++) {
                    String name = "node" + node;
                    publishes.add(
                            nodes.submit(
                                    () -> {
                                        for (int n = 1; n <= 10; n++) {
                                            publish(store, name, n);
                                        }
                                    }));
                }
                for (Future<?> p : publishes) {
                    p.get(); // a collision on the version sequence would fail here
                }
            } finally {
                nodes.shutdownNow();
            }
            assertEquals(41, store.versions().size());
            assertEquals(41, t.db().jdbc().count("SELECT COUNT(DISTINCT seq) FROM rule_versions"));
        }
    }
}
