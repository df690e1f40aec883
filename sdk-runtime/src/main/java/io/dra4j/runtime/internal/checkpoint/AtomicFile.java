/*
 * Copyright 2026 The dra4j Authors
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *     http://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */
package io.dra4j.runtime.internal.checkpoint;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replaces a file atomically and durably: the content goes to a temporary file in the same
 * directory (name ending in {@code .tmp}, so CDI runtimes never read it), which is fsynced, renamed
 * over the target and followed by an fsync of the directory. A reader sees either the old or the
 * new content, never a mix; a failure leaves the old file and no temporary file behind.
 */
public final class AtomicFile {
  private static final Logger LOG = LoggerFactory.getLogger(AtomicFile.class);

  private AtomicFile() {}

  /**
   * Writes {@code content} to {@code target} atomically and durably.
   *
   * @param target the file to create or replace
   * @param content the complete new content
   * @param permissions POSIX permissions such as {@code rw-r--r--}, applied regardless of umask
   * @throws IOException naming the target and the cause (read-only file system, disk full, ...)
   */
  public static void write(Path target, byte[] content, String permissions) throws IOException {
    Objects.requireNonNull(content, "content");
    Path dir = target.toAbsolutePath().getParent();
    Path tmp = null;
    try {
      tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
        ByteBuffer buf = ByteBuffer.wrap(content);
        while (buf.hasRemaining()) {
          ch.write(buf);
        }
        ch.force(true);
      }
      Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString(permissions));
      try {
        Files.move(
            tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        throw new IOException("the file system does not support atomic rename", e);
      }
      tmp = null;
      fsyncDirectory(dir);
    } catch (IOException | UnsupportedOperationException e) {
      throw new IOException("cannot write " + target + ": " + describe(e), e);
    } finally {
      if (tmp != null) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
          // The write already failed; the stray temp file ends in .tmp and is never read.
        }
      }
    }
  }

  /**
   * The names of the temporary files {@link #write} uses for targets whose file name matches {@code
   * targetName} (a regular expression): {@code .<target>.<digits>.tmp}.
   */
  public static Pattern tempNames(String targetName) {
    return Pattern.compile("\\." + targetName + "\\.[0-9]+\\.tmp");
  }

  /**
   * Deletes the temporary files a crash (kill -9, power loss) left between creating and renaming
   * them: regular files in {@code dir} whose whole name matches {@code names}. Nothing else is
   * touched, so two drivers sharing a directory never remove each other's files. Call it only while
   * no write to those targets is in flight.
   *
   * @return how many files were removed
   * @throws IOException when the directory cannot be listed or a file cannot be deleted
   */
  public static int removeOrphans(Path dir, Pattern names) throws IOException {
    if (!Files.isDirectory(dir)) {
      return 0;
    }
    List<Path> orphans;
    try (Stream<Path> files = Files.list(dir)) {
      orphans =
          files
              .filter(f -> names.matcher(f.getFileName().toString()).matches())
              .filter(f -> Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS))
              .toList();
    }
    for (Path f : orphans) {
      Files.deleteIfExists(f);
    }
    if (!orphans.isEmpty()) {
      fsyncDirectory(dir);
      LOG.info(
          "Removed {} temporary file(s) a crash left in {}: {}",
          orphans.size(),
          dir,
          orphans.stream().map(f -> f.getFileName().toString()).toList());
    }
    return orphans.size();
  }

  /** Flushes a directory's entries (renames, deletions) to disk. */
  public static void fsyncDirectory(Path dir) throws IOException {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    }
  }

  /** A short human-readable cause of an I/O failure, such as {@code Read-only file system}. */
  public static String describe(Throwable e) {
    String msg = e.getMessage();
    if (e instanceof java.nio.file.AccessDeniedException) {
      return "permission denied (" + msg + ")";
    }
    if (e instanceof java.nio.file.NoSuchFileException) {
      return "no such file or directory (" + msg + ")";
    }
    if (e instanceof java.nio.file.FileSystemException fse && fse.getReason() != null) {
      return fse.getReason() + " (" + fse.getFile() + ")";
    }
    return msg == null ? e.getClass().getSimpleName() : msg;
  }
}
