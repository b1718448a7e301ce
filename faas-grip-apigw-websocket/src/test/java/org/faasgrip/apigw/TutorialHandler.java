package org.faasgrip.apigw;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * A handler written as for API Gateway, in the manner of AWS's WebSocket chat tutorial: a table of connections
 * (here a set, in place of DynamoDB), {@code sendmessage} posting to each, and a few more routes the tests need.
 * It knows nothing of GRIP: only the event and {@link Connections}.
 */
final class TutorialHandler implements RequestHandler<APIGatewayV2WebSocketEvent, APIGatewayV2WebSocketResponse> {
  private static final JsonFactory JSON = new JsonFactory();

  final Set<String> table = ConcurrentHashMap.newKeySet();
  final Map<String, String> names = new ConcurrentHashMap<>();
  final BlockingQueue<APIGatewayV2WebSocketEvent> events = new LinkedBlockingQueue<>();
  private final Connections connections;

  TutorialHandler(Connections connections) {
    this.connections = connections;
  }

  @Override
  public APIGatewayV2WebSocketResponse handleRequest(APIGatewayV2WebSocketEvent event, Context context) {
    events.add(event);
    String id = event.getRequestContext().getConnectionId();
    switch (event.getRequestContext().getRouteKey()) {
      case "$connect":
        Map<String, String> query = event.getQueryStringParameters();
        if (query != null && "bad".equals(query.get("token"))) {
          return answer(401, "Unauthorized");
        }
        table.add(id);
        names.put(id, query != null && query.get("name") != null ? query.get("name") : "anonymous");
        connections.subscribe(id, "all");
        return answer(200, "Connected.");
      case "$disconnect":
        table.remove(id);
        names.remove(id);
        return answer(200, "Disconnected.");
      case "sendmessage":
        String message = field(event.getBody(), "message");
        for (String other : table) {
          connections.postToConnection(other, message);
        }
        return answer(200, "Data sent.");
      case "broadcast":
        connections.broadcast("all", field(event.getBody(), "message"));
        return answer(200, "Data sent.");
      case "kick":
        connections.deleteConnection(field(event.getBody(), "id"));
        return answer(200, "Kicked.");
      case "whoami":
        APIGatewayV2WebSocketEvent.RequestContext c = event.getRequestContext();
        return answer(200, "{\"connectionId\":\"" + id + "\",\"name\":\"" + names.get(id) + "\",\"routeKey\":\""
            + c.getRouteKey() + "\",\"sourceIp\":\"" + c.getIdentity().getSourceIp() + "\",\"connectedAt\":"
            + c.getConnectedAt() + ",\"requestTimeEpoch\":" + c.getRequestTimeEpoch() + "}");
      default:
        if (event.getBody() == null || event.getBody().isEmpty()) {
          return answer(200, ""); // nothing said, nothing to answer
        }
        if (event.isIsBase64Encoded()) {
          connections.postToConnection(id, Base64.getDecoder().decode(event.getBody()));
        } else {
          connections.postToConnection(id, "Use the sendmessage route to send a message. Your info: "
              + connections.getConnection(id).map(ConnectionInfo::toString).orElse("none"));
        }
        return answer(200, "");
    }
  }

  private static APIGatewayV2WebSocketResponse answer(int status, String body) {
    APIGatewayV2WebSocketResponse r = new APIGatewayV2WebSocketResponse();
    r.setStatusCode(status);
    r.setBody(body);
    return r;
  }

  /** A top-level string field of a JSON object. */
  static String field(String json, String name) {
    try (JsonParser p = JSON.createParser(json)) {
      p.nextToken();
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        boolean match = name.equals(p.currentName());
        p.nextToken();
        if (match) {
          return p.getText();
        }
        p.skipChildren();
      }
      return null;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
