package org.faasgrip.examples.apigw;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.faasgrip.apigw.ConnectionInfo;
import org.faasgrip.apigw.Connections;
import org.faasgrip.apigw.GripConnections;
import org.faasgrip.apigw.WebSocketApi;

/**
 * The chat of AWS's tutorial "Create a WebSocket chat app with a WebSocket API, Lambda and DynamoDB", in Java, as
 * a handler written for API Gateway: {@code $connect} stores the connection id, {@code $disconnect} removes it,
 * {@code sendmessage} ({@code {"action":"sendmessage","message":"hi"}}) posts the message to every stored
 * connection, {@code $default} tells the client how to use it, with what {@code GetConnection} knows of it.
 *
 * <p>The only change for the GRIP proxy is the client of the {@code @connections} API: {@link Connections} where
 * the tutorial has {@code ApiGatewayManagementApiClient}. The table of connections is a set here, standing in for
 * the tutorial's DynamoDB table; with one publish to a channel ({@link PlainTextChat}) a chat needs no table.
 */
public final class SendMessageChat
    implements RequestHandler<APIGatewayV2WebSocketEvent, APIGatewayV2WebSocketResponse> {
  /** The most connections the table holds; {@code $connect} answers 503 beyond. */
  public static final int MAX_CONNECTIONS = 10_000;
  private static final JsonFactory JSON = new JsonFactory();

  private final Connections connections;
  private final Set<String> table = ConcurrentHashMap.newKeySet();

  /**
   * Creates the handler.
   *
   * @param connections the {@code @connections} API
   */
  public SendMessageChat(Connections connections) {
    this.connections = connections;
  }

  /**
   * The WebSocket API the tutorial deploys: route selection on {@code $request.body.action}, one custom route,
   * {@code sendmessage}, all routes one-way.
   *
   * @param connections the {@code @connections} API, shared with the handler
   * @return the API
   */
  public static WebSocketApi api(GripConnections connections) {
    return WebSocketApi.builder(connections)
        .routeSelectionExpression("$request.body.action")
        .route("sendmessage")
        .handler(new SendMessageChat(connections))
        .build();
  }

  /**
   * Handles one route invocation.
   *
   * @param event the event, as API Gateway sends it
   * @param context the invocation's context
   * @return the route's answer
   */
  @Override
  public APIGatewayV2WebSocketResponse handleRequest(APIGatewayV2WebSocketEvent event, Context context) {
    String connectionId = event.getRequestContext().getConnectionId();
    switch (event.getRequestContext().getRouteKey()) {
      case "$connect":
        if (table.size() >= MAX_CONNECTIONS) {
          return response(503, "Too many connections.");
        }
        table.add(connectionId);
        return response(200, "Connected.");
      case "$disconnect":
        table.remove(connectionId);
        return response(200, "Disconnected.");
      case "sendmessage":
        String message = message(event.getBody());
        for (String id : table) {
          connections.postToConnection(id, message);
        }
        return response(200, "Data sent.");
      default:
        Optional<ConnectionInfo> info = connections.getConnection(connectionId);
        connections.postToConnection(connectionId, "Use the sendmessage route to send a message. Your info:"
            + info.map(SendMessageChat::describe).orElse("{}"));
        return response(200, "Data sent.");
    }
  }

  private static String describe(ConnectionInfo i) {
    return "{\"ConnectedAt\":\"" + i.connectedAt() + "\",\"Identity\":{\"SourceIp\":\"" + i.sourceIp()
        + "\"},\"LastActiveAt\":\"" + i.lastActiveAt() + "\",\"connectionID\":\"" + i.connectionId() + "\"}";
  }

  private static APIGatewayV2WebSocketResponse response(int status, String body) {
    APIGatewayV2WebSocketResponse r = new APIGatewayV2WebSocketResponse();
    r.setStatusCode(status);
    r.setBody(body);
    return r;
  }

  /** The body's top-level {@code message} string; empty when there is none. */
  static String message(String body) {
    try (JsonParser p = JSON.createParser(body)) {
      if (p.nextToken() == JsonToken.START_OBJECT) {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          boolean found = "message".equals(p.currentName());
          if (p.nextToken() == JsonToken.VALUE_STRING && found) {
            return p.getText();
          }
          p.skipChildren();
        }
      }
      return "";
    } catch (IOException e) {
      return ""; // the route was selected from this JSON, so it parses; anything else says nothing
    }
  }
}
