package org.faasgrip.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.ApplicationLoadBalancerRequestEvent;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.faasgrip.grip.GripRequest;

/**
 * Coverage-guided fuzzing of both ways an event becomes a request, with jackson as the oracle:
 *
 * <ul>
 *   <li>the raw reader ({@link LambdaEvent#parse(byte[])}) against the jackson-core reader it replaced
 *       ({@link JacksonEventReader}), with the comparison of {@link EventReaderDifferentialTest}: the same request,
 *       or both refusing, the library only ever with a {@link LambdaEventException};
 *   <li>the typed path: the event deserialized as the Lambda runtime does it (aws-lambda-java-serialization) into
 *       {@code APIGatewayProxyRequestEvent}, {@code APIGatewayV2HTTPEvent} or
 *       {@code ApplicationLoadBalancerRequestEvent}, then read by {@code RestEvents}, {@code HttpApiEvents} or
 *       {@code AlbEvents}: only a {@link LambdaEventException}, and the request the raw reader makes.
 * </ul>
 *
 * <p>A member repeated in the event replaces the earlier one whole, in both paths: the check is named
 * ({@link KnownFinding#DUPLICATE_MEMBERS_MERGED}), as it was a finding until the raw reader stopped merging them.
 */
class LambdaEventFuzzTest {
  private static final Map<EventFormat, Class<?>> TYPES = Map.of(
      EventFormat.API_GATEWAY_REST, APIGatewayProxyRequestEvent.class,
      EventFormat.HTTP_API, APIGatewayV2HTTPEvent.class,
      EventFormat.ALB, ApplicationLoadBalancerRequestEvent.class);

  @FuzzTest(maxDuration = "60s")
  void rawReaderAgreesWithJackson(byte[] json) {
    EventReaderDifferentialTest.assertReadAsJacksonReadsIt(json);
  }

  @FuzzTest(maxDuration = "60s")
  void typedEventsMakeTheRawReadersRequest(byte[] json) {
    LambdaEvent raw = parseOrNull(json);
    EventJson parsed = EventJson.read(json);
    for (EventFormat format : raw != null ? List.of(raw.format()) : List.of(EventFormat.values())) {
      Object event;
      try {
        event = serializer(format).fromJson(new ByteArrayInputStream(json));
      } catch (RuntimeException e) {
        continue; // the runtime refuses the event before the handler runs
      }
      GripRequest typed;
      try {
        typed = toRequest(format, event);
      } catch (LambdaEventException e) {
        typed = null;
      }
      if (raw == null) {
        continue;
      }
      String difference = typed == null ? "the typed event is refused" : difference(typed, raw.request());
      if (difference == null) {
        continue;
      }
      if (parsed != null && parsed.duplicates) {
        KnownFinding.DUPLICATE_MEMBERS_MERGED.check(false, () -> difference);
      } else if (parsed != null && parsed.numberInHeaders() && typed != null && difference.startsWith("headers")) {
        // A number where a header value belongs: the deserializer writes it out its own way (1e9 as 1.0E9).
        continue;
      } else {
        throw new AssertionError(format + ": " + difference + " in " + new String(json, StandardCharsets.UTF_8));
      }
    }
  }

  private static LambdaEvent parseOrNull(byte[] json) {
    try {
      return LambdaEvent.parse(json);
    } catch (LambdaEventException e) {
      return null;
    }
  }

  private static GripRequest toRequest(EventFormat format, Object event) {
    return switch (format) {
      case API_GATEWAY_REST -> RestEvents.toRequest((APIGatewayProxyRequestEvent) event);
      case HTTP_API -> HttpApiEvents.toRequest((APIGatewayV2HTTPEvent) event);
      case ALB -> AlbEvents.toRequest((ApplicationLoadBalancerRequestEvent) event);
    };
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static PojoSerializer<Object> serializer(EventFormat format) {
    return (PojoSerializer<Object>) LambdaEventSerializers.serializerFor((Class) TYPES.get(format),
        LambdaEventFuzzTest.class.getClassLoader());
  }

  private static String difference(GripRequest a, GripRequest e) {
    if (!a.method().equals(e.method())) {
      return "method " + a.method() + " vs " + e.method();
    }
    if (!a.path().equals(e.path())) {
      return "path " + a.path() + " vs " + e.path();
    }
    TreeMap<String, List<String>> ah = new TreeMap<>(a.headers().toMultimap());
    TreeMap<String, List<String>> eh = new TreeMap<>(e.headers().toMultimap());
    if (!ah.equals(eh)) {
      return "headers " + ah + " vs " + eh;
    }
    if (!java.util.Arrays.equals(a.body(), e.body())) {
      return "body";
    }
    return null;
  }
}
