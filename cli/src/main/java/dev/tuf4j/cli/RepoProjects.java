package dev.tuf4j.cli;

import dev.tuf4j.KeyFileException;
import dev.tuf4j.crypto.KeyFiles;
import dev.tuf4j.crypto.PublicKey;
import dev.tuf4j.crypto.SchemeRegistry;
import dev.tuf4j.repository.Project;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * PEP 480 registrations waiting for their first upload, one folder per project under {@code
 * DIR/.tuf4j/projects/}: {@code project.properties} (name, threshold) and the developers' public
 * key files. A folder appears whole (written aside, then renamed) and goes once the project's
 * delegation is published.
 */
final class RepoProjects {
  private RepoProjects() {}

  static void write(Path folder, Project p) throws UserError {
    Path target = folder.resolve(p.normalizedName());
    if (Files.exists(target)) {
      throw new UserError("project " + p.normalizedName() + " is registered already");
    }
    Path temp = null;
    try {
      Files.createDirectories(folder);
      temp = Files.createTempDirectory(folder, ".new-");
      Properties props = new Properties();
      props.setProperty("name", p.name());
      props.setProperty("threshold", Integer.toString(p.threshold()));
      StringWriter w = new StringWriter();
      props.store(w, "PEP 480 project waiting for its first upload");
      Files.writeString(temp.resolve("project.properties"), w.toString(), StandardCharsets.UTF_8);
      KeyFiles files = new KeyFiles(new SecureRandom());
      for (int i = 0; i < p.developerKeys().size(); i++) {
        files.writePublicKey(temp.resolve("key-" + i + ".pub.json"), p.developerKeys().get(i));
      }
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
      temp = null;
    } catch (IOException | KeyFileException e) {
      throw new UserError(folder + ": cannot record the registration: " + e.getMessage(), e);
    } finally {
      if (temp != null) {
        deleteTree(temp);
      }
    }
  }

  static List<Project> read(Path folder) throws UserError {
    List<Project> out = new ArrayList<>();
    if (!Files.isDirectory(folder)) {
      return out;
    }
    try (DirectoryStream<Path> dirs = Files.newDirectoryStream(folder, p -> !p.getFileName().toString().startsWith("."))) {
      for (Path d : dirs) {
        out.add(readOne(d));
      }
    } catch (IOException e) {
      throw new UserError(folder + ": cannot read the registrations: " + e.getMessage(), e);
    }
    out.sort(Comparator.comparing(Project::normalizedName));
    return out;
  }

  private static Project readOne(Path d) throws UserError, IOException {
    Properties props = new Properties();
    props.load(new StringReader(Files.readString(d.resolve("project.properties"), StandardCharsets.UTF_8)));
    KeyFiles files = new KeyFiles(new SecureRandom());
    List<PublicKey> keys = new ArrayList<>();
    try (DirectoryStream<Path> keyFiles = Files.newDirectoryStream(d, "key-*.pub.json")) {
      List<Path> sorted = new ArrayList<>();
      keyFiles.forEach(sorted::add);
      sorted.sort(Comparator.naturalOrder());
      for (Path k : sorted) {
        keys.add(files.readPublicKey(k, SchemeRegistry.defaults()));
      }
    } catch (KeyFileException e) {
      throw new UserError(d + ": damaged registration: " + e.getMessage(), e);
    }
    try {
      return new Project(props.getProperty("name", ""), keys, Integer.parseInt(props.getProperty("threshold", "")));
    } catch (IllegalArgumentException e) {
      throw new UserError(d + ": damaged registration: " + e.getMessage(), e);
    }
  }

  static void delete(Path folder, Project p) {
    deleteTree(folder.resolve(p.normalizedName()));
  }

  private static void deleteTree(Path d) {
    try (Stream<Path> all = Files.walk(d)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      // A leftover registration is dropped again by the next run.
    }
  }
}
