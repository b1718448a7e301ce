package org.faasgrip.websocket;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.OptionalInt;
import org.faasgrip.grip.Filters;
import org.faasgrip.grip.GripRequest;
import org.faasgrip.grip.GripResponse;
import org.faasgrip.grip.KeepAliveMode;
import org.faasgrip.internal.Checks;

/**
 * The pseudo-socket of one WebSocket-over-HTTP request: what the client did since the last request comes in,
 * what the function does goes out in the response.
 *
 * <p>A GRIP proxy (Pushpin, Fastly Fanout) holds the client's WebSocket and turns each batch of its activity
 * into one HTTP request; this object lasts for that one request. The handler reads the client's messages with
 * {@link #canRecv()} and {@link #recv()}, writes with {@link #send(String)} and friends, and returns
 * {@link #toGripResponse()} (or a platform adapter's {@code toResponse()}):
 *
 * <pre>{@code
 * WebSocketContext ws = WebSocketContext.from(request, prefix);
 * if (ws.isOpening()) {
 *   ws.accept();
 *   ws.subscribe("room");
 * }
 * while (ws.canRecv()) {
 *   String message = ws.recv();
 *   if (message == null) {      // the client closed (or went away): see isClosed(), isDisconnected()
 *     ws.close();
 *     break;
 *   }
 *   ws.send("you said: " + message);
 * }
 * return ws.toGripResponse();
 * }</pre>
 *
 * <p><b>What this class does that earlier libraries did not.</b> {@link #close()} sends a close frame without a
 * code (never code 0); the client's close code survives a close reason, and both are exposed; every
 * {@code PING} is answered by a {@code PONG} that echoes its payload, including those after the last message
 * the handler read; a disconnect is reported as a value ({@link #recvMessage()},
 * {@link #isDisconnected()}), never as an exception to parse.
 *
 * <p><b>GRIP mode.</b> Pushpin offers the {@code grip} WebSocket extension on every request
 * ({@code Sec-WebSocket-Extensions: grip}); when the response to the opening request carries it back, the
 * proxy enters GRIP mode for the connection: messages to the client must start with the message prefix
 * ({@code m:} unless the extension names another as {@code message-prefix}), which the proxy strips, and
 * text starting {@code c:} is a control message (subscribe, unsubscribe, detach, keep-alive, set-meta, session,
 * send-delayed, flush-delayed). This
 * class does all of that when the request offers the extension: {@link #accept()} echoes it, and every
 * {@code send} adds the prefix. When the request does not offer it (it did not come through such a proxy),
 * messages go out as they are, and control messages throw {@link NotGripModeException} (they would reach the
 * client as text), which {@code Grip.errorResponse} answers 400; check {@link #isGrip()} first to serve such
 * clients without them.
 *
 * <p><b>Meta.</b> {@link #meta()} starts with the request's {@code Meta-*} headers (names in lower case, so a
 * {@code Meta-Nick} header is {@code meta().get("nick")}); names compare without case. Changes become
 * {@code Set-Meta-<name>} response headers, and a removed entry is sent empty, which deletes it. The proxy's
 * subscription filters do not see this meta: they read what {@link #setMeta(String, String)} sets, and
 * {@link #setUser(String)} writes both for the connection's user ({@link org.faasgrip.grip.Filters}).
 *
 * <p><b>Structure.</b> Two package-private halves do the work, one per job: one reads the request (headers,
 * events, meta, how far the handler has read), the other builds the response; this class is their facade.
 *
 * <p>Not thread-safe: one handler invocation uses it. Platform adapters subclass it to add a
 * {@code toResponse()} that returns their platform's response type.
 */
public class WebSocketContext {
  /** The media type of WebSocket-over-HTTP bodies; Pushpin compares the response's Content-Type to it exactly. */
  public static final String CONTENT_TYPE = "application/websocket-events";
  /** The message prefix of GRIP mode when the extension names none. */
  public static final String DEFAULT_MESSAGE_PREFIX = "m:";

  private final IncomingEvents in;
  private final OutgoingEvents out;

  /**
   * Reads a WebSocket-over-HTTP request: its {@code Connection-Id}, {@code Meta-*} and
   * {@code Sec-WebSocket-Extensions} headers, and its body's events. For adapters that subclass; others call
   * {@link #from(GripRequest, String)}.
   *
   * @param request the request as the proxy sent it
   * @param channelPrefix put before every channel name in subscribe and unsubscribe ({@code GRIP_PREFIX});
   *     null or empty for none
   * @throws NotWebSocketRequestException if the method is not POST or the Content-Type is not
   *     {@value #CONTENT_TYPE}
   * @throws WebSocketProtocolException if the body is malformed
   * @throws org.faasgrip.GripException if request is null
   */
  protected WebSocketContext(GripRequest request, String channelPrefix) {
    Checks.notNull(request, "request");
    this.in = new IncomingEvents(request);
    this.out = new OutgoingEvents(in, channelPrefix);
  }

  /**
   * Reads a WebSocket-over-HTTP request, with no channel prefix.
   *
   * @param request the request as the proxy sent it
   * @return the context for this request
   * @throws NotWebSocketRequestException if the method is not POST or the Content-Type is not
   *     {@value #CONTENT_TYPE}
   * @throws WebSocketProtocolException if the body is malformed
   */
  public static WebSocketContext from(GripRequest request) {
    return new WebSocketContext(request, "");
  }

  /**
   * Reads a WebSocket-over-HTTP request.
   *
   * @param request the request as the proxy sent it
   * @param channelPrefix put before every channel name in subscribe and unsubscribe ({@code GRIP_PREFIX});
   *     null or empty for none
   * @return the context for this request
   * @throws NotWebSocketRequestException if the method is not POST or the Content-Type is not
   *     {@value #CONTENT_TYPE}
   * @throws WebSocketProtocolException if the body is malformed
   */
  public static WebSocketContext from(GripRequest request, String channelPrefix) {
    return new WebSocketContext(request, channelPrefix);
  }

  // ---------------------------------------------------------------------------------------------- the request

  /**
   * Returns the proxy's id for this connection, the same on every request of the connection.
   *
   * @return the {@code Connection-Id} header, or null when the request has none
   */
  public String connectionId() {
    return in.connectionId;
  }

  /**
   * Returns whether this is the opening request of a connection: its first event is {@code OPEN}. Call
   * {@link #accept()} to let the client in.
   *
   * @return true for the opening request
   */
  public boolean isOpening() {
    return in.isOpening();
  }

  /**
   * Returns whether the proxy offered GRIP mode: the request carries the {@code grip} WebSocket extension.
   * Control messages need it, and outgoing messages then carry {@link #messagePrefix()}.
   *
   * @return true in GRIP mode
   */
  public boolean isGrip() {
    return in.messagePrefix != null;
  }

  /**
   * Returns the prefix that outgoing messages carry in GRIP mode: {@code m:} unless the grip extension names
   * another.
   *
   * @return the prefix, or null when not in GRIP mode
   */
  public String messagePrefix() {
    return in.messagePrefix;
  }

  /**
   * Returns every event of the request body, in order, as decoded (including those {@link #recv()} skips,
   * such as {@code PING}).
   *
   * @return the events, unmodifiable
   */
  public List<WebSocketEvent> events() {
    return Collections.unmodifiableList(in.events);
  }

  /**
   * Returns whether the request carries the client's close frame ({@code CLOSE}). {@link #recv()} returns null
   * when it reaches it; the handler usually answers with {@link #close()}.
   *
   * @return true when the client closed the connection
   */
  public boolean isClosed() {
    return in.peerClose != null;
  }

  /**
   * Returns whether the client went away without a close handshake (a {@code DISCONNECT} event). The proxy has
   * dropped the connection already: whatever the response holds is not delivered.
   *
   * @return true when the client disconnected
   */
  public boolean isDisconnected() {
    return in.peerDisconnected;
  }

  /**
   * Returns the close code of the client's close frame.
   *
   * @return the code; empty when the client has not closed, or closed without a code
   */
  public OptionalInt closeCode() {
    return in.peerClose == null ? OptionalInt.empty() : in.peerClose.closeCode();
  }

  /**
   * Returns the reason of the client's close frame, decoded as UTF-8.
   *
   * @return the reason; empty when the client has not closed, or gave none
   */
  public String closeReason() {
    return in.peerClose == null ? "" : in.peerClose.closeReason();
  }

  /**
   * Returns the connection's meta: a mutable map that starts with the request's {@code Meta-*} headers (names
   * lower-cased). Names compare without case. What is put or removed becomes {@code Set-Meta-*} headers of the
   * response.
   *
   * <p>Every name must be an HTTP token and no value may hold a control character (CR and LF above all): a
   * put that breaks this throws {@link InvalidMetaException}, and so does a null name or value.
   *
   * @return the live meta map
   */
  public Map<String, String> meta() {
    return in.meta;
  }

  // ------------------------------------------------------------------------------------------------- reading

  /**
   * Returns whether a message (text, binary, close or disconnect) is left to receive.
   *
   * @return true when {@link #recv()} has something to return
   */
  public boolean canRecv() {
    return in.canRecv();
  }

  /**
   * Receives the next message, kept typed: text or binary, or the client's close or disconnect as a value.
   * {@code PING}s passed on the way are answered (a {@code PONG} echoing the payload); {@code PONG}s and
   * {@code OPEN} are skipped.
   *
   * @return the next message
   * @throws NoSuchElementException if no message is left ({@link #canRecv()} is false)
   */
  public WebSocketMessage recvMessage() {
    WebSocketEvent e = in.nextMessage(out);
    switch (e.type()) {
      case TEXT:
        return new WebSocketMessage(WebSocketMessage.Type.TEXT, e);
      case BINARY:
        return new WebSocketMessage(WebSocketMessage.Type.BINARY, e);
      case CLOSE:
        return new WebSocketMessage(WebSocketMessage.Type.CLOSE, e);
      default:
        return new WebSocketMessage(WebSocketMessage.Type.DISCONNECT, e);
    }
  }

  /**
   * Receives the next message as text, as the JavaScript faas-grip library's {@code recv()} does: a text message's text, a binary
   * message decoded as UTF-8 (use {@link #recvMessage()} to keep them apart), or null when the client closed
   * or disconnected ({@link #isClosed()}, {@link #isDisconnected()} and {@link #closeCode()} say which).
   *
   * @return the text, or null at the end of the connection
   * @throws NoSuchElementException if no message is left ({@link #canRecv()} is false)
   */
  public String recv() {
    // Straight from the event: no WebSocketMessage made only to be read once.
    WebSocketEvent e = in.nextMessage(out);
    WebSocketEvent.Type t = e.type();
    return t == WebSocketEvent.Type.TEXT || t == WebSocketEvent.Type.BINARY ? e.text() : null;
  }

  // ------------------------------------------------------------------------------------------------- writing

  /**
   * Accepts the connection: the response starts with an {@code OPEN} event and, in GRIP mode, carries the
   * grip extension back, which turns GRIP mode on at the proxy. Calling it again changes nothing.
   *
   * @throws IllegalStateException if this is not the opening request (the proxy would drop the connection on
   *     an {@code OPEN} later on)
   */
  public void accept() {
    if (!isOpening()) {
      throw new IllegalStateException("accept() answers the opening request; this request carries no OPEN event");
    }
    out.accept();
  }

  /**
   * Sends a text message to the client (with the message prefix in GRIP mode).
   *
   * @param message the text
   * @throws IllegalStateException after {@link #close()} or {@link #disconnect()}
   * @throws org.faasgrip.GripException if message is null
   */
  public void send(String message) {
    Checks.notNull(message, "message");
    out.checkOpen("send");
    out.addMessage(WebSocketEvent.Type.TEXT, message.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Sends a binary message to the client (with the message prefix in GRIP mode). The bytes are copied.
   *
   * @param message the bytes
   * @throws IllegalStateException after {@link #close()} or {@link #disconnect()}
   * @throws org.faasgrip.GripException if message is null
   */
  public void sendBinary(byte[] message) {
    Checks.notNull(message, "message");
    out.checkOpen("sendBinary");
    out.addMessage(WebSocketEvent.Type.BINARY, message);
  }

  /**
   * Sends a ping to the client: a {@code PING} event, which the proxy passes on as a ping frame (no message
   * prefix: it is not a message). The client's pong comes back on a later request as a {@code PONG} event.
   *
   * @param payload at most 125 bytes; copied
   * @throws IllegalArgumentException if the payload is longer than 125 bytes
   * @throws IllegalStateException after {@link #close()} or {@link #disconnect()}
   * @throws org.faasgrip.GripException if payload is null
   */
  public void ping(byte[] payload) {
    out.pingOrPong(WebSocketEvent.Type.PING, payload);
  }

  /**
   * Sends an unsolicited pong to the client (a {@code PONG} event), as RFC 6455 allows for a one-way heartbeat.
   * The pongs that answer the client's pings are sent without asking.
   *
   * @param payload at most 125 bytes; copied
   * @throws IllegalArgumentException if the payload is longer than 125 bytes
   * @throws IllegalStateException after {@link #close()} or {@link #disconnect()}
   * @throws org.faasgrip.GripException if payload is null
   */
  public void pong(byte[] payload) {
    out.pingOrPong(WebSocketEvent.Type.PONG, payload);
  }

  /**
   * Sends a GRIP control message: {@code c:} and a JSON object, which the proxy acts on instead of passing it
   * to the client. The helpers ({@link #subscribe}, {@link #keepAlive}, ...) write the common ones.
   *
   * @param json a JSON object, such as {@code {"type":"detach"}}
   * @throws IllegalArgumentException if the text is not a JSON object (does not start with <code>{</code> and
   *     end with <code>}</code>)
   * @throws NotGripModeException if not in GRIP mode (the request came without the grip extension; answered 400)
   * @throws IllegalStateException after {@link #close()} or {@link #disconnect()}
   * @throws org.faasgrip.GripException if json is null
   */
  public void sendControl(String json) {
    out.sendControl(json);
  }

  /**
   * Subscribes the connection to a channel: messages published to it reach this client. The channel prefix is
   * put before the name.
   *
   * @param channel the channel name, without the prefix
   * @param filters names of the proxy's filters to apply to this subscription ({@link Filters}, such as
   *     {@link Filters#SKIP_SELF}); none for no {@code filters} field
   * @throws IllegalArgumentException if the channel is empty or holds a control character (CR, LF, NUL, ...;
   *     a tab is allowed)
   * @throws NotGripModeException if not in GRIP mode (the request came without the grip extension; answered 400)
   * @throws IllegalStateException after {@link #close()} or {@link #disconnect()}
   * @throws org.faasgrip.GripException if channel or a filter is null
   */
  public void subscribe(String channel, String... filters) {
    out.subscribe(channel, filters);
  }

  /**
   * Says who this connection's user is, for the proxy's filters: one call that makes both audiences work, the
   * publishes to "everyone but the sender" ({@code Item.Builder.sender}, with {@link Filters#SKIP_SELF} on
   * the subscription, as {@link #subscribeAs} does) and those to "only these users" ({@code Item.toUsers}).
   *
   * <p>It writes three things: a {@code set-meta} control message for {@code user}, which is the meta the
   * proxy's filters read; {@code meta().put("user", user)}, so that {@link #user()} reads it on every later
   * request (the filters never see {@code Set-Meta-*} headers, and the function never sees {@code set-meta}:
   * the two are kept apart in Pushpin, so both are written); and a subscription to the user's own channel,
   * {@link Filters#userChannel(String)}. A second call for the same user in the same request adds nothing.
   *
   * @param user the user: not empty, without commas (the {@code skip_users} meta is a comma-separated list),
   *     control characters or white space at either end
   * @throws InvalidMetaException if the user is empty or holds such a character
   * @throws NotGripModeException if not in GRIP mode (the request came without the grip extension; answered 400)
   * @throws IllegalStateException after {@link #close()} or {@link #disconnect()}
   * @throws org.faasgrip.GripException if user is null
   */
  public void setUser(String user) {
    out.setUser(user);
  }

  /**
   * Returns the connection's user: the {@code user} meta that {@link #setUser(String)} set, on this request
   * or an earlier one.
   *
   * @return the user, or null when none was set
   */
  public String user() {
    return in.meta.get(Filters.USER);
  }

  /**
   * Subscribes the connection to a channel as a user, in one call: {@link #setUser(String)}, then
   * {@link #subscribe(String, String...)} with the {@link Filters#SKIP_SELF} and {@link Filters#SKIP_USERS}
   * filters. What is then published to the channel by this user ({@code Item.builder(channel).sender(user)})
   * reaches every subscriber but this user's connections, and an item's {@code skipUsers(...)} leaves out whom it
   * lists.
   *
   * @param user the connection's user, as {@link #setUser(String)} takes it
   * @param channel the channel name, without the prefix
   * @throws InvalidMetaException if the user is empty or holds a character {@link #setUser(String)} refuses
   * @throws IllegalArgumentException if the channel is empty or holds a control character
   * @throws NotGripModeException if not in GRIP mode (the request came without the grip extension; answered 400)
   * @throws IllegalStateException after {@link #close()} or {@link #disconnect()}
   * @throws org.faasgrip.GripException if an argument is null
   */
  public void subscribeAs(String user, String channel) {
    out.setUser(user);
    out.subscribe(channel, Filters.SKIP_SELF, Filters.SKIP_USERS);
  }

  /**
   * Unsubscribes the connection from a channel. The channel prefix is put before the name.
   *
   * @param channel the channel name, without the prefix
   * @throws IllegalArgumentException if the channel is empty or holds a control character (CR, LF, NUL, ...;
   *     a tab is allowed)
   * @throws NotGripModeException if not in GRIP mode (the request came without the grip extension; answered 400)
   * @throws IllegalStateException after {@link #close()} or {@link #disconnect()}
   * @throws org.faasgrip.GripException if channel is null
   */
  public void unsubscribe(String channel) {
    out.unsubscribe(channel);
  }

  /**
   * Detaches the connection: the proxy stops forwarding the client's messages to the function, and keeps
   * delivering what is published to its channels.
   *
   * <p>What Pushpin 1.36 does (seen in the integration tests): it closes its WebSocket-over-HTTP side of the
   * connection, so the function gets one more request, carrying a {@code CLOSE} without a code, whose answer
   * is not passed to the client; after that the client's messages go nowhere, and the client stays connected
   * to its channels until it closes or a close is published to it.
   *
   * @throws NotGripModeException if not in GRIP mode (the request came without the grip extension; answered 400)
   * @throws IllegalStateException after {@link #close()} or {@link #disconnect()}
   */
  public void detach() {
    out.detach();
  }

  /**
   * Asks the proxy to send the client a text message whenever the connection has been idle for a while, so
   * that intermediaries do not drop it. The text goes out as it is, without the message prefix.
   *
   * @param content the text to send
   * @param timeoutSeconds the idle time before each keep-alive, in seconds, 1 to 2147483
   * @throws IllegalArgumentException if the timeout is out of range
   * @throws NotGripModeException if not in GRIP mode (the request came without the grip extension; answered 400)
   * @throws IllegalStateException after {@link #close()} or {@link #disconnect()}
   * @throws org.faasgrip.GripException if content is null
   */
  public void keepAlive(String content, int timeoutSeconds) {
    out.keepAlive(content, timeoutSeconds);
  }

  /**
   * Asks the proxy to send the client a keep-alive message of any type, with any content.
   *
   * @param messageType {@code TEXT}, {@code BINARY}, {@code PING} or {@code PONG}
   * @param content the message's bytes (sent as {@code content-bin}, base64); at most 125 for a ping or pong
   * @param timeoutSeconds the time between keep-alives, in seconds, 1 to 2147483
   * @param mode whether the time counts from the last message to the client ({@link KeepAliveMode#IDLE}) or
   *     runs regardless ({@link KeepAliveMode#INTERVAL})
   * @throws IllegalArgumentException if the type is not one of the four, the timeout is out of range, or a ping
   *     or pong is longer than 125 bytes
   * @throws NotGripModeException if not in GRIP mode (the request came without the grip extension; answered 400)
   * @throws IllegalStateException after {@link #close()} or {@link #disconnect()}
   * @throws org.faasgrip.GripException if an argument is null
   */
  public void keepAlive(WebSocketEvent.Type messageType, byte[] content, int timeoutSeconds, KeepAliveMode mode) {
    out.keepAlive(messageType, content, timeoutSeconds, mode);
  }

  /**
   * Asks the proxy to send the client a text message later: the {@code send-delayed} control message. The
   * text goes out as it is, without the message prefix.
   *
   * <p>What Pushpin does (its {@code src/handler/wssession.cpp}, and the integration tests): one delayed message
   * per connection is held; a second {@code send-delayed} sends the one held at once and holds the new one, and
   * {@link #flushDelayed()} sends the one held at once. It is not cancelled by anything else.
   *
   * @param message the text
   * @param delaySeconds how long to wait, in seconds, 1 to 2147483
   * @throws IllegalArgumentException if the delay is out of range
   * @throws NotGripModeException if not in GRIP mode (the request came without the grip extension; answered 400)
   * @throws IllegalStateException after {@link #close()} or {@link #disconnect()}
   * @throws org.faasgrip.GripException if message is null
   */
  public void sendDelayed(String message, int delaySeconds) {
    Checks.notNull(message, "message");
    out.sendDelayed(WebSocketEvent.Type.TEXT, message.getBytes(StandardCharsets.UTF_8), delaySeconds);
  }

  /**
   * Asks the proxy to send the client a message of any type later (see {@link #sendDelayed(String, int)}).
   *
   * @param messageType {@code TEXT}, {@code BINARY}, {@code PING} or {@code PONG}
   * @param content the message's bytes (sent as {@code content-bin}, base64); at most 125 for a ping or pong
   * @param delaySeconds how long to wait, in seconds, 1 to 2147483
   * @throws IllegalArgumentException if the type is not one of the four, the delay is out of range, or a ping or
   *     pong is longer than 125 bytes
   * @throws NotGripModeException if not in GRIP mode (the request came without the grip extension; answered 400)
   * @throws IllegalStateException after {@link #close()} or {@link #disconnect()}
   * @throws org.faasgrip.GripException if an argument is null
   */
  public void sendDelayed(WebSocketEvent.Type messageType, byte[] content, int delaySeconds) {
    out.sendDelayed(messageType, content, delaySeconds);
  }

  /**
   * Asks the proxy to send the message that {@link #sendDelayed(String, int)} holds now: the
   * {@code flush-delayed} control message. Nothing happens when none is held.
   *
   * @throws NotGripModeException if not in GRIP mode (the request came without the grip extension; answered 400)
   * @throws IllegalStateException after {@link #close()} or {@link #disconnect()}
   */
  public void flushDelayed() {
    out.flushDelayed();
  }

  /**
   * Ties the connection to a GRIP session: the {@code session} control message. A proxy with a session store
   * keeps the last ids of the session's channels under the id, for HTTP requests of the same session
   * ({@code Grip-Session-Id}).
   *
   * <p>Pushpin 1.36 reads the message, and advertises {@code session} in {@code Grip-Feature}, but keeps
   * sessions only when its handler is given a session store ({@code state_spec}), which Pushpin does not ship:
   * out of the box the message changes nothing the client or the function can see (checked by the integration
   * tests).
   *
   * @param id the session id; empty ends the tie
   * @throws NotGripModeException if not in GRIP mode (the request came without the grip extension; answered 400)
   * @throws IllegalStateException after {@link #close()} or {@link #disconnect()}
   * @throws org.faasgrip.GripException if id is null
   */
  public void session(String id) {
    out.session(id);
  }

  /**
   * Asks the proxy to call the function for this connection even when the client is silent: the response
   * carries {@code Keep-Alive-Interval: seconds}. Use it where the function must run now and then for a quiet
   * connection (to send it something, or to close it), since no client activity means no request otherwise.
   *
   * <p>What Pushpin does with it ({@code src/proxy/websocketoverhttp.cpp}; seen with 1.36 in the integration
   * tests): the interval holds for the connection until a later response carries the header again, so setting
   * it on the opening response is enough. Once that many seconds pass after a response with no other request,
   * the proxy sends a request with <b>no events</b>: {@code POST}, an empty body ({@code Content-Length: 0}),
   * and the usual headers ({@code Connection-Id}, {@code Meta-*}, a fresh {@code Grip-Sig}, the grip
   * extension). The handler sees a request whose {@link #events()} is empty and whose {@link #canRecv()} is
   * false; {@link #toGripResponse()} answers it validly (status 200, the event Content-Type, an empty body
   * unless something was sent), and what is sent reaches the client. On the opening request, a response with
   * the interval but without {@link #accept()} keeps the client's handshake waiting: the proxy asks again with
   * {@code OPEN} after the interval. The interval also gives the function more than one chance to answer the
   * client's close: without it, Pushpin counts the connection as dropped when the response to the request that
   * carries the client's {@code CLOSE} does not close too.
   *
   * <p><b>Off.</b> {@code keepAliveInterval(0)} sends {@code Keep-Alive-Interval: 0}, which turns the idle
   * calls off again (Pushpin reads any value that is not a positive number as off; seen with 1.36).
   *
   * @param seconds the most seconds between two requests of an otherwise idle connection: at least 20 (the
   *     protocol's minimum; Pushpin raises a shorter interval to 20) and at most 2147483 (Pushpin counts the
   *     interval in milliseconds in a 32-bit integer); or 0 to turn the idle calls off
   * @throws IllegalArgumentException if seconds is negative, 1 to 19, or more than 2147483
   */
  public void keepAliveInterval(int seconds) {
    out.keepAliveInterval(seconds);
  }

  /**
   * Sets a meta entry of the connection for the proxy's filters, with a {@code set-meta} control message: the
   * meta that {@link Filters#SKIP_SELF}, {@link Filters#SKIP_USERS}, {@link Filters#VAR_SUBST} and
   * {@link Filters#BUILD_ID} read.
   *
   * <p>This is not {@link #meta()}. Pushpin keeps the two apart (seen with 1.36): {@code Set-Meta-*} response
   * headers ({@code meta()}) stay in its WebSocket-over-HTTP layer and come back to the function as
   * {@code Meta-*}, and the filters never see them; {@code set-meta} reaches the filters, and never comes back
   * to the function. {@link #setUser(String)} writes both for the {@code user} entry.
   *
   * @param name the meta name, an HTTP token
   * @param value the value; empty deletes the entry
   * @throws InvalidMetaException if the name is not an HTTP token or the value holds a control character
   * @throws NotGripModeException if not in GRIP mode (the request came without the grip extension; answered 400)
   * @throws IllegalStateException after {@link #close()} or {@link #disconnect()}
   */
  public void setMeta(String name, String value) {
    out.setMeta(name, value);
  }

  /**
   * Tells the proxy how many content bytes of this request's events the function took: the
   * {@code Content-Bytes-Accepted} response header. A proxy that supports it keeps the rest and sends it again
   * at the start of its next request, with {@code Content-Bytes-Replayed}, once more content arrives: for a
   * function that needs more of a message split over several (a protocol whose frames do not follow the
   * WebSocket's).
   *
   * <p>Pushpin supports it from 1.41.0; <b>1.36 ignores the header</b> and never replays (checked by the
   * integration tests). A close event's content counts last: accepting less than all the content before the
   * close keeps the connection open; accepting all of it but not the close fails it.
   *
   * @param bytes how many of {@link #contentBytes()} the function took, from the start
   * @throws IllegalArgumentException if bytes is negative or more than {@link #contentBytes()} (the proxy fails
   *     the connection then)
   */
  public void contentBytesAccepted(int bytes) {
    out.contentBytesAccepted(bytes);
  }

  /**
   * Returns how many content bytes this request's events carry, as the proxy counts them for
   * {@link #contentBytesAccepted(int)}: every event's content, the close's last.
   *
   * @return the sum of the events' content lengths
   */
  public int contentBytes() {
    return in.contentBytes;
  }

  /**
   * Returns how many content bytes at the start of this request's events the proxy sent before and replays
   * now: the {@code Content-Bytes-Replayed} header, which follows a response that accepted less than everything
   * ({@link #contentBytesAccepted(int)}). Pushpin sends it from 1.41.0.
   *
   * @return the replayed bytes; 0 when the request has no such header
   */
  public int contentBytesReplayed() {
    return in.contentBytesReplayed;
  }

  /**
   * Closes the connection with a close event that carries no code (never the invalid code 0 that an earlier
   * library sent); the proxy closes the client's socket with a code of its choosing (Pushpin 1.36: 1000, seen in
   * the end-to-end tests). The close goes last in the response, after what was sent and the answers to pings.
   */
  public void close() {
    out.ending = WebSocketEvent.close();
  }

  /**
   * Closes the connection with a close code.
   *
   * @param code the close code: 1000-1003, 1007-1014 or 3000-4999 (1000 normal, 4000-4999 for applications)
   * @throws IllegalArgumentException if RFC 6455 does not allow an endpoint to send the code
   */
  public void close(int code) {
    out.ending = WebSocketEvent.close(sendable(code));
  }

  /**
   * Closes the connection with a close code and a reason.
   *
   * @param code the close code: 1000-1003, 1007-1014 or 3000-4999 (1000 normal, 4000-4999 for applications)
   * @param reason the reason, at most 123 bytes in UTF-8
   * @throws IllegalArgumentException if RFC 6455 does not allow an endpoint to send the code, or the reason is
   *     too long
   * @throws org.faasgrip.GripException if reason is null
   */
  public void close(int code, String reason) {
    out.ending = WebSocketEvent.close(sendable(code), reason);
  }

  private static int sendable(int code) {
    if (!WebSocketEvent.isSendableCloseCode(code)) {
      throw new IllegalArgumentException("close code " + code
          + " may not be sent (RFC 6455 allows 1000-1003, 1007-1014 and 3000-4999)");
    }
    return code;
  }

  /**
   * Drops the client without a close handshake (a {@code DISCONNECT} event, last in the response).
   */
  public void disconnect() {
    out.ending = WebSocketEvent.disconnect();
  }

  // ------------------------------------------------------------------------------------------------ response

  /**
   * Returns the events the response carries, in order: {@code OPEN} if accepted, what was sent, a
   * {@code PONG} for every ping that {@link #recv()} did not pass, and the close or disconnect last.
   *
   * @return a new list of the outgoing events
   */
  public List<WebSocketEvent> outgoingEvents() {
    return out.events();
  }

  /** The events the handler's calls added, in order (for this package's tests); a copy. */
  List<WebSocketEvent> sentEvents() {
    return out.sent();
  }

  /**
   * Builds the response for the proxy: status 200, {@code Content-Type: application/websocket-events}
   * (exactly: Pushpin compares the string), {@code Sec-WebSocket-Extensions} with the grip extension once
   * accepted in GRIP mode, {@code Keep-Alive-Interval} once {@link #keepAliveInterval(int)} was called, a
   * {@code Set-Meta-<name>} header per changed meta entry (empty for a removed one),
   * and the {@link #outgoingEvents()} encoded as the body. The context is not changed: calling it twice gives
   * equal responses.
   *
   * @return the response, for a platform adapter to wrap
   */
  public GripResponse toGripResponse() {
    return out.toGripResponse();
  }

  /**
   * Returns a short description: connection id, whether opening, and how many events came in and go out.
   *
   * @return the description
   */
  @Override
  public String toString() {
    return "WebSocketContext[connection " + in.connectionId + (isOpening() ? ", opening" : "") + ", "
        + in.events.size() + " events in, " + in.readIndex + " read, " + out.sentCount() + " sent"
        + (out.ending != null ? ", " + out.ending : "")
        + "]";
  }
}
