package dev.podlife.api.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The tokens the API accepts, each as a name, a role and a SHA-256 hash. Read from a tokens file
 * (one entry per line) and/or the {@code PODLIFE_API_TOKENS} environment variable (entries
 * separated by commas or newlines); in both, {@code #} starts a comment and blank entries are
 * skipped. Never shows a hash or a token in {@link #toString()}.
 */
public final class ApiTokens {
  /** The environment variable holding entries directly, for setups without a file (compose). */
  public static final String ENVIRONMENT_VARIABLE = "PODLIFE_API_TOKENS";

  static final String ENTRY_FORMAT = "'<name> <read|admin> sha256:<64 hex digits>'";

  private final List<ApiToken> tokens;
  private final List<byte[]> digests;

  private ApiTokens(List<Located> entries) {
    Map<String, String> names = new HashMap<>();
    Map<String, String> hashes = new HashMap<>();
    for (Located entry : entries) {
      String sameName = names.putIfAbsent(entry.token().name(), entry.location());
      if (sameName != null) {
        throw malformed(entry.location(), "the name is already used at " + sameName);
      }
      String sameHash = hashes.putIfAbsent(entry.token().sha256(), entry.location());
      if (sameHash != null) {
        throw malformed(entry.location(), "the same token is already configured at " + sameHash);
      }
    }
    this.tokens = entries.stream().map(Located::token).toList();
    this.digests = tokens.stream().map(ApiToken::digest).toList();
  }

  /** These entries. */
  public static ApiTokens of(ApiToken... tokens) {
    List<Located> entries = new ArrayList<>();
    for (int i = 0; i < tokens.length; i++) {
      entries.add(new Located(tokens[i], "entry " + (i + 1)));
    }
    return new ApiTokens(entries);
  }

  /**
   * The tokens of a tokens file, plus those of the {@code PODLIFE_API_TOKENS} value; either may be
   * null.
   *
   * @throws TokenConfigException when the file cannot be read or an entry is malformed, naming
   *     file:line or the variable's entry number
   */
  public static ApiTokens load(Path file, String environmentValue) {
    List<Located> entries = new ArrayList<>();
    if (file != null) {
      String text;
      try {
        text = Files.readString(file, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new TokenConfigException(
            "Couldn't read the API tokens file " + file + ": " + e.getMessage(), e);
      }
      entries.addAll(fileEntries(file.toString(), text));
    }
    if (environmentValue != null) {
      String[] parts = environmentValue.split("[,\\r\\n]", -1);
      for (int i = 0; i < parts.length; i++) {
        parseEntry(parts[i], ENVIRONMENT_VARIABLE + " entry " + (i + 1)).ifPresent(entries::add);
      }
    }
    return new ApiTokens(entries);
  }

  /**
   * The tokens of a tokens file's text; {@code source} names it in errors ({@code source:line}).
   */
  public static ApiTokens parse(String source, String text) {
    return new ApiTokens(fileEntries(source, text));
  }

  private static List<Located> fileEntries(String source, String text) {
    List<Located> entries = new ArrayList<>();
    String[] lines = text.split("\\R", -1);
    for (int i = 0; i < lines.length; i++) {
      parseEntry(lines[i], source + ":" + (i + 1)).ifPresent(entries::add);
    }
    return entries;
  }

  private static Optional<Located> parseEntry(String entry, String location) {
    int comment = entry.indexOf('#');
    String content = (comment < 0 ? entry : entry.substring(0, comment)).strip();
    if (content.isEmpty()) {
      return Optional.empty();
    }
    String[] fields = content.split("\\s+");
    if (fields.length != 3) {
      throw malformed(location, fields.length + " fields instead of 3");
    }
    if (!ApiToken.NAME.matcher(fields[0]).matches()) {
      throw malformed(
          location,
          "the name must have 1 to 64 letters, digits or . _ @ - and start with a letter or digit");
    }
    Role role;
    try {
      role = Role.fromLabel(fields[1]);
    } catch (IllegalArgumentException e) {
      throw malformed(location, "unknown role (the roles are read and admin)");
    }
    if (!fields[2].regionMatches(true, 0, ApiToken.HASH_PREFIX, 0, ApiToken.HASH_PREFIX.length())) {
      throw malformed(
          location,
          "the hash must start with sha256: (configure the token's hash, never the token)");
    }
    try {
      return Optional.of(
          new Located(
              new ApiToken(fields[0], role, fields[2].substring(ApiToken.HASH_PREFIX.length())),
              location));
    } catch (IllegalArgumentException e) {
      throw malformed(location, e.getMessage());
    }
  }

  private static TokenConfigException malformed(String location, String problem) {
    return new TokenConfigException(location + ": " + problem + "; expected " + ENTRY_FORMAT);
  }

  /**
   * The caller presenting {@code token}, if it is one of these. Takes the same time whichever entry
   * matches, or none: every configured digest is compared, in constant time, with the token's.
   */
  public Optional<Principal> authenticate(String token) {
    byte[] presented = ApiToken.sha256Of(token);
    ApiToken match = null;
    for (int i = 0; i < digests.size(); i++) {
      if (MessageDigest.isEqual(digests.get(i), presented) && match == null) {
        match = tokens.get(i);
      }
    }
    Arrays.fill(presented, (byte) 0);
    return match == null
        ? Optional.empty()
        : Optional.of(new Principal(match.name(), match.role()));
  }

  public boolean isEmpty() {
    return tokens.isEmpty();
  }

  public List<ApiToken> tokens() {
    return tokens;
  }

  /** Names and roles only, e.g. {@code [grafana read, ops admin]}. */
  @Override
  public String toString() {
    return tokens.stream()
        .map(t -> t.name() + " " + t.role().label())
        .collect(Collectors.joining(", ", "[", "]"));
  }

  private record Located(ApiToken token, String location) {}
}
