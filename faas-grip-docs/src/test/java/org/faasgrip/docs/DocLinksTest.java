package org.faasgrip.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The relative links of the user's guide (README.md and the pages it leads through) reach a file, and a heading
 * when they name one (GitHub's anchors: lower case, punctuation dropped, spaces as hyphens).
 */
class DocLinksTest {
  private static final List<String> GUIDE = List.of("README.md", "docs/README.md", "docs/websockets.md",
      "docs/http-streaming.md", "docs/publishing.md", "docs/configuration.md", "docs/security.md",
      "docs/testing.md", "docs/operations.md");
  private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");
  private static final Pattern FENCE = Pattern.compile("(?s)```.*?```");

  static Set<String> anchors(String markdown) {
    Set<String> out = new HashSet<>();
    for (String line : FENCE.matcher(markdown).replaceAll("").split("\n")) {
      if (line.startsWith("#")) {
        String title = line.replaceFirst("^#+\\s*", "").strip().toLowerCase(Locale.ROOT);
        out.add(title.replaceAll("[^\\p{L}\\p{N}_\\- ]", "").replace(' ', '-'));
      }
    }
    return out;
  }

  @Test
  void everyRelativeLinkOfTheGuideResolves() {
    Path root = DocSamples.repoRoot();
    List<String> broken = new ArrayList<>();
    for (String page : GUIDE) {
      Path file = root.resolve(page);
      String text = FENCE.matcher(DocSamples.read(file)).replaceAll("");
      Matcher m = LINK.matcher(text);
      while (m.find()) {
        String link = m.group(1);
        if (link.startsWith("http://") || link.startsWith("https://")) {
          continue;
        }
        int hash = link.indexOf('#');
        String path = hash < 0 ? link : link.substring(0, hash);
        Path target = path.isEmpty() ? file : file.getParent().resolve(path).normalize();
        if (!Files.exists(target)) {
          broken.add(page + ": " + link + " (no such file)");
        } else if (hash >= 0 && target.toString().endsWith(".md")
            && !anchors(DocSamples.read(target)).contains(link.substring(hash + 1))) {
          broken.add(page + ": " + link + " (no such heading)");
        }
      }
    }
    assertThat(broken).as(String.join("\n", broken)).isEmpty();
  }

  @Test
  void anchorsFollowGitHubsRule() {
    assertThat(anchors("# Title\n## `GRIP_PROXIES`\n### Ids, retries and duplicates\n```\n# not a heading\n```\n"))
        .containsExactlyInAnyOrder("title", "grip_proxies", "ids-retries-and-duplicates");
  }
}
