package io.pandu.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pandu.auth.Caller;
import io.pandu.guidance.Guidance;
import io.pandu.scenario.GuidanceItem;
import io.pandu.store.Team;
import io.pandu.testing.TestServer;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Issue 11 item 4's done-when: the served product evaluates one team at a time, yet it sees every
 * deal on an account whichever team owns it, so its run on the demo ({@code serve --demo}) gives,
 * code by code, what {@code pandu evaluate --maven-crm … --demo-enrichment --counts} gives for the
 * whole data in one fact set (before, 275 recommendations served against 270: 5 false CROSS_SELL).
 * Not yet for the two findings about unowned accounts, which each team touching the account raises.
 */
class ServedMatchesEvaluateCountsIT {
    private static final Pattern COUNT_LINE =
            Pattern.compile(
                    "^([A-Z][A-Z0-9_]+)\\s+(recommendation|alert|insight|finding|mixed)\\s+(\\d+)\\s");

    @Test
    void theDemoRunGivesEveryCodeAsOftenAsTheCliOverTheWholeData() {
        Map<String, Integer> served = new TreeMap<>();
        try (TestServer server = TestServer.startDemo()) {
            var pandu = server.server().pandu();
            for (Team team : pandu.facts().pipeline(pandu.facts().asOfOrToday())) {
                Guidance g = pandu.runs().snapshot(Caller.system(), team.id());
                GuidanceItem.all(g).forEach(i -> served.merge(i.code(), 1, Integer::sum));
            }
        }
        CliRun run =
                CliRun.of(
                        "evaluate",
                        "--rules",
                        "rules",
                        "--playbooks",
                        "playbooks",
                        "--maven-crm",
                        "src/main/resources/demo/maven-crm",
                        "--as-of",
                        "2017-12-31",
                        "--demo-enrichment",
                        "--counts");
        assertEquals(0, run.exitCode(), run.err());
        Map<String, Integer> cli = new TreeMap<>();
        for (String line : run.out().lines().toList()) {
            if (line.startsWith("Firings per rule")) {
                break;
            }
            Matcher m = COUNT_LINE.matcher(line);
            if (m.find()) {
                cli.put(m.group(1), Integer.parseInt(m.group(3)));
            }
        }
        // on the enriched demo CROSS_SELL does not fire over the whole data
        // (docs/RULES-ON-MAVEN-CRM.md): the served run must not raise it either
        assertTrue(cli.size() > 10, run.out());
        System.out.println("served " + served + "\ncli    " + cli);
        // left (see the history report): the findings about an unowned account are raised once per
        // team whose deals touch the account, so the served run has more of them than the CLI
        for (String perTeam : List.of("ACCOUNT_TERRITORY", "SUGGEST_OWNER")) {
            assertTrue(served.get(perTeam) >= cli.get(perTeam), perTeam);
            served.remove(perTeam);
            cli.remove(perTeam);
        }
        assertEquals(cli, served);
    }
}
