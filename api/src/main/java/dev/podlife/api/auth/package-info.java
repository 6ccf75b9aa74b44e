/**
 * Who may call the API: bearer tokens with a {@link dev.podlife.api.auth.Role}, configured only as
 * SHA-256 hashes ({@link dev.podlife.api.auth.ApiTokens}), checked for every request by {@link
 * dev.podlife.api.auth.AccessControl}; handlers read the caller as a {@link
 * dev.podlife.api.auth.Principal}.
 */
package dev.podlife.api.auth;
