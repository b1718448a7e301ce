package org.faasgrip.localgateway;

import java.util.Arrays;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Checks of the gateway's fuzz target for what its HTTP parser accepts although RFC 9112 does not allow it.
 * While a check is not enforced, the gateway accepting such a request is let through, so the inputs that show it
 * stay in the committed corpus and the build stays green; switch it on (its {@code enforced} flag) once the
 * parser refuses them. {@code -Dfaasgrip.fuzz.enforce=ALL} (or a comma-separated list of names) enforces checks
 * for one run.
 */
enum KnownFinding {
  /** A line of the request head ends in LF without CR. */
  GATEWAY_BARE_LF(true),
  /** A NUL byte in the request line or a header field. */
  GATEWAY_NUL(true),
  /** Both Transfer-Encoding and Content-Length (a request smuggling vector). */
  GATEWAY_TE_AND_CL(true),
  /** A CR not followed by LF, or another control character (NUL and tab aside), in the request head. */
  GATEWAY_OTHER_CONTROL_CHARS(true),
  /** A method that is not a token, a target that is not visible ASCII, or a version other than HTTP/1.x. */
  GATEWAY_REQUEST_LINE_GRAMMAR(true),
  /** A header name that is not a token. */
  GATEWAY_HEADER_NAME_NOT_TOKEN(true),
  /** A Content-Length that is not digits, or a Transfer-Encoding other than exactly {@code chunked}. */
  GATEWAY_FRAMING_GRAMMAR(true);

  private final boolean enforced;

  KnownFinding(boolean enforced) {
    this.enforced = enforced;
  }

  boolean enforced() {
    return enforced || Override.NAMES.contains("ALL") || Override.NAMES.contains(name());
  }

  /** Fails, when enforced, unless the condition that the fix makes hold does. */
  void check(boolean holds, Supplier<String> what) {
    if (!holds && enforced()) {
      throw new AssertionError("known finding " + name() + ": " + what.get());
    }
  }

  private static final class Override {
    static final Set<String> NAMES = Arrays.stream(System.getProperty("faasgrip.fuzz.enforce", "").split(","))
        .map(String::trim).filter(s -> !s.isEmpty()).collect(Collectors.toUnmodifiableSet());
  }
}
