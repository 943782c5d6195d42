package io.jcl.primary;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The AppCDS archive workers start from ({@code $JCL_HOME/cds/<key>.jsa}): JDK 17 needs a run that
 * dumps it ({@code -XX:ArchiveClassesAtExit}), so the first cluster start trains one in the background
 * and later spawns use it. The key covers the JVM and every class-path entry's size and date, so an
 * upgrade never loads a stale archive.
 */
public final class AppCds {

  private AppCds() {
  }

  public static Path archive(String java, String classpath) {
    StringBuilder key = new StringBuilder(java).append('|').append(System.getProperty("java.vm.version"));
    for (String entry : classpath.split(File.pathSeparator)) {
      File f = new File(entry);
      key.append('|').append(entry).append(':').append(f.length()).append(':').append(f.lastModified());
    }
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.toString().getBytes(StandardCharsets.UTF_8));
      return RuntimeDir.home().resolve("cds").resolve(HexFormat.of().formatHex(digest, 0, 12) + ".jsa");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  public static boolean ready(Path archive) {
    return Files.isRegularFile(archive);
  }
}
