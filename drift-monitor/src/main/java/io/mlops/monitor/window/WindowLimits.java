package io.mlops.monitor.window;

/**
 * Memory bounds of one open window.
 *
 * @param sampleSize raw rows kept for exact tests (all rows while the window is no larger)
 * @param kllK accuracy parameter of the per-column KLL sketches
 * @param maxCategories distinct categories counted per column before the rest are lumped together
 */
public record WindowLimits(int sampleSize, int kllK, int maxCategories) {
}
