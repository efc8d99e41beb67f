package dev.vigil.health.cluster;

/**
 * The samples of one series within one minute.
 *
 * @param minute epoch second the minute starts at
 * @param total  the sum of the samples' values
 * @param peak   the largest value
 */
record MinuteSample(Series series, long minute, double total, double peak, long samples) {

    double average() {
        return total / samples;
    }
}
