package dev.podlife.simulator;

/** The root of every failure of the simulated cluster: the API server could not start, or a scenario's write failed. */
public class SimulatorException extends RuntimeException {
  public SimulatorException(String message, Throwable cause) {
    super(message, cause);
  }

  public SimulatorException(String message) {
    super(message);
  }
}
