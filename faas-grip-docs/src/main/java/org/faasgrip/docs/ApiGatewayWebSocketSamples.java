package org.faasgrip.docs;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import java.net.URI;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.faasgrip.apigw.ConnectionInfo;
import org.faasgrip.apigw.Connections;
import org.faasgrip.apigw.GripConnections;
import org.faasgrip.apigw.WebSocketApi;
import org.faasgrip.apigw.WebSocketApiHandler;
import org.faasgrip.apigw.WebSocketRequestContext;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiClient;
import software.amazon.awssdk.services.apigatewaymanagementapi.model.DeleteConnectionRequest;
import software.amazon.awssdk.services.apigatewaymanagementapi.model.GetConnectionRequest;
import software.amazon.awssdk.services.apigatewaymanagementapi.model.GetConnectionResponse;
import software.amazon.awssdk.services.apigatewaymanagementapi.model.GoneException;
import software.amazon.awssdk.services.apigatewaymanagementapi.model.PostToConnectionRequest;

/** The samples of {@code docs/migrating-from-api-gateway-websockets.md}. */
public final class ApiGatewayWebSocketSamples {
  private ApiGatewayWebSocketSamples() {}

  /** A connection table, standing in for the DynamoDB table of AWS's tutorial. */
  static final Set<String> TABLE = ConcurrentHashMap.newKeySet();

  static String message(APIGatewayV2WebSocketEvent event) {
    return event.getBody();
  }

  static APIGatewayV2WebSocketResponse ok() {
    APIGatewayV2WebSocketResponse r = new APIGatewayV2WebSocketResponse();
    r.setStatusCode(200);
    return r;
  }

  // tag::before[]
  /** Before: the sendmessage route of AWS's tutorial, with the AWS SDK v2. */
  public static final class SendMessageBefore
      implements RequestHandler<APIGatewayV2WebSocketEvent, APIGatewayV2WebSocketResponse> {
    // end::before[]
    /** Created by the Lambda runtime. */
    public SendMessageBefore() {}

    // tag::before[]
    @Override
    public APIGatewayV2WebSocketResponse handleRequest(APIGatewayV2WebSocketEvent event, Context context) {
      APIGatewayV2WebSocketEvent.RequestContext rc = event.getRequestContext();
      ApiGatewayManagementApiClient api = ApiGatewayManagementApiClient.builder()
          .endpointOverride(URI.create("https://" + rc.getDomainName() + "/" + rc.getStage()))
          .build();
      for (String id : TABLE) {                       // a DynamoDB scan in the tutorial
        try {
          api.postToConnection(PostToConnectionRequest.builder()
              .connectionId(id).data(SdkBytes.fromUtf8String(message(event))).build());
        } catch (GoneException e) {
          TABLE.remove(id);
        }
      }
      GetConnectionResponse me = api.getConnection(GetConnectionRequest.builder()
          .connectionId(rc.getConnectionId()).build());
      context.getLogger().log("sent for " + me.identity().sourceIp());
      api.deleteConnection(DeleteConnectionRequest.builder().connectionId(rc.getConnectionId()).build());
      return ok();
    }
  }
  // end::before[]

  // tag::after[]
  /** After: the same route behind a GRIP proxy. */
  public static final class SendMessageAfter
      implements RequestHandler<APIGatewayV2WebSocketEvent, APIGatewayV2WebSocketResponse> {
    private final Connections api;

    /**
     * Created by the function (see ChatFunction below), with the connections of the API it serves.
     *
     * @param connections the @connections API over GRIP
     */
    public SendMessageAfter(Connections connections) {
      this.api = connections;
    }

    @Override
    public APIGatewayV2WebSocketResponse handleRequest(APIGatewayV2WebSocketEvent event, Context context) {
      APIGatewayV2WebSocketEvent.RequestContext rc = event.getRequestContext();
      for (String id : TABLE) {
        api.postToConnection(id, message(event));   // no GoneException: a gone connection's publish reaches nobody
      }
      ConnectionInfo me = api.getConnection(rc.getConnectionId()).orElseThrow();
      context.getLogger().log("sent for " + me.sourceIp());
      api.deleteConnection(rc.getConnectionId());
      return ok();
    }
  }
  // end::after[]

  // tag::function[]
  /** The Lambda function behind the proxy's HTTP route: the routes of the WebSocket API, and the handler. */
  public static final class ChatFunction extends WebSocketApiHandler {
    private static final GripConnections CONNECTIONS = GripConnections.fromEnvironment();

    /** Created by the Lambda runtime, once per execution environment. */
    public ChatFunction() {
      super(WebSocketApi.builder(CONNECTIONS)
          .routeSelectionExpression("$request.body.action")   // as the WebSocket API had it
          .route("sendmessage")                               // its custom routes
          .handler(new SendMessageAfter(CONNECTIONS))         // $connect, $disconnect, $default and sendmessage
          .build());
    }
  }
  // end::function[]

  /** A chat without a connection table: one channel, one publish. */
  public static final class BroadcastChat
      implements RequestHandler<APIGatewayV2WebSocketEvent, APIGatewayV2WebSocketResponse> {
    private final Connections connections;

    /**
     * Creates the handler.
     *
     * @param connections the @connections API over GRIP
     */
    public BroadcastChat(Connections connections) {
      this.connections = connections;
    }

    @Override
    public APIGatewayV2WebSocketResponse handleRequest(APIGatewayV2WebSocketEvent event, Context context) {
      // tag::broadcast[]
      String id = event.getRequestContext().getConnectionId();
      switch (event.getRequestContext().getRouteKey()) {
        case "$connect":
          connections.subscribe(id, "room");                  // instead of a put into the table
          break;
        case "sendmessage":
          connections.broadcast("room", message(event));      // instead of a scan and one post per connection
          break;
        case "$disconnect":
          WebSocketRequestContext c = (WebSocketRequestContext) event.getRequestContext();
          context.getLogger().log(id + " closed with " + c.getDisconnectStatusCode() + " " + c.getDisconnectReason());
          break;
        default:
          break;
      }
      return ok();
      // end::broadcast[]
    }
  }
}
