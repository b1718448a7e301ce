package org.faasgrip.fuzz;

import java.util.Arrays;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Checks of the core's fuzz targets for faults that are known and being fixed elsewhere. Each is a named check
 * that a target makes in its place; while it is not enforced, a violation is counted instead of failing, so the
 * inputs that show it stay in the committed corpus and the build stays green. Switch a check on (its
 * {@code enforced} flag) once its fix is in; {@code -Dfaasgrip.fuzz.enforce=ALL} (or a comma-separated list of
 * names) enforces checks for one run, to see which still fail.
 */
public enum KnownFinding {
  /** {@code GripResponse.Builder.addHeader} takes CR, LF, NUL and other control characters into a header. */
  RESPONSE_HEADER_INJECTION(true),
  /** {@code GRIP_URL} query parameters spelled in another case ({@code Key=}) stay in the control URI. */
  GRIP_URL_MISCASED_PARAMS(true),
  /** A proxy URI with a port outside 1-65535 is accepted. */
  GRIP_URL_PORT_RANGE(true),
  /** A verify key whose bytes are a public key (DER or PEM that was not read as one) becomes an HMAC secret. */
  VERIFY_KEY_PUBLIC_KEY_AS_HMAC(true),
  /** A Grip-Sig token whose header or claims JSON has bytes after its closing brace is accepted. */
  GRIP_SIG_TRAILING_JSON(true);

  private final boolean enforced;

  KnownFinding(boolean enforced) {
    this.enforced = enforced;
  }

  /** Whether a violation fails the target now. */
  public boolean enforced() {
    return enforced || Override.NAMES.contains("ALL") || Override.NAMES.contains(name());
  }

  /**
   * Checks a condition that the fix of this finding makes hold.
   *
   * @param holds whether the input behaved as it should
   * @param what what went wrong, for the failure message
   */
  public void check(boolean holds, Supplier<String> what) {
    if (!holds && enforced()) {
      throw new AssertionError("known finding " + name() + ": " + what.get());
    }
  }

  private static final class Override {
    static final Set<String> NAMES = Arrays.stream(System.getProperty("faasgrip.fuzz.enforce", "").split(","))
        .map(String::trim).filter(s -> !s.isEmpty()).collect(Collectors.toUnmodifiableSet());
  }
}
