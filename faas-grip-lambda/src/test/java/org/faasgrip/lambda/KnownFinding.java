package org.faasgrip.lambda;

import java.util.Arrays;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Checks of the Lambda module's fuzz targets for faults that are known and being fixed elsewhere. While a check
 * is not enforced, a violation is let through, so the inputs that show it stay in the committed corpus and the
 * build stays green; switch it on (its {@code enforced} flag) once the fix is in.
 * {@code -Dfaasgrip.fuzz.enforce=ALL} (or a comma-separated list of names) enforces checks for one run.
 */
enum KnownFinding {
  /**
   * A member repeated in an event (two {@code requestContext} objects, two {@code http} objects in it) is merged
   * with the earlier one instead of replacing it, as the Lambda runtime's own deserializer does.
   */
  DUPLICATE_MEMBERS_MERGED(true);

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
