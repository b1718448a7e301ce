package org.faasgrip.demo;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.faasgrip.GripException;
import org.faasgrip.examples.servlet.ChatServlet;
import org.faasgrip.function.Grip;
import org.faasgrip.grip.GripRequest;
import org.faasgrip.grip.GripResponse;
import org.faasgrip.servlet.GripServlet;

/**
 * The demo's one servlet, the twin of {@link DemoHandler}: the chat page and its assets, the chat on
 * {@value DemoHandler#CHAT_PATH} ({@link ChatServlet#respond}), and the streaming feed ({@link Feed}), with the same
 * routes and answers.
 */
final class DemoServlet extends GripServlet {
  private static final long serialVersionUID = 1L;
  private static final String SITE = "/org/faasgrip/demo/site/";
  private static final Map<String, String> TYPES = Map.of(
      "html", "text/html; charset=utf-8",
      "css", "text/css; charset=utf-8",
      "js", "text/javascript; charset=utf-8",
      "svg", "image/svg+xml");

  private final transient Map<String, GripResponse> assets = new HashMap<>();

  DemoServlet(Grip grip) {
    super(grip);
    assets.put("/", load("index.html"));
    assets.put("/feed", load("feed.html"));
    for (String name : new String[] {"style.css", "chat.js", "feed.js", "icon.svg"}) {
      assets.put("/assets/" + name, load(name));
    }
  }

  @Override
  protected GripResponse handle(GripRequest request, HttpServletRequest servletRequest) {
    String path = request.path();
    String method = request.method();
    if (path.equals(DemoHandler.CHAT_PATH)) {
      return ChatServlet.respond(grip(), request);
    }
    if (path.equals(Feed.STREAM_PATH)) {
      return method.equals("GET") ? Feed.open(grip()) : notAllowed("GET");
    }
    if (path.equals(Feed.PUBLISH_PATH)) {
      return method.equals("POST") ? publish(request) : notAllowed("POST");
    }
    GripResponse asset = assets.get(path);
    if (asset == null) {
      return text(404, "Not found: " + path + "\n");
    }
    if (!method.equals("GET") && !method.equals("HEAD")) {
      return notAllowed("GET, HEAD");
    }
    return asset;
  }

  private GripResponse publish(GripRequest request) {
    // Only requests that came through Pushpin may publish: the signature proves it.
    if (!grip().isFromProxy(request)) {
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
      Feed.publishNote(grip(), note);
    } catch (GripException e) {
      return text(502, "Pushpin did not take the publish: " + e.getMessage() + "\n");
    }
    return text(202, "published\n");
  }

  private static GripResponse notAllowed(String allow) {
    return GripResponse.builder().status(405).addHeader("Content-Type", "text/plain; charset=utf-8")
        .addHeader("Allow", allow).body("Method not allowed; use " + allow + "\n").build();
  }

  private static GripResponse text(int status, String body) {
    return GripResponse.builder().status(status).addHeader("Content-Type", "text/plain; charset=utf-8")
        .addHeader("Cache-Control", "no-cache").body(body).build();
  }

  private static GripResponse load(String name) {
    String ext = name.substring(name.lastIndexOf('.') + 1);
    try (InputStream in = DemoServlet.class.getResourceAsStream(SITE + name)) {
      if (in == null) {
        throw new IllegalStateException("The demo's page " + SITE + name + " is missing from the class path");
      }
      return GripResponse.builder().addHeader("Content-Type", TYPES.get(ext)).addHeader("Cache-Control", "no-cache")
          .body(in.readAllBytes()).build();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the demo's page " + SITE + name, e);
    }
  }
}
