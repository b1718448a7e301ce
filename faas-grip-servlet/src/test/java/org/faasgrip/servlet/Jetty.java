package org.faasgrip.servlet;

import jakarta.servlet.http.HttpServlet;
import java.net.URI;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.faasgrip.localrun.LocalRun;

/**
 * A real embedded Jetty 12 (ee10, Servlet 6.0) on a free loopback port, serving one servlet on every path; a
 * {@link LocalRun.Origin}, so that a local run puts Pushpin in front of it.
 */
final class Jetty implements LocalRun.Origin {
  private final Server server;
  private final ServerConnector connector;

  private Jetty(Server server, ServerConnector connector) {
    this.server = server;
    this.connector = connector;
  }

  static Jetty start(HttpServlet servlet) {
    Server server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    server.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler();
    context.addServlet(new ServletHolder(servlet), "/*");
    server.setHandler(context);
    try {
      server.start();
    } catch (Exception e) {
      try {
        server.stop();
      } catch (Exception suppressed) {
        e.addSuppressed(suppressed);
      }
      throw new IllegalStateException("Jetty did not start", e);
    }
    return new Jetty(server, connector);
  }

  int port() {
    return connector.getLocalPort();
  }

  @Override
  public URI uri() {
    return URI.create("http://127.0.0.1:" + port());
  }

  @Override
  public String name() {
    return "Jetty";
  }

  URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port() + path);
  }

  // No checked exception: an AutoCloseable whose close() may throw InterruptedException is a javac lint warning.
  @Override
  public void close() {
    try {
      server.stop();
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      throw new IllegalStateException("Jetty did not stop", e);
    }
  }
}
