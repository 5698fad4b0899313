package io.pandu.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code pandu forecast backtest}: the forecast of a past quarter from what was known on as-of,
 * next to the actual won value and the naive run rate, per team and for the company.
 */
class ForecastCommandTest {
    private static final String DATA = "src/main/resources/demo/maven-crm";

    @Test
    void backtestOfQ4PrintsForecastActualAndNaivePerTeamAndForTheCompany() {
        CliRun run =
                CliRun.of(
                        "forecast",
                        "backtest",
                        "--period",
                        "2017-Q4",
                        "--as-of",
                        "2017-09-30",
                        "--maven-crm",
                        DATA,
                        "--playbooks",
                        "playbooks");
        assertEquals(0, run.exitCode(), run.err());
        List<String[]> rows =
                run.out()
                        .lines()
                        .skip(2)
                        .filter(l -> !l.startsWith("mean"))
                        .map(l -> l.trim().split("\\s{2,}"))
                        .toList();
        assertEquals(7, rows.size(), run.out()); // six teams and the company
        String[] company = rows.get(rows.size() - 1);
        assertEquals("company", company[0], run.out());
        // forecast = open deals + deals not yet created
        assertEquals(
                Double.parseDouble(company[1]),
                Double.parseDouble(company[2]) + Double.parseDouble(company[3]),
                1.5,
                run.out());
        // the actual and the naive baseline are the data's won value in Q4 and Q3 2017
        assertEquals("2802496", company[4], run.out());
        assertEquals("2982255", company[6], run.out());
        assertEquals("+6.4%", company[7], run.out());
        double teamsForecast = 0;
        for (String[] team : rows.subList(0, rows.size() - 1)) {
            teamsForecast += Double.parseDouble(team[1]);
        }
        assertEquals(Double.parseDouble(company[1]), teamsForecast, 6.0, "teams add up");
        assertTrue(run.out().contains("mean absolute error per team: forecast "), run.out());
    }

    @Test
    void aPeriodThatIsNoQuarterIsAnErrorNamingIt() {
        CliRun run =
                CliRun.of(
                        "forecast",
                        "backtest",
                        "--period",
                        "Q4",
                        "--as-of",
                        "2017-09-30",
                        "--maven-crm",
                        DATA,
                        "--playbooks",
                        "playbooks");
        assertEquals(2, run.exitCode(), run.out());
        assertTrue(run.err().contains("period") && run.err().contains("2017-Q4"), run.err());
    }
}
