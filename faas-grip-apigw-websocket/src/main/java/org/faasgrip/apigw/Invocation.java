package org.faasgrip.apigw;

import java.time.Instant;
import org.faasgrip.function.Grip;
import org.faasgrip.grip.GripRequest;
import org.faasgrip.grip.GripResponse;
import org.faasgrip.websocket.WebSocketContext;

/**
 * One WebSocket-over-HTTP request being turned into route invocations: the context, the request it came in (the
 * context keeps no headers), and what {@link GripConnections} may add to its answer while a handler runs. A
 * handler may call {@link Connections} from any thread, so every use of the context holds this object's lock;
 * once {@link #finish()} has built the answer, the additions report false and the caller publishes instead.
 */
final class Invocation extends WebSocketContext {
  /** Makes invocations for {@link Grip#webSocket(GripRequest, Grip.ContextFactory)}: a named class, no lambda. */
  static final Grip.ContextFactory<Invocation> FACTORY = new Grip.ContextFactory<Invocation>() {
    @Override
    public Invocation create(GripRequest request, String channelPrefix) {
      return new Invocation(request, channelPrefix);
    }
  };

  final GripRequest request;
  private boolean finished;
  private boolean ending;
  private ConnectionInfo info;

  private Invocation(GripRequest request, String channelPrefix) {
    super(request, channelPrefix);
    this.request = request;
  }

  synchronized void describe(Instant connectedAt, Instant now, String sourceIp, String userAgent) {
    info = new ConnectionInfo(connectionId(), connectedAt, now, sourceIp, userAgent);
  }

  synchronized ConnectionInfo info() {
    return info;
  }

  /** Whether the connection is being closed (deleteConnection, or the client's close): nothing more is sent. */
  synchronized boolean isEnding() {
    return ending;
  }

  synchronized boolean post(String text) {
    if (finished) {
      return false;
    }
    if (!ending) {
      send(text);
    }
    return true;
  }

  synchronized boolean post(byte[] data) {
    if (finished) {
      return false;
    }
    if (!ending) {
      sendBinary(data);
    }
    return true;
  }

  /** Closes the connection with a close that carries no code, as a published close does. */
  synchronized boolean delete() {
    if (finished) {
      return false;
    }
    if (!ending) {
      close();
      ending = true;
    }
    return true;
  }

  /** Ends the answer with the given close, unless it already ends. */
  synchronized void end(int code, String reason) {
    if (!ending) {
      if (code < 0) {
        close();
      } else {
        close(code, reason);
      }
      ending = true;
    }
  }

  synchronized boolean channel(String channel, boolean join) {
    if (finished) {
      return false;
    }
    if (!ending) {
      if (join) {
        subscribe(channel);
      } else {
        unsubscribe(channel);
      }
    }
    return true;
  }

  /** Builds the answer; later additions go through publishing. */
  synchronized GripResponse finish() {
    finished = true;
    return toGripResponse();
  }
}
