package org.faasgrip.bench;

import com.google.cloud.functions.HttpRequest;
import com.google.cloud.functions.HttpResponse;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.faasgrip.examples.gcf.ChatFunction;
import org.faasgrip.function.Grip;
import org.faasgrip.grip.GripRequest;
import org.faasgrip.grip.Headers;
import org.faasgrip.lambda.LambdaEvent;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The chat as a Cloud Functions HTTP function ({@code ChatFunction} on {@code GripHttpFunction}), one full
 * invocation: the invoker's request in (its header map built per call, as the invoker's {@code getHeaders()}
 * does; the body read from a stream), the context, the response's status, headers and body out. The requests are
 * the shared Lambda events' (method, path, headers, body); publishing is counted, not sent, as in
 * {@link HandlerBenchmark}, whose {@code streamHandler} is the Lambda figure to compare with in the same run.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class GcfBenchmark {
  /** The event: {@code lambda-open}, {@code lambda-messages} or {@code lambda-close}. */
  @Param({"lambda-open", "lambda-messages", "lambda-close"})
  public String event;

  /** Made by JMH, once per fork; the state is built in the {@code @Setup} method. */
  public GcfBenchmark() {}

  private ChatFunction function;
  private Request request;
  private final Response response = new Response();
  private long published;

  /**
   * Reads the event's request, and makes the function with a counting publisher.
   *
   * @throws IOException if the event cannot be read
   */
  @Setup
  public void setUp() throws IOException {
    GripRequest r = LambdaEvent.parse(new ByteArrayInputStream(Workloads.read(EventShapes.Shape.V1.fileName(event)))).request();
    request = new Request(r.method(), r.path(), r.headers(), r.body());
    function = new ChatFunction(Grip.builder().publishWith(items -> {
      published += items.size();
      return CompletableFuture.completedFuture(null);
    }).build());
    invoke();
    if (response.status != 200) {
      throw new IllegalStateException("the function answered " + response.status + " to " + event + ": "
          + response.body.toString(StandardCharsets.UTF_8));
    }
  }

  /**
   * One invocation of {@code ChatFunction.service}.
   *
   * @return the response's body length, so that nothing is optimised away
   */
  @Benchmark
  public int chatFunction() {
    return invoke();
  }

  private int invoke() {
    response.reset();
    try {
      function.service(request, response);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return response.body.size() + (int) published;
  }

  /** The invoker's request, in memory. */
  private static final class Request implements HttpRequest {
    private final String method;
    private final String path;
    private final Headers headers;
    private final byte[] body;

    Request(String method, String path, Headers headers, byte[] body) {
      this.method = method;
      this.path = path;
      this.headers = headers;
      this.body = body;
    }

    @Override
    public String getMethod() {
      return method;
    }

    @Override
    public String getUri() {
      return "http://127.0.0.1" + path;
    }

    @Override
    public String getPath() {
      return path;
    }

    @Override
    public Optional<String> getQuery() {
      return Optional.empty();
    }

    @Override
    public Map<String, List<String>> getQueryParameters() {
      return Map.of();
    }

    @Override
    public Map<String, HttpPart> getParts() {
      return Map.of();
    }

    @Override
    public Optional<String> getContentType() {
      return Optional.ofNullable(headers.get("Content-Type"));
    }

    @Override
    public long getContentLength() {
      return body.length;
    }

    @Override
    public Optional<String> getCharacterEncoding() {
      return Optional.empty();
    }

    @Override
    public InputStream getInputStream() {
      return new ByteArrayInputStream(body);
    }

    @Override
    public BufferedReader getReader() {
      return new BufferedReader(new InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
    }

    /** A new case-insensitive map on every call, as the invoker builds one from the servlet request. */
    @Override
    public Map<String, List<String>> getHeaders() {
      Map<String, List<String>> map = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
      for (int i = 0, n = headers.size(); i < n; i++) {
        map.computeIfAbsent(headers.name(i), k -> new ArrayList<>(1)).add(headers.value(i));
      }
      return map;
    }
  }

  /** The invoker's response, in memory, emptied before each invocation. */
  private static final class Response implements HttpResponse {
    int status;
    final List<String> headers = new ArrayList<>();
    final ByteArrayOutputStream body = new ByteArrayOutputStream(512);

    void reset() {
      status = 200;
      headers.clear();
      body.reset();
    }

    @Override
    public void setStatusCode(int code) {
      status = code;
    }

    @Override
    public void setStatusCode(int code, String message) {
      status = code;
    }

    @Override
    public void setContentType(String contentType) {
      appendHeader("Content-Type", contentType);
    }

    @Override
    public Optional<String> getContentType() {
      return Optional.empty();
    }

    @Override
    public void appendHeader(String name, String value) {
      headers.add(name);
      headers.add(value);
    }

    @Override
    public Map<String, List<String>> getHeaders() {
      return Map.of();
    }

    @Override
    public OutputStream getOutputStream() {
      return body;
    }

    @Override
    public BufferedWriter getWriter() {
      return new BufferedWriter(new OutputStreamWriter(body, StandardCharsets.UTF_8));
    }
  }
}
