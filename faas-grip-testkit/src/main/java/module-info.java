/** JUnit 5 support: a real Pushpin on loopback, an origin server, WebSocket and streaming test clients. */
module org.faasgrip.testkit {
  requires transitive org.junit.jupiter.api;
  requires transitive java.net.http;
  requires transitive jdk.httpserver;

  exports org.faasgrip.testkit;
}
