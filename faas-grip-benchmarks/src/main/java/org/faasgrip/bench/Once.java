package org.faasgrip.bench;

import java.io.ByteArrayOutputStream;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.faasgrip.examples.ChatStreamHandler;

/**
 * One cold invocation, the Java side of {@code bench.mjs once}: the JVM starts, loads the JavaScript faas-grip library's chat handler,
 * reads the event file, invokes the handler (publishing counted, not sent) and prints the response JSON.
 * {@code scripts/compare} times the whole process.
 *
 * <p>It takes the fastest path there is: {@code ChatStreamHandler} on {@code GripStreamHandler}, raw JSON in
 * and out, no AWS event classes, no reflection; {@code scripts/bench once} runs it on a class path of the
 * five jars it needs. Several files are invoked in turn (the class-data archive's training run uses that).
 */
public final class Once {
  private Once() {}

  /**
   * Invokes the chat handler on each event file and prints each response on its own line.
   *
   * @param args the event files
   * @throws IOException when a file cannot be read
   */
  public static void main(String[] args) throws IOException {
    PublishCounter.install();
    ChatStreamHandler handler = new ChatStreamHandler();
    ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
    for (String file : args) {
      try (InputStream in = new FileInputStream(file)) {
        handler.handleRequest(in, out, null);
      }
      out.write('\n');
    }
    out.writeTo(System.out);
    System.out.flush();
  }
}
