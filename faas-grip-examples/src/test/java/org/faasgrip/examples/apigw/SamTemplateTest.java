package org.faasgrip.examples.apigw;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Keeps sam/apigw-websocket.yaml in step with the code and with the migration guide, which shows it whole.
 */
class SamTemplateTest {
  private static final Path TEMPLATE = Path.of("sam", "apigw-websocket.yaml");
  private static final Path GUIDE = Path.of("..", "docs", "migrating-from-api-gateway-websockets.md");

  @Test
  void theHandlerItNamesIsALambdaHandlerOfThisModule() throws Exception {
    Matcher m = Pattern.compile("Handler: (\\S+)::handleRequest").matcher(Files.readString(TEMPLATE));
    assertThat(m.find()).isTrue();
    Class<?> c = Class.forName(m.group(1));
    assertThat(c).isEqualTo(SendMessageChatFunction.class);
    assertThat(RequestHandler.class.isAssignableFrom(c)).isTrue();
    assertThat(c.getConstructor()).isNotNull();
    assertThat(m.find()).as("one function").isFalse();
  }

  @Test
  void itDeploysTheShadedJarWithAnHttpApiRoute() throws Exception {
    String t = Files.readString(TEMPLATE);
    assertThat(t).contains("CodeUri: ../target/lambda/faas-grip-examples.jar", "Type: HttpApi",
        "PayloadFormatVersion: '2.0'", "GRIP_URL: !Ref GripUrl");
    assertThat(t).doesNotContain("ProtocolType: WEBSOCKET");
  }

  @Test
  void theMigrationGuideShowsTheTemplateWordForWord() throws Exception {
    assertThat(Files.readString(GUIDE)).contains("```yaml\n" + Files.readString(TEMPLATE) + "```\n");
  }
}
