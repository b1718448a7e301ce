package org.faasgrip.testkit;

import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * A JUnit 5 extension that runs a real {@link Pushpin} around tests. Registered on a {@code static} field it
 * starts before all tests of the class and stops after them; on an instance field, around each test. It
 * stops Pushpin (and its origin, if it made one) also when tests fail, and prints the tail of Pushpin's logs
 * for every failed test.
 *
 * <pre>{@code
 * @RegisterExtension
 * static PushpinExtension rig = PushpinExtension.withOrigin();
 *
 * @Test
 * void streams() throws Exception {
 *   rig.origin().handle("/stream", ex -> OriginServer.reply(ex, 200,
 *       Map.of("Grip-Hold", "stream", "Grip-Channel", "news"), "hi\n"));
 *   // open rig.pushpin().httpUri("/stream"), then rig.pushpin().awaitSubscribers("news", 1, timeout), publish
 * }
 * }</pre>
 *
 * <p>Several extensions may be registered in one class: each runs its own Pushpin.
 *
 * <p>Arguments: a null, like any other bad value, is refused at once with an {@link IllegalArgumentException}
 * that names the parameter ({@code "options must not be null"}), never a bare {@link NullPointerException}.
 */
public final class PushpinExtension
    implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback, TestWatcher {
  private static final int LOG_LINES_ON_FAILURE = 80;

  private final Supplier<PushpinOptions> options;
  private final boolean ownOrigin;
  private final Consumer<PushpinOptions.Builder> customize;
  private OriginServer origin;
  private Pushpin pushpin;
  private boolean perTest;

  private PushpinExtension(Supplier<PushpinOptions> options, boolean ownOrigin, Consumer<PushpinOptions.Builder> customize) {
    this.options = options;
    this.ownOrigin = ownOrigin;
    this.customize = customize;
  }

  /**
   * Runs an {@link OriginServer} and a Pushpin whose every route goes to it, with WebSockets as
   * WebSocket-over-HTTP ({@code over_http}). Register handlers on {@link #origin()}.
   *
   * @return the extension
   */
  public static PushpinExtension withOrigin() {
    return withOrigin(b -> { });
  }

  /**
   * Like {@link #withOrigin()}, with further options (sig key, log level, configuration) set by
   * {@code customize} on a builder that already has the route to the origin.
   *
   * @param customize sets further options
   * @return the extension
   */
  public static PushpinExtension withOrigin(Consumer<PushpinOptions.Builder> customize) {
    return new PushpinExtension(null, true, Args.notNull(customize, "customize"));
  }

  /**
   * Runs a Pushpin whose every route goes to an origin the test runs itself (e.g. a local gateway), on
   * 127.0.0.1 and the port {@code port} gives when the extension starts, with WebSockets as
   * WebSocket-over-HTTP.
   *
   * @param port gives the origin's port; asked once, when Pushpin starts
   * @return the extension
   */
  public static PushpinExtension forOrigin(IntSupplier port) {
    Args.notNull(port, "port");
    return of(() -> PushpinOptions.forOrigin(port.getAsInt()));
  }

  /**
   * Runs a Pushpin with the options {@code options} gives when the extension starts.
   *
   * @param options gives the options; asked once per start
   * @return the extension
   */
  public static PushpinExtension of(Supplier<PushpinOptions> options) {
    return new PushpinExtension(Args.notNull(options, "options"), false, null);
  }

  /**
   * The running Pushpin.
   *
   * @return the running instance
   * @throws IllegalStateException outside the tests this extension runs around
   */
  public Pushpin pushpin() {
    if (pushpin == null) {
      throw new IllegalStateException("Pushpin runs only while the tests of the class that registers the extension run");
    }
    return pushpin;
  }

  /**
   * The origin Pushpin's routes go to, made by {@link #withOrigin()}.
   *
   * @return the running origin
   * @throws IllegalStateException if this extension was not made by {@code withOrigin}, or outside its tests
   */
  public OriginServer origin() {
    if (!ownOrigin) {
      throw new IllegalStateException("This extension has no origin of its own: make it with PushpinExtension.withOrigin()");
    }
    if (origin == null) {
      throw new IllegalStateException("The origin runs only while the tests of the class that registers the extension run");
    }
    return origin;
  }

  /**
   * Starts the origin (if any) and Pushpin before all tests of the class.
   *
   * @param context the class's context
   */
  @Override
  public void beforeAll(ExtensionContext context) {
    startAll();
  }

  /**
   * Starts the origin (if any) and Pushpin before a test, when the extension is registered on an instance
   * field (JUnit then does not call {@link #beforeAll}).
   *
   * @param context the test's context
   */
  @Override
  public void beforeEach(ExtensionContext context) {
    if (pushpin == null) {
      perTest = true;
      startAll();
    }
  }

  /**
   * Stops Pushpin and the origin after a test, when they were started for it alone.
   *
   * @param context the test's context
   */
  @Override
  public void afterEach(ExtensionContext context) {
    if (perTest) {
      stopAll();
    }
  }

  /**
   * Stops Pushpin and the origin after all tests of the class.
   *
   * @param context the class's context
   */
  @Override
  public void afterAll(ExtensionContext context) {
    stopAll();
  }

  /**
   * Prints the tail of Pushpin's logs to standard error for a failed test.
   *
   * @param context the failed test's context
   * @param cause why it failed
   */
  @Override
  public void testFailed(ExtensionContext context, Throwable cause) {
    Pushpin p = pushpin;
    if (p != null) {
      System.err.println("---- Pushpin logs after failed test " + context.getDisplayName() + " (" + p + ") ----\n"
          + p.logs(LOG_LINES_ON_FAILURE) + "---- end of Pushpin logs ----");
    }
  }

  /**
   * Nothing to do for a test that was disabled.
   *
   * @param context the test's context
   * @param reason why it was disabled
   */
  @Override
  public void testDisabled(ExtensionContext context, Optional<String> reason) {
    // nothing ran, nothing to show
  }

  private void startAll() {
    try {
      PushpinOptions opts;
      if (ownOrigin) {
        origin = OriginServer.start();
        PushpinOptions.Builder b = PushpinOptions.builder().origin(origin.port());
        customize.accept(b);
        opts = b.build();
      } else {
        opts = options.get();
      }
      pushpin = Pushpin.start(opts);
    } catch (RuntimeException | Error e) {
      stopAll();
      throw e;
    }
  }

  private void stopAll() {
    try {
      if (pushpin != null) {
        pushpin.close();
      }
    } finally {
      pushpin = null;
      if (origin != null) {
        origin.close();
        origin = null;
      }
    }
  }

  @Override
  public String toString() {
    return "PushpinExtension{" + (pushpin == null ? "not running" : pushpin.toString()) + "}";
  }
}
