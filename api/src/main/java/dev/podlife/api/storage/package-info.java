/** {@code GET /api/v1/storage}: what the event store holds per UTC day and what retention did. */
package dev.podlife.api.storage;
