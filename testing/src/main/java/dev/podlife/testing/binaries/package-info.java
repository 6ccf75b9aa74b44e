/**
 * The external programs the tests run (Alertmanager, promtool): an installed one when there is one,
 * else the static binary from the machine's Debian package archive, fetched once into a per-user
 * cache. Callers use {@link dev.podlife.testing.binaries.ToolBinaries#path}; the rest of the
 * package is how.
 */
package dev.podlife.testing.binaries;
