package org.faasgrip.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.faasgrip.GripException;
import org.faasgrip.function.Grip;
import org.faasgrip.grip.GripRequest;
import org.faasgrip.grip.GripResponse;

/**
 * The demo's routes that answer without the chat, as {@link GripResponse}s, for every platform's function
 * ({@link DemoHandler}, {@link DemoServlet}, {@code GcfDemo.Function}): the pages, the feed's publish form and the
 * plain-text answers.
 */
final class DemoPages {
  private static final String SITE = "/org/faasgrip/demo/site/";
  private static final Map<String, String> TYPES = Map.of(
      "html", "text/html; charset=utf-8",
      "css", "text/css; charset=utf-8",
      "js", "text/javascript; charset=utf-8",
      "svg", "image/svg+xml");

  private DemoPages() {}

  /** A page or asset of the site, read from the class path once. */
  static GripResponse page(String name) {
    String type = TYPES.get(name.substring(name.lastIndexOf('.') + 1));
    try (InputStream in = DemoPages.class.getResourceAsStream(SITE + name)) {
      if (in == null) {
        throw new IllegalStateException("The demo's page " + SITE + name + " is missing from the class path");
      }
      return GripResponse.builder().addHeader("Content-Type", type).addHeader("Cache-Control", "no-cache")
          .body(in.readAllBytes()).build();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the demo's page " + SITE + name, e);
    }
  }

  /** {@code POST /feed/publish}: publishes the body as a note to the feed. */
  static GripResponse publishNote(Grip grip, GripRequest request) {
    // Only requests that came through Pushpin may publish: the signature proves it.
    if (!grip.isFromProxy(request)) {
      return text(403, "Not from the GRIP proxy: publish through Pushpin\n");
    }
    String note = new String(request.body(), StandardCharsets.UTF_8).strip();
    if (note.isEmpty()) {
      return text(400, "Nothing to publish: send the text as the request body\n");
    }
    if (note.length() > Feed.MAX_NOTE_CHARS) {
      return text(413, "At most " + Feed.MAX_NOTE_CHARS + " characters, got " + note.length() + "\n");
    }
    try {
      Feed.publishNote(grip, note);
    } catch (GripException e) {
      return text(502, "Pushpin did not take the publish: " + e.getMessage() + "\n");
    }
    return text(202, "published\n");
  }

  static GripResponse notAllowed(String allow) {
    return GripResponse.builder().status(405).addHeader("Content-Type", "text/plain; charset=utf-8")
        .addHeader("Allow", allow).body("Method not allowed; use " + allow + "\n").build();
  }

  static GripResponse text(int status, String body) {
    return GripResponse.builder().status(status).addHeader("Content-Type", "text/plain; charset=utf-8")
        .addHeader("Cache-Control", "no-cache").body(body).build();
  }
}
