package org.faasgrip.examples.apigw;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.faasgrip.apigw.Connections;
import org.faasgrip.apigw.GripConnections;
import org.faasgrip.apigw.WebSocketApi;

/**
 * The demo's plain-text chat as a handler written for API Gateway: {@code $connect} joins the connection to
 * channel {@value #CHANNEL}; on {@code $default}, {@code /nick NAME} sets the nickname and answers
 * {@code nickname set to [NAME]} (a two-way route), any other text goes to everyone as {@code NAME: text} with
 * one {@link Connections#broadcast}. The same page and plain WebSocket clients work with it as with the JavaScript
 * faas-grip library's chat.
 *
 * <p>Nicknames live in the handler, as state does with API Gateway (where a DynamoDB table would keep them across
 * function instances); the map keeps the latest {@value #MAX_NICKNAMES}.
 */
public final class PlainTextChat implements RequestHandler<APIGatewayV2WebSocketEvent, APIGatewayV2WebSocketResponse> {
  /** The channel every connection joins. */
  public static final String CHANNEL = "room";
  /** How many nicknames are kept at most; the oldest goes first. */
  public static final int MAX_NICKNAMES = 10_000;

  private final Connections connections;
  private final Map<String, String> nicknames = Collections.synchronizedMap(
      new LinkedHashMap<String, String>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
          return size() > MAX_NICKNAMES;
        }
      });

  /**
   * Creates the handler.
   *
   * @param connections the {@code @connections} API
   */
  public PlainTextChat(Connections connections) {
    this.connections = connections;
  }

  /**
   * The WebSocket API of this chat: everything is {@code $default}, which is two-way.
   *
   * @param connections the {@code @connections} API, shared with the handler
   * @return the API
   */
  public static WebSocketApi api(GripConnections connections) {
    return WebSocketApi.builder(connections)
        .handler(new PlainTextChat(connections))
        .twoWay(WebSocketApi.DEFAULT)
        .build();
  }

  /**
   * Handles one route invocation.
   *
   * @param event the event, as API Gateway sends it
   * @param context the invocation's context
   * @return the route's answer; its body goes back to the client on {@code $default}
   */
  @Override
  public APIGatewayV2WebSocketResponse handleRequest(APIGatewayV2WebSocketEvent event, Context context) {
    String connectionId = event.getRequestContext().getConnectionId();
    switch (event.getRequestContext().getRouteKey()) {
      case "$connect":
        connections.subscribe(connectionId, CHANNEL);
        return response(null);
      case "$disconnect":
        nicknames.remove(connectionId);
        return response(null);
      default:
        String text = event.isIsBase64Encoded()
            ? new String(Base64.getDecoder().decode(event.getBody()), StandardCharsets.UTF_8) : event.getBody();
        if (text.startsWith("/nick ")) {
          String nick = text.substring(6);
          nicknames.put(connectionId, nick);
          return response("nickname set to [" + nick + "]");
        }
        connections.broadcast(CHANNEL, nicknames.getOrDefault(connectionId, "anonymous") + ": " + text);
        return response(null);
    }
  }

  private static APIGatewayV2WebSocketResponse response(String body) {
    APIGatewayV2WebSocketResponse r = new APIGatewayV2WebSocketResponse();
    r.setStatusCode(200);
    r.setBody(body);
    return r;
  }
}
