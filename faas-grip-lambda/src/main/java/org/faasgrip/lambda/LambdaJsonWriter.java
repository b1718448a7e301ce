package org.faasgrip.lambda;

import org.faasgrip.grip.GripResponse;
import org.faasgrip.internal.JsonBytes;

/**
 * Writes a {@link GripResponse} as the JSON of a Lambda response, in the same shape as the typed responses of
 * {@link LambdaResponses}: both are built from {@link ResponseParts}, which holds the mapping rules. The bytes
 * are written by hand into one array ({@link JsonBytes}), with no generator and no maps in between: this runs
 * once per invocation, and a generator's setup cost more than the writing (see docs/decisions.md).
 */
final class LambdaJsonWriter implements ResponseWriter<LambdaJsonResponse> {
  // The fixed parts, as bytes once: an array copy each, not a loop over chars.
  private static final byte[] STATUS_CODE = JsonBytes.asciiBytes("{\"statusCode\":");
  private static final byte[] COOKIES = JsonBytes.asciiBytes(",\"cookies\":[");
  private static final byte[] STATUS_DESCRIPTION = JsonBytes.asciiBytes(",\"statusDescription\":");
  private static final byte[] BODY = JsonBytes.asciiBytes(",\"body\":");
  private static final byte[] HEADERS = JsonBytes.asciiBytes(",\"headers\":{");
  private static final byte[] MULTI_VALUE_HEADERS = JsonBytes.asciiBytes(",\"multiValueHeaders\":{");
  private static final byte[] ARRAY_VALUE = JsonBytes.asciiBytes(":[");
  private static final byte[] BASE64_TRUE = JsonBytes.asciiBytes(",\"isBase64Encoded\":true}");
  private static final byte[] BASE64_FALSE = JsonBytes.asciiBytes(",\"isBase64Encoded\":false}");

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
    byte[] body = parts.bodyBytes();
    JsonBytes out = new JsonBytes(sizeHint(parts, body.length));
    out.raw(STATUS_CODE).number(parts.status);
    switch (format) {
      case API_GATEWAY_REST:
        // One map, as ResponseParts.repeats() says: API Gateway would merge the two anyway.
        if (parts.repeats()) {
          writeMultiValues(out, parts);
        } else {
          writeLastValues(out, parts);
        }
        break;
      case HTTP_API:
        writeJoinedValues(out, parts, true);
        int cookies = parts.setCookieGroup();
        if (cookies >= 0) {
          out.raw(COOKIES);
          for (int k = 0, n = parts.valueCount(cookies); k < n; k++) {
            if (k > 0) {
              out.ascii(',');
            }
            out.string(parts.value(cookies, k));
          }
          out.ascii(']');
        }
        break;
      case ALB:
        out.raw(STATUS_DESCRIPTION).string(ResponseParts.statusDescription(parts.status));
        if (multiValueHeaders) {
          writeMultiValues(out, parts);
        } else {
          writeJoinedValues(out, parts, false);
        }
        break;
      default:
        throw new IllegalStateException("unknown format " + format);
    }
    out.raw(BODY);
    if (parts.base64) {
      out.base64String(body);
    } else {
      out.utf8String(body);
    }
    out.raw(parts.base64 ? BASE64_TRUE : BASE64_FALSE);
    return new LambdaJsonResponse(out.array(), out.length(), parts.status);
  }

  /** Room for the usual response without growing: headers written twice (REST), escapes rare, base64 4/3. */
  private static int sizeHint(ResponseParts parts, int bodyLength) {
    long size = 128 + (bodyLength + 2) / 3 * 4L;
    for (int i = 0; i < parts.count; i++) {
      size += 2 * parts.name(i).length() + 16;
      for (int k = 0, n = parts.valueCount(i); k < n; k++) {
        size += 2 * parts.value(i, k).length() + 4;
      }
    }
    return (int) Math.min(size, 1 << 20);
  }

  private static void writeLastValues(JsonBytes out, ResponseParts parts) {
    out.raw(HEADERS);
    for (int i = 0; i < parts.count; i++) {
      if (i > 0) {
        out.ascii(',');
      }
      out.string(parts.name(i)).ascii(':').string(parts.lastValue(i));
    }
    out.ascii('}');
  }

  private static void writeJoinedValues(JsonBytes out, ResponseParts parts, boolean skipSetCookie) {
    out.raw(HEADERS);
    boolean first = true;
    for (int i = 0; i < parts.count; i++) {
      if (skipSetCookie && parts.isSetCookie(i)) {
        continue;
      }
      if (!first) {
        out.ascii(',');
      }
      first = false;
      out.string(parts.name(i)).ascii(':').string(parts.joinedValues(i));
    }
    out.ascii('}');
  }

  private static void writeMultiValues(JsonBytes out, ResponseParts parts) {
    out.raw(MULTI_VALUE_HEADERS);
    for (int i = 0; i < parts.count; i++) {
      if (i > 0) {
        out.ascii(',');
      }
      out.string(parts.name(i)).raw(ARRAY_VALUE);
      for (int k = 0, n = parts.valueCount(i); k < n; k++) {
        if (k > 0) {
          out.ascii(',');
        }
        out.string(parts.value(i, k));
      }
      out.ascii(']');
    }
    out.ascii('}');
  }
}
