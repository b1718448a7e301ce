package org.faasgrip.demo;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.faasgrip.GripException;
import org.faasgrip.examples.ChatHandler;
import org.faasgrip.lambda.FaasGrip;
import org.faasgrip.lambda.LambdaGrip;
import org.faasgrip.lambda.LambdaResponses;

/**
 * The demo's one function, behind an API Gateway REST API (payload 1.0) as the JavaScript faas-grip chat example is: it serves the
 * chat page and its assets, hands WebSocket-over-HTTP on {@value #CHAT_PATH} to {@link ChatHandler} (the JavaScript faas-grip chat example)
 * unchanged, and runs the HTTP streaming feed ({@link Feed}).
 *
 * <table>
 *   <caption>Routes</caption>
 *   <tr><th>request</th><th>answer</th></tr>
 *   <tr><td>{@code GET /}</td><td>the chat page</td></tr>
 *   <tr><td>{@code GET /feed}</td><td>the feed page</td></tr>
 *   <tr><td>{@code GET /assets/NAME}</td><td>the pages' CSS and JavaScript</td></tr>
 *   <tr><td>{@code * /chat}</td><td>{@link ChatHandler}: the JavaScript faas-grip chat example over WebSocket-over-HTTP</td></tr>
 *   <tr><td>{@code GET /feed/stream}</td><td>an event stream held by the proxy ({@code Grip-Hold: stream}), and
 *       the proxy's requests for the events a stream missed</td></tr>
 *   <tr><td>{@code GET /feed/live}</td><td>the same events without recovery, for the load tool</td></tr>
 *   <tr><td>{@code POST /feed/publish}</td><td>publishes the body's text to every open feed</td></tr>
 * </table>
 *
 * <p>The pages are read once, when the handler is made, as a warm Lambda function would keep them.
 */
public final class DemoHandler implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {
  /** Where the chat's WebSocket connects. */
  public static final String CHAT_PATH = "/chat";

  private static final String SITE = "/org/faasgrip/demo/site/";
  private static final Map<String, String> TYPES = Map.of(
      "html", "text/html; charset=utf-8",
      "css", "text/css; charset=utf-8",
      "js", "text/javascript; charset=utf-8",
      "svg", "image/svg+xml");

  private final ChatHandler chat = new ChatHandler();
  private final Map<String, Asset> assets = new LinkedHashMap<>();

  /** Creates the handler and loads the pages from the class path. */
  public DemoHandler() {
    assets.put("/", load("index.html"));
    assets.put("/feed", load("feed.html"));
    for (String name : new String[] {"style.css", "chat.js", "feed.js", "icon.svg"}) {
      assets.put("/assets/" + name, load(name));
    }
  }

  /**
   * Answers one request.
   *
   * @param event the request, as API Gateway's REST API sends it
   * @param context the invocation's context
   * @return the page, the chat's WebSocket events, the feed's hold, or 404 / 405
   */
  @Override
  public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent event, Context context) {
    String path = event.getPath() == null ? "/" : event.getPath();
    String method = event.getHttpMethod() == null ? "GET" : event.getHttpMethod();
    if (path.equals(CHAT_PATH)) {
      return chat.handleRequest(event, context);
    }
    if (path.equals(Feed.STREAM_PATH)) {
      return method.equals("GET") ? openFeed(event) : notAllowed("GET");
    }
    if (path.equals(Feed.LIVE_PATH)) {
      return method.equals("GET") ? LambdaResponses.toApiGateway(Feed.openLive(FaasGrip.instance())) : notAllowed("GET");
    }
    if (path.equals(Feed.PUBLISH_PATH)) {
      return method.equals("POST") ? publish(event) : notAllowed("POST");
    }
    Asset asset = assets.get(path);
    if (asset == null) {
      return text(404, "Not found: " + path + "\n");
    }
    if (!method.equals("GET") && !method.equals("HEAD")) {
      return notAllowed("GET, HEAD");
    }
    return new APIGatewayProxyResponseEvent()
        .withStatusCode(200)
        .withHeaders(Map.of("Content-Type", asset.type, "Cache-Control", "no-cache"))
        .withBody(method.equals("HEAD") ? "" : asset.body);
  }

  private static APIGatewayProxyResponseEvent openFeed(APIGatewayProxyRequestEvent event) {
    try {
      return LambdaResponses.toApiGateway(Feed.open(FaasGrip.instance(), LambdaGrip.request(event)));
    } catch (GripException e) {
      return FaasGrip.errorResponse(e, event);
    }
  }

  private static APIGatewayProxyResponseEvent publish(APIGatewayProxyRequestEvent event) {
    // Only requests that came through Pushpin may publish: the signature proves it.
    try {
      if (!FaasGrip.isFromProxy(event)) {
        return text(403, "Not from the GRIP proxy: publish through Pushpin\n");
      }
    } catch (GripException e) {
      return FaasGrip.errorResponse(e, event);
    }
    String body = event.getBody() == null ? "" : event.getBody();
    if (Boolean.TRUE.equals(event.getIsBase64Encoded())) {
      body = new String(Base64.getDecoder().decode(body), StandardCharsets.UTF_8);
    }
    String note = body.strip();
    if (note.isEmpty()) {
      return text(400, "Nothing to publish: send the text as the request body\n");
    }
    if (note.length() > Feed.MAX_NOTE_CHARS) {
      return text(413, "At most " + Feed.MAX_NOTE_CHARS + " characters, got " + note.length() + "\n");
    }
    try {
      Feed.publishNote(FaasGrip.instance(), note);
    } catch (GripException e) {
      return text(502, "Pushpin did not take the publish: " + e.getMessage() + "\n");
    }
    return text(202, "published\n");
  }

  private static APIGatewayProxyResponseEvent notAllowed(String allow) {
    return new APIGatewayProxyResponseEvent().withStatusCode(405)
        .withHeaders(Map.of("Content-Type", "text/plain; charset=utf-8", "Allow", allow))
        .withBody("Method not allowed; use " + allow + "\n");
  }

  private static APIGatewayProxyResponseEvent text(int status, String body) {
    return new APIGatewayProxyResponseEvent().withStatusCode(status)
        .withHeaders(Map.of("Content-Type", "text/plain; charset=utf-8", "Cache-Control", "no-cache"))
        .withBody(body);
  }

  private static Asset load(String name) {
    String ext = name.substring(name.lastIndexOf('.') + 1);
    try (InputStream in = DemoHandler.class.getResourceAsStream(SITE + name)) {
      if (in == null) {
        throw new IllegalStateException("The demo's page " + SITE + name + " is missing from the class path");
      }
      return new Asset(TYPES.get(ext), new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the demo's page " + SITE + name, e);
    }
  }

  private static final class Asset {
    final String type;
    final String body;

    Asset(String type, String body) {
      this.type = type;
      this.body = body;
    }
  }
}
