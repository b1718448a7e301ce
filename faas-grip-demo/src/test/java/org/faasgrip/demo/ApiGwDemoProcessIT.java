package org.faasgrip.demo;

import java.util.List;

/**
 * {@link DemoProcessIT} with {@code --platform apigw-websocket}: plain WebSocket clients chat with the
 * API-Gateway-style handler as with the default one, and the signals stop everything.
 */
class ApiGwDemoProcessIT extends DemoProcessIT {
  @Override
  List<String> platformArgs() {
    return List.of("--platform", "apigw-websocket");
  }
}
