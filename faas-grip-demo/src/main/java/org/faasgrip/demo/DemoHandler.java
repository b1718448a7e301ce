package org.faasgrip.demo;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import java.util.LinkedHashMap;
import java.util.Map;
import org.faasgrip.GripException;
import org.faasgrip.examples.ChatHandler;
import org.faasgrip.grip.GripResponse;
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

  private final ChatHandler chat = new ChatHandler();
  private final Map<String, GripResponse> pages = new LinkedHashMap<>();

  /** Creates the handler and loads the pages from the class path. */
  public DemoHandler() {
    pages.put("/", DemoPages.page("index.html"));
    pages.put("/feed", DemoPages.page("feed.html"));
    for (String name : new String[] {"style.css", "chat.js", "feed.js", "icon.svg"}) {
      pages.put("/assets/" + name, DemoPages.page(name));
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
      return method.equals("GET") ? answer(Feed.openLive(FaasGrip.instance())) : notAllowed("GET");
    }
    if (path.equals(Feed.PUBLISH_PATH)) {
      return method.equals("POST") ? publish(event) : notAllowed("POST");
    }
    GripResponse page = pages.get(path);
    if (page == null) {
      return answer(DemoPages.text(404, "Not found: " + path + "\n"));
    }
    if (!method.equals("GET") && !method.equals("HEAD")) {
      return notAllowed("GET, HEAD");
    }
    APIGatewayProxyResponseEvent answer = answer(page);
    return method.equals("HEAD") ? answer.withBody("").withIsBase64Encoded(false) : answer;
  }

  private static APIGatewayProxyResponseEvent openFeed(APIGatewayProxyRequestEvent event) {
    try {
      return answer(Feed.open(FaasGrip.instance(), LambdaGrip.request(event)));
    } catch (GripException e) {
      return FaasGrip.errorResponse(e, event);
    }
  }

  private static APIGatewayProxyResponseEvent publish(APIGatewayProxyRequestEvent event) {
    try {
      return answer(DemoPages.publishNote(FaasGrip.instance(), LambdaGrip.request(event)));
    } catch (GripException e) {
      return FaasGrip.errorResponse(e, event);
    }
  }

  private static APIGatewayProxyResponseEvent notAllowed(String allow) {
    return answer(DemoPages.notAllowed(allow));
  }

  private static APIGatewayProxyResponseEvent answer(GripResponse response) {
    return LambdaResponses.toApiGateway(response);
  }
}
