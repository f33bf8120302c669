package io.mlops.monitor.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Default drift tests: Evidently's. A model's settings may override the method or threshold per
 * column and the dataset share.
 */
@ConfigMapping(prefix = "mlops.monitor.drift")
public interface DriftConfig {

    /**
     * Up to this many non-null reference values the p-value tests (KS, chi-squared, z) are used,
     * beyond it the distances (Wasserstein, Jensen-Shannon), as Evidently chooses.
     */
    @WithDefault("1000")
    long smallReferenceRows();

    /** {@code auto} (Evidently's choice) or a fixed method for numeric columns: ks, wasserstein, psi, jensenshannon, chisquare, z. */
    @WithDefault("auto")
    String numericMethod();

    /** {@code auto} or a fixed method for categorical columns: chisquare, z, jensenshannon, psi. */
    @WithDefault("auto")
    String categoricalMethod();

    /** Drift when the KS p-value is below this. */
    @WithDefault("0.05")
    double ksThreshold();

    /** Drift when the chi-squared p-value is below this. */
    @WithDefault("0.05")
    double chisquareThreshold();

    /** Drift when the two-proportion z-test p-value is below this. */
    @WithDefault("0.05")
    double zThreshold();

    /** Drift when the Wasserstein distance, in reference standard deviations, reaches this. */
    @WithDefault("0.1")
    double wassersteinThreshold();

    /** Drift when the Jensen-Shannon distance reaches this. */
    @WithDefault("0.1")
    double jensenshannonThreshold();

    /** Drift when the population stability index reaches this (when PSI is the chosen method; it is always reported). */
    @WithDefault("0.1")
    double psiThreshold();

    /** The dataset drifts when at least this share of the tested features drift. */
    @WithDefault("0.5")
    double datasetDriftShare();
}
