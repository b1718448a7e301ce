package org.faasgrip.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Collectors;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A stream handler's author may leave aws-lambda-java-events out of the build, since this module declares it
 * optional. This compiles such a handler with javac against this test's class path minus that jar: what a stream
 * handler needs must compile, and the one documented limit (overloads of a name that also takes AWS event types
 * cannot be chosen without those classes) must stay as documented.
 */
class CompileWithoutEventsTest {

  private static String classPathWithoutEvents() {
    return java.util.Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
        .filter(e -> !Paths.get(e).getFileName().toString().startsWith("aws-lambda-java-events"))
        .collect(Collectors.joining(File.pathSeparator));
  }

  private static String compile(Path dir, String className, String source) throws Exception {
    Path file = dir.resolve(className + ".java");
    Files.writeString(file, source, StandardCharsets.UTF_8);
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    StringWriter out = new StringWriter();
    boolean ok = javac.getTask(out, null, null,
        List.of("-classpath", classPathWithoutEvents(), "-d", dir.toString(), "-proc:none"),
        null, javac.getStandardFileManager(null, null, StandardCharsets.UTF_8).getJavaFileObjects(file.toFile()))
        .call();
    return ok ? "" : out.toString();
  }

  @Test
  void aStreamHandlerCompilesWithoutTheEventsLibrary(@TempDir Path dir) throws Exception {
    String errors = compile(dir, "Chat", String.join("\n",
        "import com.amazonaws.services.lambda.runtime.Context;",
        "import org.faasgrip.lambda.*;",
        "import org.faasgrip.publish.WebSocketMessageFormat;",
        "public final class Chat extends GripStreamHandler {",
        "  @Override protected LambdaJsonResponse handle(LambdaEvent event, Context context) {",
        "    if (event.request().method().equals(\"GET\")) {",
        "      return respond(event, FaasGrip.holdStream(\"news\", \"\"));",
        "    }",
        "    if (!isFromProxy(event)) { return respond(event, FaasGrip.instance().errorResponse(new org.faasgrip.function.NotFromProxyException(\"x\"))); }",
        "    LambdaWebSocketContext<LambdaJsonResponse> ws = webSocket(event);",
        "    if (ws.isOpening()) { ws.accept(); ws.subscribe(\"room\"); }",
        "    while (ws.canRecv()) { FaasGrip.publish(\"room\", WebSocketMessageFormat.text(ws.recv())); }",
        "    LambdaResponses.toJson(FaasGrip.holdResponse(\"a\", 10, \"\"), EventFormat.HTTP_API);",
        "    FaasGrip.install(FaasGrip.with(FaasGrip.instance().config()));",
        "    return ws.toResponse();",
        "  }",
        "}"));
    assertThat(errors).isEmpty();
  }

  @Test
  void overloadsTakingEventTypesNeedTheLibraryAsDocumented(@TempDir Path dir) throws Exception {
    String errors = compile(dir, "Uses", String.join("\n",
        "import org.faasgrip.lambda.*;",
        "final class Uses {",
        "  Object f(LambdaEvent event) { return FaasGrip.lambdaGetWebSocket(event); }",
        "}"));
    assertThat(errors).contains("class file for com.amazonaws.services.lambda.runtime.events.");
  }
}
