package org.faasgrip.localgateway;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/**
 * The local gateway's rule for arguments: a null, like any other bad option, is a {@link LocalGatewayException}
 * naming the parameter, never a bare {@link NullPointerException}; {@link LocalContext}, whose other bad values
 * are {@link IllegalArgumentException}s, refuses a null the same way.
 */
class NullArgumentsTest {
  private static void refused(ThrowingCallable call, String parameter) {
    assertThatThrownBy(call).isExactlyInstanceOf(LocalGatewayException.class)
        .hasMessage(parameter + " must not be null");
  }

  @Test
  void everyBuilderOptionNamesTheMissingArgument() {
    LocalGateway.Builder b = LocalGateway.builder();
    refused(() -> b.handler(null), "handler");
    refused(() -> b.inputType(null), "inputType");
    refused(() -> b.payload(null), "payload");
    refused(() -> b.stage(null), "stage");
    refused(() -> b.binaryMediaTypes((String[]) null), "mediaTypes");
    refused(() -> b.binaryMediaTypes((List<String>) null), "mediaTypes");
    refused(() -> b.targetGroupArn(null), "targetGroupArn");
    refused(() -> b.functionName(null), "functionName");
    refused(() -> b.timeout(null), "timeout");
    refused(() -> b.queueTimeout(null), "queueTimeout");
    refused(() -> b.headerTimeout(null), "headerTimeout");
    // A null entry in the list is a bad media type, said as such.
    assertThatThrownBy(() -> b.binaryMediaTypes(Arrays.asList("image/png", null)))
        .isExactlyInstanceOf(LocalGatewayException.class).hasMessageContaining("not 'null'");
  }

  @Test
  void commandLineArgumentsAndPayloadLabelsNameTheMissingArgument() {
    refused(() -> LocalGateway.fromArgs(new String[] {"--handler", "x", null}), "args[2]");
    refused(() -> PayloadVersion.parse(null), "text");
  }

  @Test
  void aContextIsNotMadeWithoutRequestIdOrFunctionName() {
    assertThatThrownBy(() -> new LocalContext(null, "f", 1000, 128))
        .isExactlyInstanceOf(IllegalArgumentException.class).hasMessage("requestId must not be null");
    assertThatThrownBy(() -> new LocalContext("r", null, 1000, 128))
        .isExactlyInstanceOf(IllegalArgumentException.class).hasMessage("functionName must not be null");
  }
}
