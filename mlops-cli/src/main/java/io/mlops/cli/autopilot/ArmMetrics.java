package io.mlops.cli.autopilot;

/** Live metrics of one arm over the paired requests of a trial. */
public record ArmMetrics(int version, long count, double accuracy, double auc, double logLoss) {

    public double get(String metric) {
        return switch (metric) {
            case "log_loss" -> logLoss;
            case "auc" -> auc;
            case "accuracy" -> accuracy;
            default -> throw new IllegalArgumentException("unknown metric " + metric);
        };
    }

    public String describe() {
        return String.format("v%d: log loss %.4f, AUC %.4f, accuracy %.3f over %d labels", version, logLoss, auc,
                accuracy, count);
    }
}
