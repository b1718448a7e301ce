package org.faasgrip.docs;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.faasgrip.function.Grip;
import org.faasgrip.grip.GripRequest;
import org.faasgrip.grip.GripResponse;
import org.faasgrip.publish.WebSocketMessageFormat;
import org.faasgrip.servlet.GripServlet;
import org.faasgrip.servlet.ServletGrip;
import org.faasgrip.websocket.WebSocketContext;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** The samples of {@code docs/servlet.md}. */
public final class ServletSamples {
  private ServletSamples() {}

  // tag::servlet-chat[]
  /** The chat as a servlet: configured from GRIP_URL, GRIP_VERIFY, ... when the container starts it. */
  @WebServlet("/chat")
  public static class ChatServlet extends GripServlet {
    // end::servlet-chat[]
    private static final long serialVersionUID = 1L;

    /** Created by the container. */
    public ChatServlet() {}

    // tag::servlet-chat[]
    @Override
    protected GripResponse handle(GripRequest request, HttpServletRequest servletRequest) {
      WebSocketContext ws = grip().webSocket(request);   // 400, 403 answered for you
      if (ws.isOpening()) {
        ws.accept();
        ws.subscribe("room");
      }
      while (ws.canRecv()) {
        String message = ws.recv();
        if (message == null) {                            // the client closed
          ws.close();
          break;
        }
        grip().publish("room", WebSocketMessageFormat.text(message));
      }
      return ws.toGripResponse();
    }
  }
  // end::servlet-chat[]

  // tag::spring-controller[]
  /** The chat and a stream in a Spring MVC controller, through ServletGrip. */
  @RestController
  public static class ChatController {
    private final Grip grip = Grip.fromEnvironment();
    private final ServletGrip servletGrip = ServletGrip.of(grip);
    // end::spring-controller[]

    /** Created by Spring. */
    public ChatController() {}

    /**
     * The chat.
     *
     * @param request the WebSocket-over-HTTP request
     * @param response where the events go
     * @throws IOException if the body cannot be read or the answer written
     */
    // tag::spring-controller[]
    @PostMapping("/chat")
    public void chat(HttpServletRequest request, HttpServletResponse response) throws IOException {
      servletGrip.serve(request, response, gripRequest -> {
        WebSocketContext ws = grip.webSocket(gripRequest);
        if (ws.isOpening()) {
          ws.accept();
          ws.subscribe("room");
        }
        while (ws.canRecv()) {
          String message = ws.recv();
          if (message == null) {
            ws.close();
            break;
          }
          grip.publish("room", WebSocketMessageFormat.text(message));
        }
        return ws.toGripResponse();
      });
    }
    // end::spring-controller[]

    /**
     * A stream on channel {@code news}.
     *
     * @param request the request
     * @param response where the hold response goes
     * @throws IOException if the answer cannot be written
     */
    // tag::spring-controller[]
    @GetMapping("/news")
    public void news(HttpServletRequest request, HttpServletResponse response) throws IOException {
      servletGrip.serve(request, response, gripRequest -> grip.holdStream("news", "stream open\n"));
    }
  }
  // end::spring-controller[]

  /**
   * An adapter with a body limit of its own.
   *
   * @return the adapter
   */
  public static ServletGrip limited() {
    // tag::servlet-limit[]
    ServletGrip servletGrip = ServletGrip.builder()
        .grip(Grip.fromEnvironment())
        .maxBodyBytes(1024 * 1024)          // 1 MiB; larger bodies are answered 413
        .build();
    // end::servlet-limit[]
    return servletGrip;
  }
}
