package dev.vigil.demo;

/** One simulated workload that {@code ./vigil demo NAME} can run. */
public interface Scenario {

    /** The name given on the command line, e.g. {@code shop}. */
    String name();

    /** One line for the usage text. */
    String description();

    /**
     * Sends the scenario's telemetry to {@code options.endpoint()}; returns when everything was accepted, throws when
     * the receiver refused or could not be reached.
     */
    void run(DemoOptions options) throws Exception;
}
