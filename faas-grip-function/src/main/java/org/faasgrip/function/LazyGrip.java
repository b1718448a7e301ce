package org.faasgrip.function;

import java.util.function.Supplier;
import org.faasgrip.GripException;
import org.faasgrip.config.GripConfigException;
import org.faasgrip.grip.GripResponse;
import org.faasgrip.internal.Checks;

/**
 * A {@link Grip} made when the first request needs it, and kept: the rule every adapter applies to the configuration
 * it reads from the environment.
 *
 * <ul>
 *   <li>Not when the function's class is loaded or its object made: a malformed variable thrown there fails the
 *       function's start, and the platform answers every request with an error page of its own, without the
 *       reason.
 *   <li>Once: the instance is kept while the function is warm, and so is a {@link GripConfigException}, which
 *       {@link #get()} throws again on every later call without reading the environment again (it does not change
 *       while the process lives). {@link Grip#errorResponse(GripException, GripLogger)} answers it 500, and each
 *       answer logs one line that names the variable and says what to change.
 * </ul>
 *
 * <pre>{@code
 * private static final LazyGrip GRIP = LazyGrip.fromEnvironment();   // reads nothing yet
 *
 * GripResponse serve(GripRequest request) {
 *   try {
 *     WebSocketContext ws = GRIP.get().webSocket(request);        // GRIP_URL etc. read on the first call
 *     ...
 *   } catch (GripException e) {
 *     return GRIP.errorResponse(e);                                // 400, 403, 413, 500; one line in the log
 *   }
 * }
 * }</pre>
 *
 * <p>Thread-safe; the factory runs at most once at a time, and once it has returned an instance or thrown a
 * {@link GripConfigException}, never again. Any other exception it throws is passed on and not kept, so that the
 * next call tries again.
 */
public final class LazyGrip {
  /** Null for {@link Grip#fromEnvironment()}: called directly, so that the Lambda adapter links no lambda. */
  private final Supplier<Grip> factory;
  private final Object lock = new Object();
  /** Null until made; then the {@link Grip} or the {@link GripConfigException}. */
  private volatile Object state;

  private LazyGrip(Supplier<Grip> factory, Object state) {
    this.factory = factory;
    this.state = state;
  }

  /**
   * Returns a holder that reads the process environment ({@code GRIP_URL} or {@code GRIP_PROXIES},
   * {@code GRIP_PREFIX}, {@code GRIP_VERIFY}) with {@link Grip#fromEnvironment()} on the first {@link #get()}.
   *
   * @return the holder, with nothing read yet
   */
  public static LazyGrip fromEnvironment() {
    return new LazyGrip(null, null);
  }

  /**
   * Returns a holder that makes its instance with a factory on the first {@link #get()}: for a configuration built
   * in code from the environment, with a publisher or logger of one's own.
   *
   * @param factory makes the instance; a {@link GripConfigException} it throws is kept as the environment's is
   * @return the holder, with nothing made yet
   * @throws GripException if {@code factory} is null
   */
  public static LazyGrip of(Supplier<Grip> factory) {
    return new LazyGrip(Checks.notNull(factory, "factory"), null);
  }

  /**
   * Returns a holder of an instance already made, for adapters given one.
   *
   * @param grip the instance
   * @return the holder
   * @throws GripException if {@code grip} is null
   */
  public static LazyGrip of(Grip grip) {
    return new LazyGrip(null, Checks.notNull(grip, "grip"));
  }

  /**
   * Returns the instance, making it on the first call.
   *
   * @return the instance
   * @throws GripConfigException if the configuration is malformed: the same exception on every call, which names
   *     the variable and says what to change
   * @throws GripException if the factory returned null
   */
  public Grip get() {
    Object s = state;
    if (s == null) {
      synchronized (lock) {
        s = state;
        if (s == null) {
          s = make();
          state = s;
        }
      }
    }
    if (s instanceof Grip) {
      return (Grip) s;
    }
    throw (GripConfigException) s;
  }

  private Object make() {
    try {
      Grip g = factory == null ? Grip.fromEnvironment() : factory.get();
      if (g == null) {
        throw new GripException("the factory given to LazyGrip.of returned null; return a Grip, such as"
            + " Grip.fromEnvironment()");
      }
      return g;
    } catch (GripConfigException e) {
      return e;
    }
  }

  /**
   * Returns the instance if it has been made, without making it.
   *
   * @return the instance, or null before the first {@link #get()} or when the configuration is malformed
   */
  public Grip peek() {
    Object s = state;
    return s instanceof Grip ? (Grip) s : null;
  }

  /**
   * Answers a failure with {@link Grip#errorResponse(GripException, GripLogger)}, logged through the instance's
   * {@link Grip#logger()} once it is made, and through {@link GripLogger#system()} before that or when the
   * configuration is malformed.
   *
   * @param error the failure, such as the {@link GripConfigException} of {@link #get()}
   * @return the plain-text response: 400, 403, 413 or 500
   * @throws GripException if {@code error} is null
   */
  public GripResponse errorResponse(GripException error) {
    Grip g = peek();
    return Grip.errorResponse(error, g != null ? g.logger() : GripLogger.system());
  }

  /**
   * Describes the holder: its instance (without keys), or that it is not made yet, or the configuration error's
   * variable.
   *
   * @return a short description
   */
  @Override
  public String toString() {
    Object s = state;
    if (s == null) {
      return "LazyGrip{" + (factory == null ? "environment" : "factory") + ", not read yet}";
    }
    if (s instanceof Grip) {
      return "LazyGrip{" + s + "}";
    }
    return "LazyGrip{malformed " + ((GripConfigException) s).variable() + "}";
  }
}
