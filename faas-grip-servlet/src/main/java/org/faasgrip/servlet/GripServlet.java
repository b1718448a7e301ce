package org.faasgrip.servlet;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.function.Supplier;
import org.faasgrip.GripException;
import org.faasgrip.config.GripConfigException;
import org.faasgrip.function.Grip;
import org.faasgrip.function.GripLogger;
import org.faasgrip.function.LazyGrip;
import org.faasgrip.grip.GripRequest;
import org.faasgrip.grip.GripResponse;
import org.faasgrip.internal.Checks;

/**
 * A servlet that serves WebSockets (as WebSocket-over-HTTP), HTTP streams and long-polls through a GRIP proxy:
 * extend it and implement {@link #handle(GripRequest, HttpServletRequest)}. Every method (GET, POST, ...) comes to
 * that one method, with the body already read as bytes.
 *
 * <pre>{@code
 * public class ChatServlet extends GripServlet {
 *   protected GripResponse handle(GripRequest request, HttpServletRequest servletRequest) {
 *     WebSocketContext ws = grip().webSocket(request);      // 400 / 403 answered by GripServlet
 *     if (ws.isOpening()) { ws.accept(); ws.subscribe("room"); }
 *     while (ws.canRecv()) {
 *       String message = ws.recv();
 *       if (message == null) { ws.close(); break; }
 *       grip().publish("room", WebSocketMessageFormat.text(message));
 *     }
 *     return ws.toGripResponse();
 *   }
 * }
 * }</pre>
 *
 * <p>Made by the container (a {@code web.xml} entry or {@code @WebServlet}), it reads its configuration from the
 * environment ({@code GRIP_URL} or {@code GRIP_PROXIES}, {@code GRIP_PREFIX}, {@code GRIP_VERIFY}) in
 * {@link #init()} through {@link #createGrip()}; a malformed one is logged and every request is answered 500, with nothing of the configuration
 * in the answer. Registered in code (embedded Jetty or Tomcat, Spring's {@code ServletRegistrationBean}), it may be
 * given its {@link Grip} or {@link ServletGrip} instead.
 *
 * <p>A {@link GripException} thrown by {@code handle} is answered by {@link Grip#errorResponse(GripException)}: 400
 * for a request that is not WebSocket-over-HTTP or is malformed, 403 for a missing or bad {@code Grip-Sig} when
 * signatures are required, 413 for a body over {@link ServletGrip#maxBodyBytes()}, 500 for the rest.
 */
public abstract class GripServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;

  // Not serialized: a servlet container that passivates servlets makes them anew, and init() reads the environment.
  // Given, or made from the configuration that init() reads; null until then, and while that configuration is
  // malformed (the LazyGrip keeps the error).
  private transient volatile ServletGrip servletGrip;
  private transient volatile LazyGrip configuration;

  /** Creates a servlet that reads its configuration from the environment when the container initialises it. */
  protected GripServlet() {}

  /**
   * Creates a servlet with a configuration of its own and the default body limit.
   *
   * @param grip the configuration and rules
   * @throws GripException if {@code grip} is null
   */
  protected GripServlet(Grip grip) {
    this(ServletGrip.of(grip));
  }

  /**
   * Creates a servlet with a configuration and body limit of its own.
   *
   * @param servletGrip the adapter
   * @throws GripException if {@code servletGrip} is null
   */
  protected GripServlet(ServletGrip servletGrip) {
    this.servletGrip = Checks.notNull(servletGrip, "servletGrip");
  }

  /**
   * Reads the configuration from the environment, unless the servlet was given one. A malformed variable does not
   * fail the servlet's start: it is answered 500 on every request, each time logged with the variable's name, so
   * that the reason shows in the function's log rather than as the container's unavailable page.
   */
  @Override
  public void init() {
    if (servletGrip == null) {
      LazyGrip lazy = LazyGrip.of(new CreateGrip(this));
      configuration = lazy;
      try {
        servletGrip = ServletGrip.of(lazy.get());
      } catch (GripConfigException e) {
        // Kept by the LazyGrip: answered 500 on every request, each time logged with the variable's name.
      }
    }
  }

  /** {@link #createGrip()} as the factory of a {@link LazyGrip}; a named class, as the library's are. */
  private static final class CreateGrip implements Supplier<Grip> {
    private final GripServlet servlet;

    CreateGrip(GripServlet servlet) {
      this.servlet = servlet;
    }

    @Override
    public Grip get() {
      return servlet.createGrip();
    }
  }

  /**
   * Makes the configuration of a servlet made without one, once, from {@link #init()}: {@link Grip#fromEnvironment()}
   * unless overridden (a container-made servlet that wants a publisher or logger of its own builds its
   * {@link Grip} here, and a {@link GripConfigException} thrown here is answered as a malformed environment is).
   *
   * @return the configuration and rules
   * @throws GripConfigException if the configuration is malformed
   */
  protected Grip createGrip() {
    return Grip.fromEnvironment();
  }

  /**
   * Returns the configuration and rules: {@code webSocket}, {@code isFromProxy}, {@code publish}, the hold
   * responses.
   *
   * @return the servlet's {@link Grip}
   * @throws GripConfigException if the environment's configuration is malformed
   * @throws IllegalStateException before {@link #init()} of a servlet made without a configuration
   */
  protected final Grip grip() {
    return servletGrip().grip();
  }

  private ServletGrip servletGrip() {
    ServletGrip g = servletGrip;
    if (g == null) {
      LazyGrip lazy = configuration;
      if (lazy == null) {
        throw new IllegalStateException("GripServlet reads its configuration in init(); the container has not"
            + " called it yet");
      }
      g = ServletGrip.of(lazy.get()); // throws the configuration error that init() met
      servletGrip = g;
    }
    return g;
  }

  /**
   * Answers one request.
   *
   * @param request the request: method, path, headers and the body as bytes
   * @param servletRequest the same request as the container has it, for its query parameters, path info,
   *     attributes or session; its body has been read
   * @return the response to write: {@code ws.toGripResponse()}, a hold response of {@link #grip()}, or any other
   * @throws GripException for a failure that {@link Grip#errorResponse(GripException)} answers
   */
  protected abstract GripResponse handle(GripRequest request, HttpServletRequest servletRequest);

  /**
   * Reads the request, calls {@link #handle(GripRequest, HttpServletRequest)} and writes its response; a
   * {@link GripException} is answered by {@link Grip#errorResponse(GripException)}.
   *
   * @param req the servlet request
   * @param res the servlet response
   * @throws IOException if the body cannot be read or the response written
   */
  @Override
  protected void service(HttpServletRequest req, HttpServletResponse res) throws IOException {
    ServletGrip g = null;
    GripResponse response;
    try {
      g = servletGrip();
      response = handle(g.read(req), req);
    } catch (GripException e) {
      // A malformed configuration has no Grip to answer it: the static answer logs to the same place.
      response = g != null ? g.grip().errorResponse(e) : Grip.errorResponse(e, GripLogger.system());
    }
    Exchange.write(response, res);
  }
}
