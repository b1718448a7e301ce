package org.faasgrip.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.faasgrip.function.Grip;
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

  /**
   * The templates' defaults work together: with GripVerify at its default, each GRIP_URL form that GripUrl's
   * description shows gives a configuration that checks signatures, rather than a function that answers every
   * request 500 because required signatures have no key to be checked with.
   */
  @Test
  void theGripUrlFormsEachTemplateShowsWorkWithItsGripVerifyDefault() throws Exception {
    List<Path> templates = List.of(TEMPLATE, Path.of("sam", "apigw-websocket.yaml"),
        Path.of("..", "faas-grip-archetype", "src", "main", "resources", "archetype-resources", "template.yaml"));
    for (Path t : templates) {
      String yaml = Files.readString(t);
      Matcher verify = Pattern.compile("\\n  GripVerify:\\n(?:    .*\\n)*?    Default: (\\S+)\\n").matcher(yaml);
      assertThat(verify.find()).as("%s has a GripVerify default", t).isTrue();
      assertThat(verify.group(1)).as(t.toString()).isEqualTo("required");
      assertThat(yaml).as(t.toString()).contains("GRIP_VERIFY: !Ref GripVerify").contains("GRIP_URL: !Ref GripUrl");

      int from = yaml.indexOf("\n  GripUrl:\n");
      String description = yaml.substring(from, yaml.indexOf("\n  GripVerify:\n", from));
      Matcher url = Pattern.compile("https?://\\S+").matcher(description);
      List<String> forms = new ArrayList<>();
      while (url.find()) {
        String form = url.group().replace("base64:...", "base64:c2lnLWtleQ==").replaceAll("[,.]+$", "")
            .replace("HOST", "127.0.0.1").replace("SIG_KEY", "sig-key").replace("SERVICE_ID", "svc1")
            .replace("API_TOKEN", "token");
        forms.add(form);
        Grip grip = Grip.fromEnvironment(Map.of("GRIP_URL", form, "GRIP_VERIFY", verify.group(1)));
        assertThat(grip.signatureRequired()).as("%s: %s", t, form).isTrue();
      }
      assertThat(forms).as("%s shows a Pushpin and a Fastly Fanout GRIP_URL", t).hasSize(2)
          .anySatisfy(f -> assertThat(f).contains("iss=pushpin"))
          .anySatisfy(f -> assertThat(f).contains("verify-iss=fastly:"));
    }
  }

  @Test
  void restApiTreatsWebSocketEventsAsBinary() throws Exception {
    // Without it API Gateway decodes WebSocket-over-HTTP bodies as text and Pushpin fails the connection.
    assertThat(template()).containsPattern("BinaryMediaTypes:\\s*\\n\\s*- application~1websocket-events");
  }
}
