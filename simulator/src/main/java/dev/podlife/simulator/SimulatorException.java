package dev.podlife.simulator;

import java.io.Serial;

/**
 * The root of every failure of the simulated cluster: the API server could not start, or a
 * scenario's write failed.
 */
public class SimulatorException extends RuntimeException {
  @Serial private static final long serialVersionUID = 1L;

  public SimulatorException(String message, Throwable cause) {
    super(message, cause);
  }

  public SimulatorException(String message) {
    super(message);
  }
}
