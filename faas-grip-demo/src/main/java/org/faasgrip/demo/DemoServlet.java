package org.faasgrip.demo;

import jakarta.servlet.http.HttpServletRequest;
import java.util.HashMap;
import java.util.Map;
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

  private final transient Map<String, GripResponse> assets = new HashMap<>();

  DemoServlet(Grip grip) {
    super(grip);
    assets.put("/", DemoPages.page("index.html"));
    assets.put("/feed", DemoPages.page("feed.html"));
    for (String name : new String[] {"style.css", "chat.js", "feed.js", "icon.svg"}) {
      assets.put("/assets/" + name, DemoPages.page(name));
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
      return method.equals("GET") ? Feed.open(grip(), request) : DemoPages.notAllowed("GET");
    }
    if (path.equals(Feed.LIVE_PATH)) {
      return method.equals("GET") ? Feed.openLive(grip()) : DemoPages.notAllowed("GET");
    }
    if (path.equals(Feed.PUBLISH_PATH)) {
      return method.equals("POST") ? DemoPages.publishNote(grip(), request) : DemoPages.notAllowed("POST");
    }
    GripResponse asset = assets.get(path);
    if (asset == null) {
      return DemoPages.text(404, "Not found: " + path + "\n");
    }
    if (!method.equals("GET") && !method.equals("HEAD")) {
      return DemoPages.notAllowed("GET, HEAD");
    }
    return asset;
  }
}
