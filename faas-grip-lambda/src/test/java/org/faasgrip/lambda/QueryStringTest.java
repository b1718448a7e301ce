package org.faasgrip.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.ApplicationLoadBalancerRequestEvent;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.faasgrip.grip.GripRequest;
import org.junit.jupiter.api.Test;

/**
 * {@code GripRequest.query()} from each event shape, through the AWS event classes and through the stream handler's
 * own JSON reader: the same string both ways.
 */
class QueryStringTest {
  private static GripRequest raw(String json) {
    return LambdaEvent.parse(json.getBytes(StandardCharsets.UTF_8)).request();
  }

  @Test
  void restApiParametersWhichItDecodedAreEncodedAgainEveryValueOfARepeatedName() {
    Map<String, List<String>> multi = new LinkedHashMap<>();
    multi.put("room", List.of("a b"));
    multi.put("user", List.of("al&ice", "bob"));
    APIGatewayProxyRequestEvent event = new APIGatewayProxyRequestEvent().withHttpMethod("GET").withPath("/chat")
        .withQueryStringParameters(Map.of("room", "a b", "user", "bob"))
        .withMultiValueQueryStringParameters(multi);
    String expected = "room=a+b&user=al%26ice&user=bob";

    assertThat(RestEvents.toRequest(event).query()).isEqualTo(expected);
    assertThat(raw("{\"httpMethod\":\"GET\",\"path\":\"/chat\",\"queryStringParameters\":{\"room\":\"a b\","
        + "\"user\":\"bob\"},\"multiValueQueryStringParameters\":{\"room\":[\"a b\"],\"user\":[\"al&ice\",\"bob\"]}}")
        .query()).isEqualTo(expected);
  }

  @Test
  void restApiWithOnlySingleValueParametersAndWithoutAny() {
    APIGatewayProxyRequestEvent event = new APIGatewayProxyRequestEvent().withHttpMethod("GET").withPath("/chat")
        .withQueryStringParameters(Map.of("q", "\u00e9t\u00e9"));
    assertThat(RestEvents.toRequest(event).query()).isEqualTo("q=%C3%A9t%C3%A9");
    assertThat(raw("{\"httpMethod\":\"GET\",\"path\":\"/chat\",\"queryStringParameters\":{\"q\":\"\u00e9t\u00e9\"},"
        + "\"multiValueQueryStringParameters\":null}").query()).isEqualTo("q=%C3%A9t%C3%A9");

    GripRequest none = RestEvents.toRequest(new APIGatewayProxyRequestEvent().withHttpMethod("GET").withPath("/"));
    assertThat(none.query()).isEmpty();
    assertThat(raw("{\"httpMethod\":\"GET\",\"path\":\"/\",\"queryStringParameters\":null}").query()).isEmpty();
  }

  @Test
  void httpApiAndFunctionUrlsGiveTheRawQueryStringAsSent() {
    APIGatewayV2HTTPEvent event = TypedEventsTest.v2Event("", false);
    event.setRawQueryString("room=a%20b&user=al%26ice&user=bob");
    assertThat(HttpApiEvents.toRequest(event).query()).isEqualTo("room=a%20b&user=al%26ice&user=bob");
    assertThat(raw("{\"version\":\"2.0\",\"rawPath\":\"/chat\",\"rawQueryString\":\"room=a%20b&user=al%26ice\","
        + "\"queryStringParameters\":{\"room\":\"a b\"},\"requestContext\":{\"http\":{\"method\":\"GET\"}}}")
        .query()).isEqualTo("room=a%20b&user=al%26ice");

    event.setRawQueryString("");
    assertThat(HttpApiEvents.toRequest(event).query()).isEmpty();
  }

  @Test
  void albParametersAreAsTheClientSentThemStillEncoded() {
    ApplicationLoadBalancerRequestEvent multi = TypedEventsTest.albEvent(true);
    Map<String, List<String>> params = new LinkedHashMap<>();
    params.put("room", Arrays.asList("a%20b"));
    params.put("user", Arrays.asList("al%26ice", "bob"));
    multi.setMultiValueQueryStringParameters(params);
    assertThat(AlbEvents.toRequest(multi).query()).isEqualTo("room=a%20b&user=al%26ice&user=bob");

    ApplicationLoadBalancerRequestEvent single = TypedEventsTest.albEvent(false);
    single.setQueryStringParameters(Map.of("room", "a%20b"));
    assertThat(AlbEvents.toRequest(single).query()).isEqualTo("room=a%20b");

    assertThat(raw("{\"requestContext\":{\"elb\":{\"targetGroupArn\":\"arn\"}},\"httpMethod\":\"GET\","
        + "\"path\":\"/chat\",\"multiValueQueryStringParameters\":{\"room\":[\"a%20b\"],\"user\":[\"al%26ice\","
        + "\"bob\"]}}").query()).isEqualTo("room=a%20b&user=al%26ice&user=bob");
  }
}
