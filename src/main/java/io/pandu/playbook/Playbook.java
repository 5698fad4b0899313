package io.pandu.playbook;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A sales methodology as data: ordered stages, their plays, and the numeric thresholds ({@code
 * parameters}) that rules read, so sales ops change a number without touching a rule.
 */
public record Playbook(
        String id,
        String name,
        String description,
        boolean isDefault,
        Map<String, Double> parameters,
        List<Stage> stages,
        List<Play> plays,
        String sourceFile) {

    public Playbook {
        parameters = parameters == null ? Map.of() : Map.copyOf(parameters);
        stages = stages == null ? List.of() : List.copyOf(stages);
        plays = plays == null ? List.of() : List.copyOf(plays);
    }

    public Optional<Stage> stage(String crmStage) {
        return stages.stream().filter(s -> s.answersTo(crmStage)).findFirst();
    }

    /**
     * Position of a stage among the open stages (0 = first); closed stages come after all open
     * ones.
     */
    public int indexOf(Stage stage) {
        return stages.indexOf(stage);
    }

    public List<Stage> openStages() {
        return stages.stream().filter(Stage::isOpen).toList();
    }

    public Optional<Play> play(String playId) {
        return plays.stream().filter(p -> p.id().equals(playId)).findFirst();
    }

    /** A threshold the rules read; failing loudly beats a rule silently comparing against 0. */
    public double param(String name) {
        Double value = parameters.get(name);
        if (value == null) {
            throw new IllegalStateException(
                    "playbook \"" + id + "\" defines no parameter \"" + name + "\"");
        }
        return value;
    }

    public boolean hasParam(String name) {
        return parameters.containsKey(name);
    }
}
