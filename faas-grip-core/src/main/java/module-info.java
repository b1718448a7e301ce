/**
 * The GRIP protocol, platform-neutral: WebSocket-over-HTTP, GRIP instructions, publish formats and their JSON,
 * configuration and {@code Grip-Sig} validation.
 *
 * <p>{@code org.faasgrip.internal} is shared with the library's own modules only: it is not API.
 */
// "module": the sibling modules named in the qualified export are built after this one, so javac cannot see them.
@SuppressWarnings("module")
module org.faasgrip.core {
  requires com.fasterxml.jackson.core;

  exports org.faasgrip;
  exports org.faasgrip.config;
  exports org.faasgrip.grip;
  exports org.faasgrip.publish;
  exports org.faasgrip.sig;
  exports org.faasgrip.websocket;
  exports org.faasgrip.internal to
      org.faasgrip.publisher,
      org.faasgrip.function,
      org.faasgrip.lambda,
      org.faasgrip.servlet;
}
