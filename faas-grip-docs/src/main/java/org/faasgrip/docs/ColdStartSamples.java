package org.faasgrip.docs;

import com.amazonaws.services.lambda.runtime.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import org.faasgrip.lambda.GripStreamHandler;
import org.faasgrip.lambda.LambdaEvent;
import org.faasgrip.lambda.LambdaJsonResponse;
import org.faasgrip.lambda.LambdaWebSocketContext;
import org.faasgrip.lambda.SnapStartPriming;

/** The samples of docs/cold-start.md. */
public final class ColdStartSamples {
  private ColdStartSamples() {}

  /** A stream handler primed for SnapStart with recorded events (resources on its class path). */
  // tag::snapstart[]
  public static final class ChatFunction extends GripStreamHandler {
    // Keep it in a field: a CRaC context may hold its resources weakly.
    private final SnapStartPriming priming =
        SnapStartPriming.register(this, List.of(recorded("open.json"), recorded("messages.json")));

    @Override
    protected LambdaJsonResponse handle(LambdaEvent event, Context context) {
      LambdaWebSocketContext<LambdaJsonResponse> ws = webSocket(event);
      if (ws.isOpening()) {
        ws.accept();
      }
      // ... your handler, as on any invocation
      return ws.toResponse();
    }

    private static byte[] recorded(String name) {
      try (InputStream in = ChatFunction.class.getResourceAsStream("/recorded/" + name)) {
        if (in == null) {
          throw new IllegalStateException("no recorded event /recorded/" + name + " on the class path");
        }
        return in.readAllBytes();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    // end::snapstart[]

    /** Creates the handler, registering its priming hook. */
    public ChatFunction() {}

    /**
     * Returns the hook, for tests.
     *
     * @return the registered hook
     */
    public SnapStartPriming priming() {
      return priming;
    }
    // tag::snapstart[]
  }
  // end::snapstart[]
}
