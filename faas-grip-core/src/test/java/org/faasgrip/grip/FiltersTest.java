package org.faasgrip.grip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.faasgrip.GripException;
import org.junit.jupiter.api.Test;

class FiltersTest {
  @Test
  void theNamesArePushpinsOwn() {
    assertThat(new String[] {Filters.SKIP_SELF, Filters.SKIP_USERS, Filters.REQUIRE_SUB, Filters.BUILD_ID,
        Filters.VAR_SUBST}).containsExactly("skip-self", "skip-users", "require-sub", "build-id", "var-subst");
    assertThat(new String[] {Filters.USER, Filters.SENDER, Filters.SKIP_USERS_META, Filters.REQUIRE_SUB_META})
        .containsExactly("user", "sender", "skip_users", "require_sub");
  }

  @Test
  void aUsersChannelIsTheUserAfterThePrefixAndABadUserHasNone() {
    assertThat(Filters.userChannel("alice")).isEqualTo("user:alice");
    assertThat(Filters.userChannel("a b\u00e9")).isEqualTo("user:a b\u00e9");
    for (String bad : new String[] {null, "", "a,b", " a", "a\t", "a\u0000b"}) {
      assertThatThrownBy(() -> Filters.userChannel(bad)).as(String.valueOf(bad)).isInstanceOf(GripException.class)
          .hasMessageStartingWith("user '");
    }
  }
}
