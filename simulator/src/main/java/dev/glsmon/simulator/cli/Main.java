package dev.glsmon.simulator.cli;

/**
 * Entry point of {@code glsmon-simulator.jar}. Kept free of loggers so that the logging
 * configuration is chosen before the first logger exists.
 */
public final class Main {

    private Main() {}

    public static void main(String[] args) {
        // the simulator's own console config, unless the user points logback elsewhere; not named
        // logback.xml so that applications embedding the simulator keep their own configuration
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "glsmon-simulator-logback.xml");
        }
        System.exit(SimulatorCommand.commandLine(System.getenv()).execute(args));
    }
}
