package org.faasgrip.lambda;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import org.faasgrip.grip.GripResponse;

/**
 * Writes a {@link GripResponse} as the JSON of a Lambda response, with a streaming generator, in the same shape
 * as the typed responses of {@link LambdaResponses}: both are built from {@link ResponseParts}.
 */
final class LambdaJsonWriter implements ResponseWriter<LambdaJsonResponse> {
  private final EventFormat format;
  private final boolean multiValueHeaders;

  /** A writer of responses in the shape of one event. */
  LambdaJsonWriter(EventFormat format, boolean multiValueHeaders) {
    this.format = format;
    this.multiValueHeaders = multiValueHeaders;
  }

  @Override
  public LambdaJsonResponse write(GripResponse response) {
    return write(response, format, multiValueHeaders);
  }

  static LambdaJsonResponse write(GripResponse response, EventFormat format, boolean multiValueHeaders) {
    ResponseParts parts = ResponseParts.of(response);
    ByteArrayOutputStream out = new ByteArrayOutputStream(256 + parts.body.length());
    try (JsonGenerator g = Json.FACTORY.createGenerator(out)) {
      g.writeStartObject();
      g.writeNumberField("statusCode", parts.status);
      switch (format) {
        case API_GATEWAY_REST:
          writeHeaders(g, parts.lastValues());
          writeMultiValueHeaders(g, parts.multiValues());
          break;
        case HTTP_API:
          writeHeaders(g, parts.joinedValues(true));
          List<String> cookies = parts.setCookies();
          if (!cookies.isEmpty()) {
            g.writeArrayFieldStart("cookies");
            for (String c : cookies) {
              g.writeString(c);
            }
            g.writeEndArray();
          }
          break;
        case ALB:
          g.writeStringField("statusDescription", ResponseParts.statusDescription(parts.status));
          if (multiValueHeaders) {
            writeMultiValueHeaders(g, parts.multiValues());
          } else {
            writeHeaders(g, parts.joinedValues(false));
          }
          break;
        default:
          throw new IllegalStateException("unknown format " + format);
      }
      g.writeStringField("body", parts.body);
      g.writeBooleanField("isBase64Encoded", parts.base64);
      g.writeEndObject();
    } catch (IOException e) {
      // A ByteArrayOutputStream does not fail; this is here for the checked signature only.
      throw new UncheckedIOException(e);
    }
    return new LambdaJsonResponse(out.toByteArray(), parts.status);
  }

  private static void writeHeaders(JsonGenerator g, Map<String, String> headers) throws IOException {
    g.writeObjectFieldStart("headers");
    for (Map.Entry<String, String> e : headers.entrySet()) {
      g.writeStringField(e.getKey(), e.getValue());
    }
    g.writeEndObject();
  }

  private static void writeMultiValueHeaders(JsonGenerator g, Map<String, List<String>> headers) throws IOException {
    g.writeObjectFieldStart("multiValueHeaders");
    for (Map.Entry<String, List<String>> e : headers.entrySet()) {
      g.writeArrayFieldStart(e.getKey());
      for (String v : e.getValue()) {
        g.writeString(v);
      }
      g.writeEndArray();
    }
    g.writeEndObject();
  }
}
