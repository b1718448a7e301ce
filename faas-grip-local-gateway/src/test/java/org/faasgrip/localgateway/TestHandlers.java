package org.faasgrip.localgateway;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.ApplicationLoadBalancerRequestEvent;
import com.amazonaws.services.lambda.runtime.events.ApplicationLoadBalancerResponseEvent;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Small handlers of each kind the gateway invokes; each records what it saw. */
final class TestHandlers {
  static final byte[] BINARY = {0, 1, 2, (byte) 0xfe, (byte) 0xff, '\r', '\n'};

  private TestHandlers() {}

  /** REST API handler: /boom throws, /binary answers base64, anything else a multi-header text response. */
  static final class V1 implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {
    volatile APIGatewayProxyRequestEvent last;
    volatile Context context;
    volatile int remainingAtStart;

    @Override
    public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent event, Context ctx) {
      last = event;
      context = ctx;
      remainingAtStart = ctx.getRemainingTimeInMillis();
      ctx.getLogger().log("V1 handler saw " + event.getHttpMethod() + " " + event.getPath());
      if (event.getPath().equals("/boom")) {
        throw new IllegalStateException("secret detail that must not reach the client");
      }
      if (event.getPath().equals("/binary")) {
        return new APIGatewayProxyResponseEvent().withStatusCode(200)
            .withHeaders(Map.of("Content-Type", "application/octet-stream"))
            .withIsBase64Encoded(true).withBody(Base64.getEncoder().encodeToString(BINARY));
      }
      if (event.getPath().equals("/malformed")) {
        return new APIGatewayProxyResponseEvent().withBody("no status code");
      }
      return new APIGatewayProxyResponseEvent().withStatusCode(201)
          .withHeaders(Map.of("Content-Type", "text/plain; charset=utf-8", "X-Single", "one"))
          .withMultiValueHeaders(Map.of("Set-Cookie", List.of("a=1; Path=/", "b=2; Path=/")))
          .withBody("hello " + event.getHttpMethod());
    }
  }

  /** HTTP API handler: /boom throws, /binary answers base64, anything else sets cookies and headers. */
  static final class V2 implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    volatile APIGatewayV2HTTPEvent last;

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context ctx) {
      last = event;
      if (event.getRawPath().equals("/boom")) {
        throw new IllegalStateException("secret detail that must not reach the client");
      }
      if (event.getRawPath().equals("/binary")) {
        return APIGatewayV2HTTPResponse.builder().withStatusCode(200)
            .withHeaders(Map.of("content-type", "application/octet-stream"))
            .withIsBase64Encoded(true).withBody(Base64.getEncoder().encodeToString(BINARY)).build();
      }
      return APIGatewayV2HTTPResponse.builder().withStatusCode(202)
          .withHeaders(Map.of("content-type", "text/plain", "x-v2", "yes"))
          .withCookies(List.of("s=1; HttpOnly", "t=2"))
          .withBody("v2 " + event.getRequestContext().getHttp().getMethod()).build();
    }
  }

  /** ALB handler: answers with a status description, both header maps, and base64 for /binary. */
  static final class Alb
      implements RequestHandler<ApplicationLoadBalancerRequestEvent, ApplicationLoadBalancerResponseEvent> {
    volatile ApplicationLoadBalancerRequestEvent last;

    @Override
    public ApplicationLoadBalancerResponseEvent handleRequest(ApplicationLoadBalancerRequestEvent event,
        Context ctx) {
      last = event;
      if (event.getPath().equals("/boom")) {
        throw new IllegalStateException("secret detail that must not reach the client");
      }
      ApplicationLoadBalancerResponseEvent r = new ApplicationLoadBalancerResponseEvent();
      r.setStatusCode(418);
      r.setStatusDescription("418 I'm a teapot");
      r.setHeaders(Map.of("Content-Type", "text/plain", "X-Mode", "single"));
      r.setMultiValueHeaders(Map.of("Content-Type", List.of("text/plain"), "X-Mode", List.of("multi-1", "multi-2")));
      if (event.getPath().equals("/binary")) {
        r.setStatusCode(200);
        r.setStatusDescription("200 OK");
        r.setIsBase64Encoded(true);
        r.setBody(Base64.getEncoder().encodeToString(BINARY));
      } else {
        r.setIsBase64Encoded(false);
        r.setBody("short and stout");
      }
      return r;
    }
  }

  /** Answers every request with the raw event JSON it was given, as a JSON body of a 200 response. */
  public static final class EchoStream implements RequestStreamHandler {
    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
      String event = new String(input.readAllBytes(), StandardCharsets.UTF_8);
      try (JsonGenerator g = Json.FACTORY.createGenerator(output)) {
        g.writeStartObject();
        g.writeNumberField("statusCode", 200);
        g.writeObjectFieldStart("headers");
        g.writeStringField("Content-Type", "application/json");
        g.writeStringField("X-Request-Id", context.getAwsRequestId());
        g.writeEndObject();
        g.writeStringField("body", event);
        g.writeBooleanField("isBase64Encoded", false);
        g.writeEndObject();
      }
    }
  }

  /** A RequestHandler over plain maps: its result has no statusCode, so payload 2.0 infers the response. */
  static final class Maps implements RequestHandler<Map<String, Object>, Map<String, Object>> {
    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("sawPath", event.get("rawPath"));
      out.put("sawVersion", event.get("version"));
      return out;
    }
  }

  /** Reads the echoed event back out of an EchoStream response body. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> event(byte[] body) throws IOException {
    return (Map<String, Object>) Json.parse(body);
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> obj(Object o) {
    return (Map<String, Object>) o;
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static String str(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }

  static byte[] concat(byte[] a, byte[] b) {
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    o.writeBytes(a);
    o.writeBytes(b);
    return o.toByteArray();
  }
}
