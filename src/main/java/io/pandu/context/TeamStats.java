package io.pandu.context;

/**
 * Figures about a manager's team that rules compare a rep against. Win rates are over the last 180
 * days before as-of; {@code topPerformer} is the rep with the most won revenue in that window.
 */
public record TeamStats(
        String managerId,
        int size,
        int closedLast180,
        double winRate180,
        double averageOpenPipeline,
        String topPerformerId,
        String topPerformerName) {

    public double getWinRate180() {
        return winRate180;
    }

    public int getClosedLast180() {
        return closedLast180;
    }

    public double getAverageOpenPipeline() {
        return averageOpenPipeline;
    }

    public String getTopPerformerId() {
        return topPerformerId;
    }

    public String getTopPerformerName() {
        return topPerformerName;
    }

    public int getSize() {
        return size;
    }
}
