package dev.podlife.testing.binaries;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the deb822 stanzas of a {@code Packages} index, as a stream: the index of {@code main} is
 * ~50 MB of text.
 */
final class PackageIndex {
  private PackageIndex() {}

  /**
   * The first stanza of {@code packageName} in the index, if any; the index is read only as far as
   * needed.
   */
  static Optional<DebianPackage> find(Reader index, String packageName) throws IOException {
    BufferedReader lines = index instanceof BufferedReader b ? b : new BufferedReader(index);
    Map<String, String> fields = new HashMap<>();
    String field = null;
    for (String line = lines.readLine(); ; line = lines.readLine()) {
      if (line == null || line.isBlank()) {
        if (packageName.equals(fields.get("Package"))) {
          return Optional.of(toPackage(fields));
        }
        if (line == null) {
          return Optional.empty();
        }
        fields.clear();
        field = null;
      } else if (Character.isWhitespace(line.charAt(0))) {
        // a continuation line (Description, Tag…): none of the fields we read spans lines
        if (field != null) {
          fields.merge(field, "\n" + line.strip(), String::concat);
        }
      } else {
        int colon = line.indexOf(':');
        if (colon > 0) {
          field = line.substring(0, colon);
          fields.put(field, line.substring(colon + 1).strip());
        }
      }
    }
  }

  private static DebianPackage toPackage(Map<String, String> fields) {
    String name = fields.get("Package");
    for (String required : new String[] {"Version", "Architecture", "Filename", "SHA256"}) {
      if (fields.get(required) == null || fields.get(required).isBlank()) {
        throw new IllegalArgumentException("The index's stanza of " + name + " has no " + required);
      }
    }
    return new DebianPackage(
        name,
        fields.get("Version"),
        fields.get("Architecture"),
        fields.get("Filename"),
        fields.get("SHA256"),
        Long.parseLong(fields.getOrDefault("Size", "-1")));
  }
}
