package io.jcl.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Reads a JSON-lines file from its start and then what is appended, as {@code tail -F} does: when the
 * writer rotates it (the path names a new file), the rest of the old one is read first, then the new one
 * from its start. Only whole lines are handed out; a line still being written waits for its newline.
 */
final class EventTail implements AutoCloseable {

  private final Path file;
  private FileChannel channel;
  private Object fileKey;
  private final ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
  private final ByteArrayOutputStream partial = new ByteArrayOutputStream();

  EventTail(Path file) {
    this.file = file;
  }

  /** Hands out every whole line available now. */
  void poll(Consumer<String> line) throws IOException {
    if (channel == null && !open()) {
      return;
    }
    drain(line);
    Object now = currentKey();
    if (now != null && !Objects.equals(now, fileKey)) { // rotated: finish the old file, start the new one
      drain(line);
      channel.close();
      channel = null;
      partial.reset();
      if (open()) {
        drain(line);
      }
    }
  }

  private boolean open() throws IOException {
    try {
      channel = FileChannel.open(file, StandardOpenOption.READ);
      fileKey = Files.readAttributes(file, BasicFileAttributes.class).fileKey();
      return true;
    } catch (NoSuchFileException e) {
      return false;
    }
  }

  private Object currentKey() throws IOException {
    try {
      return Files.readAttributes(file, BasicFileAttributes.class).fileKey();
    } catch (NoSuchFileException e) {
      return null; // gone with the runtime dir: what was open is still readable
    }
  }

  private void drain(Consumer<String> line) throws IOException {
    buffer.clear();
    while (channel.read(buffer) > 0) {
      buffer.flip();
      while (buffer.hasRemaining()) {
        byte b = buffer.get();
        if (b == '\n') {
          line.accept(partial.toString(StandardCharsets.UTF_8));
          partial.reset();
        } else {
          partial.write(b);
        }
      }
      buffer.clear();
    }
  }

  @Override
  public void close() throws IOException {
    if (channel != null) {
      channel.close();
    }
  }
}
