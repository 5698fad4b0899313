package io.pandu.scenario;

import java.util.List;

/** The outcome of one scenario; each failure says what was expected and what the rules produced. */
public record ScenarioResult(String file, String name, List<String> failures) {

    public boolean passed() {
        return failures.isEmpty();
    }
}
