package org.faasgrip.lambda;

import java.util.Arrays;
import org.faasgrip.grip.GripRequest;

/**
 * Reads the raw JSON of an API Gateway (1.0, 2.0), Function URL or ALB event in one pass over its bytes, making
 * strings only of the fields a GRIP request needs; everything else is checked as JSON and skipped. No reflection,
 * no AWS event classes.
 *
 * <p>{@code headers} and the body are read after the pass, from offsets noted during it, because what to make of
 * them depends on fields that may come later: a REST event repeats every {@code headers} entry in
 * {@code multiValueHeaders}, and only the entries missing from the latter are made strings of; the body is
 * decoded as {@code isBase64Encoded} says.
 */
final class LambdaEventReader {
  private static final byte[] EMPTY = new byte[0];
  private static final String[] EMPTY_VALUES = new String[0];

  private final JsonCursor in;
  private String version;
  private String httpMethod;
  private String path;
  private String rawPath;
  /**
   * {@code headers} as found in the pass, four ints a member: where its name starts and ends, whether the name
   * is plain ASCII (1) or not (0), and where its value starts; null when absent or null.
   */
  private int[] headerIndex;
  private int headerMembers;
  /** The body string as scanned in the pass (see JsonCursor.restoreString); bodyStart is -1 for none. */
  private int bodyStart = -1;
  private int bodyEnd;
  private boolean bodyPlain;
  private boolean base64;
  private boolean elb;
  private String contextMethod;
  private String contextPath;
  private String cookie;
  /** Read as met: a REST or ALB event needs all of it. */
  private HeaderList multiValueHeaders;
  /** Payload 2.0's query string, as sent. */
  private String rawQueryString;
  /** REST and ALB: the parameters, one value a name or every value; null when absent or null. */
  private HeaderList queryParameters;
  private HeaderList multiValueQueryParameters;

  private LambdaEventReader(byte[] json) {
    this.in = new JsonCursor(json);
  }

  static LambdaEvent read(byte[] json) {
    return new LambdaEventReader(json).readEvent();
  }

  private LambdaEvent readEvent() {
    int c = in.peek();
    if (c == -1) {
      throw new LambdaEventException("empty event: expected a JSON object");
    }
    if (c != '{') {
      throw in.wrongType("the event", "a JSON object");
    }
    if (in.enterObject()) {
      do {
        member();
      } while (in.nextMember());
    }
    in.expectEnd("the event object");
    return build();
  }

  /**
   * One member of the event object. A repeated member replaces the earlier one whole, as in a map (and as the
   * AWS event classes read it): every member sets all that it stands for, null or absent included, never only
   * what it happens to contain.
   */
  private void member() {
    // By length first: most of an event's members are none of these, and then one comparison of lengths is all.
    // (A name with escapes, which no AWS event has, is measured decoded.)
    switch (in.stringPlain() ? in.stringEnd() - in.stringStart() : in.stringValue().length()) {
      case 4:
        if (in.nameIs("body")) {
          bodyStart = -1;
          if (in.string("body")) {
            bodyStart = in.stringStart();
            bodyEnd = in.stringEnd();
            bodyPlain = in.stringPlain();
          }
          return;
        }
        if (in.nameIs("path")) {
          path = text("path");
          return;
        }
        break;
      case 7:
        if (in.nameIs("headers")) {
          indexHeaders();
          return;
        }
        if (in.nameIs("version")) {
          version = text("version");
          return;
        }
        if (in.nameIs("rawPath")) {
          rawPath = text("rawPath");
          return;
        }
        if (in.nameIs("cookies")) {
          cookie = cookies();
          return;
        }
        break;
      case 10:
        if (in.nameIs("httpMethod")) {
          httpMethod = text("httpMethod");
          return;
        }
        break;
      case 14:
        if (in.nameIs("requestContext")) {
          requestContext();
          return;
        }
        if (in.nameIs("rawQueryString")) {
          rawQueryString = text("rawQueryString");
          return;
        }
        break;
      case 15:
        if (in.nameIs("isBase64Encoded")) {
          base64 = in.bool("isBase64Encoded");
          return;
        }
        break;
      case 17:
        if (in.nameIs("multiValueHeaders")) {
          multiValueHeaders = readMultiValue("multiValueHeaders");
          return;
        }
        break;
      case 21:
        if (in.nameIs("queryStringParameters")) {
          queryParameters = readSingleValue("queryStringParameters");
          return;
        }
        break;
      case 31:
        if (in.nameIs("multiValueQueryStringParameters")) {
          multiValueQueryParameters = readMultiValue("multiValueQueryStringParameters");
          return;
        }
        break;
      default:
        break;
    }
    in.skipValue();
  }

  private String text(String field) {
    return in.string(field) ? in.stringValue() : null;
  }

  private void requestContext() {
    elb = false;
    contextMethod = null;
    contextPath = null;
    if (in.skipNull()) {
      return;
    }
    if (in.peek() != '{') {
      throw in.wrongType("requestContext", "an object");
    }
    if (!in.enterObject()) {
      return;
    }
    do {
      if (in.nameIs("elb")) {
        elb = !in.skipNull();
        if (elb) {
          in.skipValue();
        }
      } else if (in.nameIs("http")) {
        contextMethod = null;
        contextPath = null;
        if (in.peek() != '{') {
          in.skipValue();
        } else if (in.enterObject()) {
          do {
            if (in.nameIs("method")) {
              contextMethod = text("requestContext.http.method");
            } else if (in.nameIs("path")) {
              contextPath = text("requestContext.http.path");
            } else {
              in.skipValue();
            }
          } while (in.nextMember());
        }
      } else {
        in.skipValue();
      }
    } while (in.nextMember());
  }

  private LambdaEvent build() {
    EventFormat format;
    String method;
    String requestPath;
    if (elb) {
      format = EventFormat.ALB;
      method = httpMethod;
      requestPath = path;
    } else if ("2.0".equals(version) || (httpMethod == null && contextMethod != null)) {
      format = EventFormat.HTTP_API;
      method = contextMethod;
      requestPath = rawPath != null ? rawPath : contextPath;
    } else if (httpMethod != null) {
      format = EventFormat.API_GATEWAY_REST;
      method = httpMethod;
      requestPath = path;
    } else {
      throw new LambdaEventException("not an HTTP event: it has neither 'httpMethod' (API Gateway REST, ALB) nor"
          + " 'requestContext.http.method' (HTTP API, Function URL)");
    }
    if (method == null) {
      throw new LambdaEventException(format == EventFormat.HTTP_API
          ? "payload 2.0 event without 'requestContext.http.method'"
          : "event without 'httpMethod'");
    }
    GripRequest.Builder b = GripRequest.builder().method(method).path(requestPath == null ? "/" : requestPath);
    boolean multi = multiValueHeaders != null && format != EventFormat.HTTP_API;
    HeaderList headers = multi ? multiValueHeaders : new HeaderList();
    if (headerIndex != null) {
      readHeaders(headers, multi ? headers.size() : 0);
    }
    boolean hasCookie = headers.addTo(b);
    if (cookie != null && !hasCookie) {
      b.addHeader("Cookie", cookie);
    }
    if (format == EventFormat.HTTP_API) {
      b.query(rawQueryString);
    } else {
      // As RestEvents and AlbEvents join them: REST API decoded the parameters, ALB did not.
      HeaderList q = multiValueQueryParameters != null ? multiValueQueryParameters : queryParameters;
      if (q != null) {
        b.query(q.toQuery(format == EventFormat.API_GATEWAY_REST));
      }
    }
    return new LambdaEvent(format, b.body(body()).build(), multi);
  }

  /** Reads an object of string arrays, such as {@code multiValueHeaders}; null for a null member. */
  private HeaderList readMultiValue(String field) {
    if (in.skipNull()) {
      return null;
    }
    if (in.peek() != '{') {
      throw in.wrongType(field, "an object");
    }
    HeaderList out = new HeaderList();
    if (!in.enterObject()) {
      return out;
    }
    do {
      String name = in.stringValue();
      if (in.skipNull()) {
        out.put(name, null);
        continue;
      }
      if (in.peek() != '[') {
        throw in.wrongType(field + "." + name, "an array of strings");
      }
      // Nearly every header has one value: it is kept as a String, and an array is made only for more.
      String first = null;
      String[] more = null;
      int n = 0;
      if (in.enterArray()) {
        int i = 0;
        do {
          String v = in.scalar(field, name, i++);
          if (v == null) {
            continue;
          }
          if (n == 0) {
            first = v;
          } else {
            if (more == null) {
              more = new String[4];
              more[0] = first;
            } else if (n == more.length) {
              more = Arrays.copyOf(more, n * 2);
            }
            more[n] = v;
          }
          n++;
        } while (in.nextElement());
      }
      out.put(name, n == 0 ? EMPTY_VALUES : n == 1 ? first : n == more.length ? more : Arrays.copyOf(more, n));
    } while (in.nextMember());
    return out;
  }

  /** Reads an object of strings, such as {@code queryStringParameters}; null for a null member. */
  private HeaderList readSingleValue(String field) {
    if (in.skipNull()) {
      return null;
    }
    if (in.peek() != '{') {
      throw in.wrongType(field, "an object");
    }
    HeaderList out = new HeaderList();
    if (!in.enterObject()) {
      return out;
    }
    do {
      String name = in.stringValue();
      int c = in.peek();
      if (c == '{' || c == '[') {
        throw in.wrongType(field + "." + name, "a string");
      }
      out.put(name, in.scalar(field, name, -1));
    } while (in.nextMember());
    return out;
  }

  /**
   * Notes where each {@code headers} member is, checking that every value is a scalar, so that after the pass
   * the members can be read without scanning the object again.
   */
  private void indexHeaders() {
    headerIndex = null;
    headerMembers = 0;
    if (in.skipNull()) {
      return;
    }
    if (in.peek() != '{') {
      throw in.wrongType("headers", "an object");
    }
    headerIndex = new int[64];
    if (!in.enterObject()) {
      return;
    }
    do {
      int c = in.peek();
      if (c == '{' || c == '[') {
        throw in.wrongType("headers." + in.stringValue(), "a string");
      }
      int at = headerMembers * 4;
      if (at == headerIndex.length) {
        headerIndex = Arrays.copyOf(headerIndex, at * 2);
      }
      headerIndex[at] = in.stringStart();
      headerIndex[at + 1] = in.stringEnd();
      headerIndex[at + 2] = in.stringPlain() ? 1 : 0;
      headerIndex[at + 3] = in.position();
      headerMembers++;
      in.skipValue();
    } while (in.nextMember());
  }

  /**
   * Reads the indexed {@code headers} members, skipping every name already among the first {@code known}
   * entries (those of {@code multiValueHeaders}, which API Gateway fills with the same content).
   */
  private void readHeaders(HeaderList out, int known) {
    out.startObject();
    for (int i = 0; i < headerMembers * 4; i += 4) {
      in.restoreString(headerIndex[i], headerIndex[i + 1], headerIndex[i + 2] == 1);
      if (known > 0 && out.hasName(in, known, i / 4)) {
        continue;
      }
      String name = in.stringValue();
      in.seek(headerIndex[i + 3]);
      out.put(name, in.scalar("headers", name, -1));
    }
  }

  /** Payload 2.0's cookies, joined as one Cookie header would carry them; null when there are none. */
  private String cookies() {
    if (in.skipNull()) {
      return null;
    }
    if (in.peek() != '[') {
      throw in.wrongType("cookies", "an array of strings");
    }
    if (!in.enterArray()) {
      return null;
    }
    StringBuilder joined = null;
    int i = 0;
    do {
      String v = in.scalar("cookies", null, i);
      if (v != null) {
        joined = joined == null ? new StringBuilder(v) : joined.append("; ").append(v);
      }
      i++;
    } while (in.nextElement());
    return joined == null ? null : joined.toString();
  }

  private byte[] body() {
    if (bodyStart < 0) {
      return EMPTY;
    }
    in.restoreString(bodyStart, bodyEnd, bodyPlain);
    if (!base64) {
      return in.stringBytes();
    }
    return in.base64Bytes("body");
  }

  /**
   * Header entries in the order read, as a JSON object reads into a map: a name repeated exactly within one
   * object keeps its first place and takes its last value. Values are a {@code String}, a {@code String[]}, or
   * null for a member that is null (an entry that is not there, but that a repeated member may have replaced).
   */
  private static final class HeaderList {
    private String[] names = new String[16];
    private Object[] values = new Object[16];
    private int size;
    private int objectStart;

    int size() {
      return size;
    }

    /** Entries from here on come from another JSON object, where the same name may be used again. */
    void startObject() {
      objectStart = size;
    }

    void put(String name, Object value) {
      for (int i = objectStart; i < size; i++) {
        if (names[i].equals(name)) {
          values[i] = value;
          return;
        }
      }
      if (size == names.length) {
        names = Arrays.copyOf(names, size * 2);
        values = Arrays.copyOf(values, size * 2);
      }
      names[size] = name;
      values[size++] = value;
    }

    /**
     * Tells whether the cursor's member name is among the first {@code known} entries with a value, ignoring
     * case. API Gateway writes both header objects in the same order, so the name at {@code likely} is tried
     * first: one comparison per header instead of a scan.
     */
    boolean hasName(JsonCursor in, int known, int likely) {
      if (likely < known && values[likely] != null && in.nameEqualsIgnoreCase(names[likely])) {
        return true;
      }
      for (int i = 0; i < known; i++) {
        if (values[i] != null && in.nameEqualsIgnoreCase(names[i])) {
          return true;
        }
      }
      return false;
    }

    /** Joins the entries as a query string, as {@link Queries#of} joins a typed event's; null values left out. */
    String toQuery(boolean encode) {
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < size; i++) {
        Object v = values[i];
        if (v instanceof String) {
          Queries.append(sb, names[i], (String) v, encode);
        } else if (v != null) {
          for (String s : (String[]) v) {
            Queries.append(sb, names[i], s, encode);
          }
        }
      }
      return sb.toString();
    }

    /** Adds every entry to the request; tells whether one of them is a Cookie header. */
    boolean addTo(GripRequest.Builder b) {
      boolean cookie = false;
      for (int i = 0; i < size; i++) {
        String name = names[i];
        Object v = values[i];
        if (v == null) {
          continue;
        }
        cookie |= name.equalsIgnoreCase("Cookie");
        if (v instanceof String) {
          b.addHeader(name, (String) v);
        } else {
          for (String s : (String[]) v) {
            b.addHeader(name, s);
          }
        }
      }
      return cookie;
    }
  }
}
