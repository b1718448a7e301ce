package org.faasgrip.demo;

import java.net.URI;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.CustomRequestLog;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.faasgrip.function.Grip;

/** The demo as a servlet: an embedded Jetty 12 on loopback running {@link DemoServlet} on every path. */
final class ServletPlatform implements Platform.Origin {
  private final Server server;
  private final URI uri;

  private ServletPlatform(Server server, URI uri) {
    this.server = server;
    this.uri = uri;
  }

  static Platform.Origin start(Grip grip, boolean accessLog) {
    Server server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    server.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler();
    context.addServlet(new ServletHolder(new DemoServlet(grip)), "/*");
    server.setHandler(context);
    if (accessLog) {
      server.setRequestLog(new CustomRequestLog(System.err::println, "jetty %m %U %s %{ms}Tms"));
    }
    try {
      server.start();
    } catch (Exception e) {
      try {
        server.stop();
      } catch (Exception suppressed) {
        e.addSuppressed(suppressed);
      }
      throw new IllegalStateException("Jetty did not start: " + e.getMessage(), e);
    }
    return new ServletPlatform(server, URI.create("http://127.0.0.1:" + connector.getLocalPort()));
  }

  @Override
  public URI uri() {
    return uri;
  }

  @Override
  public String describe() {
    return "Jetty " + uri.getAuthority() + " -> DemoServlet (ChatServlet on /chat)";
  }

  @Override
  public String name() {
    return "Jetty";
  }

  @Override
  public void close() {
    try {
      server.stop();
    } catch (Exception e) {
      throw new IllegalStateException("Jetty did not stop: " + e.getMessage(), e);
    }
  }
}
