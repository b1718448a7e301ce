package org.faasgrip.demo;

import com.google.cloud.functions.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.HashMap;
import java.util.Map;
import org.faasgrip.config.GripConfig;
import org.faasgrip.examples.Chat;
import org.faasgrip.function.Grip;
import org.faasgrip.gcf.GripHttpFunction;
import org.faasgrip.grip.GripRequest;
import org.faasgrip.grip.GripResponse;
import org.faasgrip.publisher.GripPublisher;
import org.faasgrip.testkit.FunctionsFramework;

/**
 * The demo on Google Cloud Functions' own server: {@code scripts/demo --platform gcf} runs {@link Function}, the
 * demo's routes as one Cloud Functions HTTP function, in Google's Functions Framework invoker (in a JVM of its own,
 * as the platform runs it), with Pushpin in front of it.
 */
final class GcfDemo {
  /** The invoker's {@code --target}: named, not referenced, so the demo's own JVM never loads the function API. */
  static final String TARGET = "org.faasgrip.demo.GcfDemo$Function";
  /** The system property that names the invoker's jar; {@code scripts/demo} and the build set it. */
  static final String INVOKER_JAR = FunctionsFramework.INVOKER_JAR_PROPERTY;

  private GcfDemo() {}

  /**
   * Starts the invoker on {@code port} with the function configured by {@code gripUrl}, requiring Pushpin's
   * signature.
   */
  static FunctionsFramework start(int port, String gripUrl) {
    return FunctionsFramework.builder(TARGET)
        .invokerJar(invokerJar())
        .port(port)
        .env("GRIP_URL", gripUrl)
        .env(Grip.GRIP_VERIFY, "required")
        .start();
  }

  private static Path invokerJar() {
    String named = System.getProperty(INVOKER_JAR);
    if (named != null && !named.isBlank()) {
      return Paths.get(named);
    }
    // Where the demo module's build copies it, from the repository's root (scripts/demo) or the module's.
    for (String candidate : new String[] {"faas-grip-demo/target/gcf/java-function-invoker.jar",
        "target/gcf/java-function-invoker.jar"}) {
      if (Files.isRegularFile(Paths.get(candidate))) {
        return Paths.get(candidate);
      }
    }
    throw new IllegalStateException("No Functions Framework invoker: build the demo (./mvnw package -pl"
        + " faas-grip-demo -am), or set -D" + INVOKER_JAR + " to the java-function-invoker jar");
  }

  /**
   * The demo's routes as a Cloud Functions HTTP function (see {@link DemoHandler} for the table): the pages, the
   * chat ({@code Chat}) on {@value DemoHandler#CHAT_PATH}, the feed's stream and its publish. Configured by
   * {@code GRIP_URL} in its environment; every chat message is mirrored to the feed ({@link Feed#mirrorChat}).
   */
  public static final class Function extends GripHttpFunction {
    private final Map<String, GripResponse> pages = new HashMap<>();

    /** Creates the function from the environment; the invoker makes one per function instance. */
    public Function() {
      super(fromEnvironment());
      pages.put("/", DemoPages.page("index.html"));
      pages.put("/feed", DemoPages.page("feed.html"));
      for (String name : new String[] {"style.css", "chat.js", "feed.js", "icon.svg"}) {
        pages.put("/assets/" + name, DemoPages.page(name));
      }
    }

    private static Grip fromEnvironment() {
      GripConfig config = GripConfig.fromEnvironment();
      GripPublisher publisher = GripPublisher.builder().config(config).build();
      return Grip.builder()
          .config(config)
          .requireSignature(true)
          .publishWith(items -> publisher.publishAsync(Feed.mirrorChat(items)))
          .build();
    }

    /**
     * Answers one request.
     *
     * @param request the request
     * @param httpRequest the invoker's request (unused)
     * @return the page, the chat's events, the feed's hold, or 403 / 404 / 405 / 413
     */
    @Override
    protected GripResponse handle(GripRequest request, HttpRequest httpRequest) {
      String path = request.path();
      String method = request.method();
      switch (path) {
        case DemoHandler.CHAT_PATH:
          return Chat.handle(grip().webSocket(request), grip());
        case Feed.STREAM_PATH:
          return method.equals("GET") ? Feed.open(grip(), request) : DemoPages.notAllowed("GET");
        case Feed.LIVE_PATH:
          return method.equals("GET") ? Feed.openLive(grip()) : DemoPages.notAllowed("GET");
        case Feed.PUBLISH_PATH:
          return method.equals("POST") ? DemoPages.publishNote(grip(), request) : DemoPages.notAllowed("POST");
        default:
          GripResponse page = pages.get(path);
          if (page == null) {
            return DemoPages.text(404, "Not found: " + path + "\n");
          }
          if (!method.equals("GET") && !method.equals("HEAD")) {
            return DemoPages.notAllowed("GET, HEAD");
          }
          return page;
      }
    }
  }
}
