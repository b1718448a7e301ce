package org.faasgrip.lambda;

import java.io.IOException;
import java.io.InputStream;
import org.faasgrip.grip.GripRequest;

/**
 * An HTTP event read from the raw JSON a {@code RequestStreamHandler} receives: which shape it had (API Gateway
 * REST, HTTP API / Function URL, ALB) and the request it carries. Reading needs neither the AWS event classes
 * nor reflection, which keeps a stream handler's cold start short.
 *
 * <p>The shape decides the shape of the answer: {@link #respond(org.faasgrip.grip.GripResponse)} writes the
 * response JSON the same platform expects. Instances are immutable.
 */
public final class LambdaEvent {
  private final EventFormat format;
  private final GripRequest request;
  private final boolean multiValueHeaders;

  LambdaEvent(EventFormat format, GripRequest request, boolean multiValueHeaders) {
    this.format = format;
    this.request = request;
    this.multiValueHeaders = multiValueHeaders;
  }

  /**
   * Reads an event from a stream, such as the input of {@code RequestStreamHandler.handleRequest}. The stream is
   * read to its end (an event is one JSON object) and not closed.
   *
   * @param in the event JSON, UTF-8
   * @return the event
   * @throws LambdaEventException when the JSON is malformed or is not an HTTP event (the message says where)
   * @throws IOException when the stream cannot be read
   */
  public static LambdaEvent parse(InputStream in) throws IOException {
    return LambdaEventReader.read(Args.event(in, "in").readAllBytes());
  }

  /**
   * Reads an event from its JSON bytes.
   *
   * @param json the event JSON, UTF-8
   * @return the event
   * @throws LambdaEventException when the JSON is malformed or is not an HTTP event (the message says where)
   */
  public static LambdaEvent parse(byte[] json) {
    return LambdaEventReader.read(Args.event(json, "json"));
  }

  /**
   * Returns the shape the event had, which is the shape its response must have.
   *
   * @return the event format
   */
  public EventFormat format() {
    return format;
  }

  /**
   * Returns the HTTP request the event carries: method, path, every header value, the decoded body.
   *
   * @return the request
   */
  public GripRequest request() {
    return request;
  }

  /**
   * Tells whether the event carried {@code multiValueHeaders}. An ALB with multi-value headers enabled reads
   * only {@code multiValueHeaders} in the response, and one without them only {@code headers}.
   *
   * @return true when the event had multi-value headers
   */
  public boolean hasMultiValueHeaders() {
    return multiValueHeaders;
  }

  /**
   * Writes a response as the JSON this event's platform expects.
   *
   * @param response the response
   * @return the response JSON
   */
  public LambdaJsonResponse respond(org.faasgrip.grip.GripResponse response) {
    return LambdaJsonWriter.write(Args.require(response, "response"), format, multiValueHeaders);
  }

  ResponseWriter<LambdaJsonResponse> writer() {
    return new LambdaJsonWriter(format, multiValueHeaders);
  }

  /**
   * Describes the event without its body or header values (which may carry tokens).
   *
   * @return a short description
   */
  @Override
  public String toString() {
    return "LambdaEvent{" + format + " " + request.method() + " " + request.path() + "}";
  }
}
