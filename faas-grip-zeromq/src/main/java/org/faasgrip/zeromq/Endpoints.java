package org.faasgrip.zeromq;

/** Checks ZeroMQ endpoints before JeroMQ sees them. */
final class Endpoints {
  private Endpoints() {}

  /**
   * Returns the endpoint if it is a tcp one.
   *
   * @throws ZmqException if it is not, naming it; ipc gets the reason (JeroMQ's ipc is TCP underneath)
   */
  static String check(String endpoint) {
    if (endpoint == null) {
      throw new ZmqException("The endpoint must not be null");
    }
    if (endpoint.startsWith("ipc://")) {
      throw new ZmqException("Endpoint " + endpoint + " is ipc://, which JeroMQ implements over TCP on loopback "
          + "and cannot reach Pushpin's Unix sockets: give Pushpin a tcp:// endpoint instead");
    }
    if (!endpoint.startsWith("tcp://") || endpoint.length() > 256 || endpoint.chars().anyMatch(c -> c <= ' ')) {
      throw new ZmqException("Endpoint \"" + endpoint + "\" is not a tcp://HOST:PORT endpoint");
    }
    return endpoint;
  }
}
