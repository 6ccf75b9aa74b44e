/**
 * A simulated Kubernetes cluster for {@code podlife demo} and for tests: fabric8's mock API server
 * in CRUD mode ({@link dev.podlife.simulator.SimulatedCluster}), driven by a {@link
 * dev.podlife.simulator.Demo} that writes Pods, their owners and core/v1 Events the way the
 * kube-apiserver, the scheduler and the kubelet would.
 *
 * <p>Only {@code SimulatedCluster}, {@code Demo} and {@code SimulatorException} are API; the
 * scenario engine behind them is package-private.
 */
package dev.podlife.simulator;
