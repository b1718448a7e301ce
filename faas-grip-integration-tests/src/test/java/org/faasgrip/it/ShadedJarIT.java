package org.faasgrip.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The deployable jar (what {@code sam/template.yaml} uploads) runs the handlers on its own: a fresh JVM whose class
 * path holds only that jar, the local gateway, and the event serialization the Lambda Java runtime brings itself,
 * answers as the in-process handlers do. Catches a dependency the shade plugin left out.
 */
class ShadedJarIT {
  private static final Duration TIMEOUT = Duration.ofSeconds(20);
  private static final Path JAR = Path.of("..", "faas-grip-examples", "target", "lambda", "faas-grip-examples.jar");
  private static final String EVENTS = "application/websocket-events";

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void restApiChatFromTheJarAcceptsAndSubscribes() throws Exception {
    try (Gateway gw = Gateway.start("org.faasgrip.examples.ChatHandler", "1.0")) {
      HttpResponse<String> open = http.send(openRequest(gw.uri), HttpResponse.BodyHandlers.ofString());
      assertThat(open.statusCode()).isEqualTo(200);
      assertThat(open.body()).isEqualTo("OPEN\r\nTEXT 27\r\nc:{\"type\":\"subscribe\",\"channel\":\"room\"}\r\n");

      HttpResponse<String> plain = http.send(HttpRequest.newBuilder(gw.uri).timeout(TIMEOUT).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(plain.statusCode()).isEqualTo(400);
      assertThat(plain.body()).isEqualTo("Not a WebSocket-over-HTTP request\n");
    }
  }

  @Test
  void streamHandlerChatFromTheJarAnswersPayload2() throws Exception {
    try (Gateway gw = Gateway.start("org.faasgrip.examples.ChatStreamHandler", "2.0")) {
      HttpResponse<String> open = http.send(openRequest(gw.uri), HttpResponse.BodyHandlers.ofString());
      assertThat(open.statusCode()).isEqualTo(200);
      assertThat(open.headers().firstValue("Content-Type")).hasValue(EVENTS);
      assertThat(open.body()).startsWith("OPEN\r\nTEXT 27\r\nc:{\"type\":\"subscribe\"");
    }
  }

  @Test
  void longPollFromTheJarHoldsOnAlb() throws Exception {
    try (Gateway gw = Gateway.start("org.faasgrip.examples.LongPollAlbHandler", "alb")) {
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(gw.uri.resolve("/poll?timeout=9")).timeout(TIMEOUT)
          .build(), HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.headers().firstValue("Grip-Hold")).hasValue("response");
      assertThat(r.headers().firstValue("Grip-Timeout")).hasValue("9");
      assertThat(r.body()).isEqualTo("request timed out\n");
    }
  }

  @Test
  void theJarCarriesNeitherTheLocalGatewayNorTheEventSerialization() throws Exception {
    // Both are for local development only (Lambda's runtime brings its own serialization): the examples must not
    // depend on them at run time, or the jar grows and may shadow the runtime's classes.
    assertThat(JAR).as("the shaded jar, built by faas-grip-examples in the same reactor").exists();
    try (java.util.jar.JarFile jar = new java.util.jar.JarFile(JAR.toFile())) {
      List<String> names = jar.stream().map(java.util.jar.JarEntry::getName).collect(Collectors.toList());
      assertThat(names).contains("org/faasgrip/examples/ChatHandler.class", "org/faasgrip/lambda/FaasGrip.class")
          .noneMatch(n -> n.startsWith("org/faasgrip/localgateway/"))
          .noneMatch(n -> n.startsWith("com/amazonaws/services/lambda/runtime/serialization/"))
          .noneMatch(n -> n.startsWith("com/amazonaws/lambda/thirdparty/"))
          .noneMatch(n -> n.startsWith("org/faasgrip/testkit/"));
    }
  }

  private static HttpRequest openRequest(URI uri) {
    return HttpRequest.newBuilder(uri.resolve("/chat")).timeout(TIMEOUT)
        .header("Content-Type", EVENTS)
        .header("Accept", EVENTS)
        .header("Connection-Id", "shaded-jar-test")
        .header("Sec-WebSocket-Extensions", "grip")
        .POST(HttpRequest.BodyPublishers.ofString("OPEN\r\n"))
        .build();
  }

  /** The local gateway's command line in a child JVM, running one handler from the jar. */
  private static final class Gateway implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("listening on (http://127\\.0\\.0\\.1:\\d+/)");
    final Process process;
    final URI uri;

    private Gateway(Process process, URI uri) {
      this.process = process;
      this.uri = uri;
    }

    static Gateway start(String handler, String payload) throws Exception {
      assertThat(JAR).as("the shaded jar, built by faas-grip-examples in the same reactor").exists();
      List<String> cp = new ArrayList<>();
      cp.add(JAR.toString());
      // Only these two come from outside the jar: the gateway itself, and what Lambda's runtime provides.
      for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
        if (entry.contains("faas-grip-local-gateway") || entry.contains("aws-lambda-java-serialization")) {
          cp.add(entry);
        }
      }
      assertThat(cp).hasSize(3);
      ProcessBuilder pb = new ProcessBuilder(
          Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-cp", String.join(File.pathSeparator, cp),
          "org.faasgrip.localgateway.LocalGateway",
          "--handler", handler, "--payload", payload, "--port", "0")
          .redirectErrorStream(true);
      pb.environment().keySet().removeIf(k -> k.startsWith("GRIP_"));
      Process p = pb.start();
      try {
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<String> base = CompletableFuture.supplyAsync(() -> {
          StringBuilder seen = new StringBuilder();
          try {
            for (String line; (line = out.readLine()) != null; ) {
              Matcher m = LISTENING.matcher(line);
              if (m.find()) {
                drain(out);
                return m.group(1);
              }
              seen.append(line).append('\n');
            }
          } catch (IOException e) {
            // fall through
          }
          throw new IllegalStateException("the gateway stopped before listening:\n" + seen);
        });
        return new Gateway(p, URI.create(base.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)));
      } catch (Exception | Error e) {
        p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        throw e;
      }
    }

    private static void drain(BufferedReader out) {
      Thread t = new Thread(() -> {
        try {
          while (out.readLine() != null) {
            // the access log; the pipe must not fill up
          }
        } catch (IOException e) {
          // the process ended
        }
      }, "gateway-output");
      t.setDaemon(true);
      t.start();
    }

    @Override
    public void close() {
      process.destroy();
      try {
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
          process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        process.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
  }
}
