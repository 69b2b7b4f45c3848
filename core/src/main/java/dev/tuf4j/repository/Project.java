package dev.tuf4j.repository;

import dev.tuf4j.crypto.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A PEP 480 project: its name, its developers' keys and how many of them must sign its
 * metadata. Its delegated role is named {@code project-<normalized name>}, and it may sign only
 * for its own paths, made from the configured templates ({@link
 * RepositoryConfig#DEFAULT_PROJECT_PATH_TEMPLATES}: {@code packages/*&#47;*&#47;*&#47;<dist>-*}
 * and {@code simple/<name>/*}).
 *
 * <p>Why these paths: PyPI stores a distribution as {@code packages/<2 hex>/<2 hex>/<60 hex>/
 * <file>} and a distribution file name starts with the project name normalized to lower case
 * with every run of {@code -_.} as one {@code _}, then a {@code -} (wheel and PEP 625 sdist
 * names). That form has no {@code -} of its own, so {@code foo-*} matches files of {@code foo}
 * and never of {@code foo-bar} ({@code foo_bar-*}). Legacy files whose names are not normalized
 * do not match and stay in the unclaimed bins. The role name uses the PEP 503 form ({@code
 * a-z 0-9 -}), which needs no percent-encoding in a URL or file name, and the prefix keeps it
 * apart from {@code bins}, {@code claimed} and the bin names.
 *
 * @param name the project name as registered (PEP 508: letters, digits, {@code -_.})
 * @param developerKeys the keys that may sign the project's metadata
 * @param threshold how many of them must
 */
public record Project(String name, List<PublicKey> developerKeys, int threshold) {
  private static final Pattern NAME =
      Pattern.compile("[A-Za-z0-9]([A-Za-z0-9._-]*[A-Za-z0-9])?");
  private static final Pattern RUNS = Pattern.compile("[-_.]+");

  public Project {
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("not a valid project name (PEP 508): \"" + name + "\"");
    }
    new RoleKeys(developerKeys, threshold); // validates keys and threshold
    developerKeys = List.copyOf(developerKeys);
  }

  /** The PEP 503 normalized name: lower case, every run of {@code -_.} as one {@code -}. */
  public String normalizedName() {
    return normalize(name);
  }

  /** The PEP 503 normalized form of a valid project name. */
  static String normalize(String name) {
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("not a valid project name (PEP 508): \"" + name + "\"");
    }
    return RUNS.matcher(name).replaceAll("-").toLowerCase(Locale.ROOT);
  }

  /** The name as distribution file names spell it: lower case, runs of {@code -_.} as {@code _}. */
  public String distributionName() {
    return RUNS.matcher(name).replaceAll("_").toLowerCase(Locale.ROOT);
  }

  /** The delegated role of this project. */
  public String roleName() {
    return roleName(normalizedName());
  }

  static String roleName(String normalizedName) {
    return "project-" + normalizedName;
  }

  /** The project's path patterns under the given templates. */
  public List<String> paths(List<String> templates) {
    List<String> out = new ArrayList<>(templates.size());
    for (String t : templates) {
      out.add(t.replace("{name}", normalizedName()).replace("{dist}", distributionName()));
    }
    return out;
  }

  /** The patterns that cover every project: each template with a {@code *} for the name. */
  static List<String> anyProject(List<String> templates) {
    return templates.stream().map(t -> t.replace("{name}", "*").replace("{dist}", "*")).toList();
  }
}
