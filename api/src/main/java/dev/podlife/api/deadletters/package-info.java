/**
 * {@code GET /api/v1/dead-letters}: the records the analyzer could not store as facts (not JSON, an
 * unknown fact type, no key, refused by the database…), each with its source offset and the reason,
 * newest first.
 */
package dev.podlife.api.deadletters;
