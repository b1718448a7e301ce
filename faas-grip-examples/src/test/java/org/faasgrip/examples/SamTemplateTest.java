package org.faasgrip.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Keeps sam/template.yaml in step with the code: every handler it names exists, and it deploys the shaded jar. */
class SamTemplateTest {
  private static final Path TEMPLATE = Path.of("sam", "template.yaml");

  private static String template() throws IOException {
    return Files.readString(TEMPLATE);
  }

  @Test
  void everyHandlerInTheTemplateIsALambdaHandlerOfThisModule() throws Exception {
    Matcher m = Pattern.compile("Handler: (\\S+)::handleRequest").matcher(template());
    List<String> handlers = new ArrayList<>();
    while (m.find()) {
      handlers.add(m.group(1));
    }

    assertThat(handlers).hasSize(7).doesNotHaveDuplicates();
    for (String name : handlers) {
      Class<?> c = Class.forName(name);
      assertThat(RequestHandler.class.isAssignableFrom(c) || RequestStreamHandler.class.isAssignableFrom(c))
          .as("%s is a Lambda handler", name)
          .isTrue();
      assertThat(c.getConstructor().newInstance()).isNotNull();
    }
  }

  @Test
  void templateDeploysTheJarTheShadePluginWrites() throws Exception {
    Matcher codeUri = Pattern.compile("CodeUri: (\\S+)").matcher(template());
    assertThat(codeUri.find()).isTrue();
    String pom = Files.readString(Path.of("pom.xml"));
    Matcher output = Pattern.compile("<outputFile>\\$\\{project.build.directory}/(\\S+)</outputFile>").matcher(pom);
    assertThat(output.find()).isTrue();

    assertThat(TEMPLATE.getParent().resolve(codeUri.group(1)).normalize())
        .isEqualTo(Path.of("target").resolve(output.group(1)));
  }

  @Test
  void restApiTreatsWebSocketEventsAsBinary() throws Exception {
    // Without it API Gateway decodes WebSocket-over-HTTP bodies as text and Pushpin fails the connection.
    assertThat(template()).containsPattern("BinaryMediaTypes:\\s*\\n\\s*- application~1websocket-events");
  }
}
