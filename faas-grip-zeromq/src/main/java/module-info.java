/**
 * Pushpin over ZeroMQ: which channels have subscribers (Pushpin's stats socket) and publishing to a cluster of
 * Pushpin instances over PUB/SUB. JeroMQ stays an implementation detail: no JeroMQ type is in the API.
 */
module org.faasgrip.zeromq {
  requires transitive org.faasgrip.core;
  requires org.zeromq.jeromq;

  exports org.faasgrip.zeromq;
}
