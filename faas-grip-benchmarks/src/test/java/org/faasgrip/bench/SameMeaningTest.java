package org.faasgrip.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.faasgrip.bench.EventShapes.Shape;
import org.faasgrip.bench.ResponseCheck.Mode;
import org.faasgrip.lambda.FaasGrip;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Java chat handler answers each shared event as the JavaScript reference does (recorded from
 * {@code node bench.mjs once}; {@code scripts/compare} checks it live), bar the reference's documented faults,
 * and answers the payload 2.0 and ALB forms of each event exactly as the 1.0 form.
 */
class SameMeaningTest {
  @AfterEach
  void forgetTheSharedInstance() {
    FaasGrip.install(null);
  }

  @ParameterizedTest
  @ValueSource(strings = {"lambda-open", "lambda-messages", "lambda-close"})
  void meansWhatTheReferenceMeansInEveryShape(String name) {
    byte[] event = ResponseCheckTest.resource(name + ".json");
    byte[] reference = ResponseCheckTest.resource(name + ".response.json");
    ChatInvoker invoker = new ChatInvoker();
    byte[] ours = invoker.invoke(event);
    assertThat(ResponseCheck.differences(event, reference, ours, Mode.REFERENCE)).isEmpty();
    for (Shape shape : new Shape[] {Shape.V2, Shape.ALB}) {
      byte[] other = invoker.invoke(EventShapes.convert(event, shape));
      assertThat(ResponseCheck.differences(event, ours, other, Mode.SAME)).as(shape.toString()).isEmpty();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"lambda-messages"})
  void onceInvokesTheHandlerAndPrintsItsResponse(String name, @TempDir Path dir) throws Exception {
    Path file = dir.resolve(name + ".json");
    Files.write(file, ResponseCheckTest.resource(name + ".json"));
    PrintStream stdout = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      Once.main(new String[] {file.toString()});
    } finally {
      System.setOut(stdout);
    }
    byte[] printed = captured.toByteArray();
    assertThat(printed[printed.length - 1]).isEqualTo((byte) '\n');
    assertThat(ResponseCheck.differences(ResponseCheckTest.resource(name + ".json"),
        ResponseCheckTest.resource(name + ".response.json"), printed, Mode.REFERENCE)).isEmpty();
  }
}
