package io.pandu.facts;

/** MEDDPICC-style qualification checkboxes of a deal; absent means not yet established. */
public record Qualification(
        Boolean economicBuyer,
        Boolean champion,
        Boolean metrics,
        Boolean decisionCriteria,
        Boolean decisionProcess,
        Boolean paperProcess,
        Boolean pain) {

    /** A criterion left out is one not established yet. */
    public Qualification {
        economicBuyer = Boolean.TRUE.equals(economicBuyer);
        champion = Boolean.TRUE.equals(champion);
        metrics = Boolean.TRUE.equals(metrics);
        decisionCriteria = Boolean.TRUE.equals(decisionCriteria);
        decisionProcess = Boolean.TRUE.equals(decisionProcess);
        paperProcess = Boolean.TRUE.equals(paperProcess);
        pain = Boolean.TRUE.equals(pain);
    }

    public static final Qualification NONE =
            new Qualification(false, false, false, false, false, false, false);

    /** Looks a criterion up by its JSON name, so playbook exit criteria can name them as data. */
    public boolean has(String criterion) {
        return switch (criterion) {
            case "economicBuyer" -> economicBuyer;
            case "champion" -> champion;
            case "metrics" -> metrics;
            case "decisionCriteria" -> decisionCriteria;
            case "decisionProcess" -> decisionProcess;
            case "paperProcess" -> paperProcess;
            case "pain" -> pain;
            default ->
                    throw new IllegalArgumentException(
                            "unknown qualification criterion \"" + criterion + "\"");
        };
    }

    public static boolean isCriterion(String name) {
        return java.util.Set.of(
                        "economicBuyer",
                        "champion",
                        "metrics",
                        "decisionCriteria",
                        "decisionProcess",
                        "paperProcess",
                        "pain")
                .contains(name);
    }
}
