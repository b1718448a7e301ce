package org.faasgrip.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.faasgrip.publish.WebSocketMessageFormat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The demo's pages in a real browser: Debian's headless Chromium, driven through Debian's chromedriver, against the
 * demo (real Pushpin, the function on each of {@link Demo#PLATFORMS} in turn) on a free port. Screenshots go to
 * {@code target/screenshots/} for a person to look at ({@code servlet-chat.png} for the servlet platform, and so
 * on; the default platform's without a prefix).
 */
@ParameterizedClass(name = "{0}")
@MethodSource("platforms")
class ChatBrowserIT {
  private static final Path SCREENSHOTS = Paths.get("target", "screenshots");
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static Demo demo;
  private final List<Browser> browsers = new ArrayList<>();

  @Parameter
  String platform;

  static Stream<String> platforms() {
    return Demo.PLATFORMS.keySet().stream();
  }

  @BeforeParameterizedClassInvocation
  static void startDemo(String platform) throws IOException {
    for (String bin : List.of("/usr/bin/chromium", "/usr/bin/chromedriver")) {
      assertThat(Paths.get(bin)).as(bin + " (Debian's chromium and chromium-driver; scripts/install-deps installs them)")
          .isExecutable();
    }
    demo = Demo.start(platform, freePort(), false);
    Files.createDirectories(SCREENSHOTS);
  }

  @AfterParameterizedClassInvocation
  static void stopDemo() {
    if (demo != null) {
      demo.close();
      demo = null;
    }
  }

  @AfterEach
  void closeBrowsers() {
    browsers.forEach(Browser::close);
  }

  @Test
  void twoPagesSeeEachOthersMessagesInOrderAndOneLeaves() throws Exception {
    Browser alice = join("alice");
    Browser bob = join("bob");

    List<String> expected = new ArrayList<>();
    say(alice, "Hi Bob! Is this thing live?", expected, alice, bob);
    say(bob, "Live. Your message came through Pushpin.", expected, alice, bob);
    say(alice, "And the function only ran for a moment.", expected, alice, bob);
    say(bob, "Pushpin holds the sockets; the handler publishes.", expected, alice, bob);

    assertThat(alice.messages()).containsExactlyElementsOf(expected);
    assertThat(bob.messages()).containsExactlyElementsOf(expected);
    assertThat(alice.driver.findElements(By.cssSelector("#messages li.msg.mine"))).hasSize(2);
    alice.screenshot("chat.png");
    bob.screenshot("chat-bob.png");

    alice.driver.findElement(By.id("leave")).click();
    alice.await(d -> d.findElement(By.id("join-form")).isDisplayed()
        && d.findElement(By.id("status-text")).getText().equals("Left the room"));

    say(bob, "Still here after Alice left.", expected, bob);
    assertThat(bob.messages()).containsExactlyElementsOf(expected);
    assertThat(alice.messages()).isEmpty();
  }

  @Test
  void aDroppedConnectionIsShownAndTheChatReconnects() throws Exception {
    Browser carol = join("carol");
    Browser dave = join("dave");

    // Pushpin closes every socket of the room, as when the proxy restarts.
    demo.grip().publish(Feed.CHAT_CHANNEL, WebSocketMessageFormat.close(1012, "restarting"));

    for (Browser b : List.of(carol, dave)) {
      b.await(d -> d.findElements(By.cssSelector("#messages li.system.warn")).stream()
          .anyMatch(e -> e.getText().equals("Connection lost (close code 1012).")));
    }
    carol.screenshot("chat-dropped.png");
    // It reconnects by itself, sets its nickname again, and works as before.
    for (Browser b : List.of(carol, dave)) {
      b.awaitConnected();
      assertThat(b.driver.findElement(By.id("banner")).isDisplayed()).isFalse();
    }
    List<String> expected = new ArrayList<>();
    say(dave, "Back again.", expected, carol, dave);
    assertThat(carol.messages()).containsExactlyElementsOf(expected);
  }

  @Test
  void theFeedPageStreamsPublishedNotesAndTheChat() throws Exception {
    Browser watcher = open("/feed");
    watcher.await(d -> d.findElement(By.id("status-text")).getText().equals("Streaming"));

    watcher.driver.findElement(By.id("note")).sendKeys("Deploy finished: all green");
    watcher.driver.findElement(By.id("publish")).click();
    watcher.await(d -> feed(d).contains("note Deploy finished: all green"));

    Browser erin = join("erin");
    List<String> expected = new ArrayList<>();
    say(erin, "Hello, feed watchers.", expected, erin);
    watcher.await(d -> feed(d).contains("chat erin: Hello, feed watchers."));
    // Newest first.
    assertThat(feed(watcher.driver)).containsExactly("chat erin: Hello, feed watchers.", "note Deploy finished: all green");
    watcher.screenshot("feed.png");
  }

  private static List<String> feed(WebDriver d) {
    return d.findElements(By.cssSelector("#events li.event")).stream()
        .map(e -> e.findElement(By.className("tag")).getText().toLowerCase() + " "
            + e.findElement(By.className("text")).getText())
        .collect(Collectors.toList());
  }

  /** Sends from one page and waits until every listed page shows the message. */
  private static void say(Browser from, String text, List<String> expected, Browser... seenBy) {
    expected.add(from.nick + ": " + text);
    WebElement input = from.driver.findElement(By.id("message"));
    input.sendKeys(text);
    from.driver.findElement(By.id("send")).click();
    for (Browser b : seenBy) {
      b.await(d -> b.messages().size() >= expected.size());
    }
  }

  private Browser join(String nick) throws IOException {
    Browser b = open("/");
    b.nick = nick;
    b.driver.findElement(By.id("nick")).sendKeys(nick);
    b.driver.findElement(By.id("join")).click();
    b.awaitConnected();
    return b;
  }

  private Browser open(String path) throws IOException {
    Browser b = new Browser();
    browsers.add(b);
    b.driver.get(demo.pageUri().resolve(path).toString());
    return b;
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  /** One headless Chromium with its own profile; nothing it does leaves loopback. */
  private final class Browser implements AutoCloseable {
    final Path profile;
    final WebDriver driver;
    String nick;

    Browser() throws IOException {
      profile = Files.createTempDirectory("demo-chromium-");
      // The driver is given explicitly, so Selenium Manager never looks for one on the network.
      ChromeDriverService service = new ChromeDriverService.Builder()
          .usingDriverExecutable(new File("/usr/bin/chromedriver"))
          .usingAnyFreePort()
          .build();
      ChromeOptions options = new ChromeOptions();
      options.setBinary("/usr/bin/chromium");
      options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
          "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
          "--disable-quic", "--window-size=1280,800", "--user-data-dir=" + profile);
      driver = new ChromeDriver(service, options);
    }

    List<String> messages() {
      return driver.findElements(By.cssSelector("#messages li.msg")).stream()
          .map(e -> e.getDomAttribute("data-nick") + ": " + e.findElement(By.className("text")).getText())
          .collect(Collectors.toList());
    }

    void awaitConnected() {
      await(d -> d.findElement(By.id("status-text")).getText().equals("Connected")
          && d.findElement(By.id("message")).isEnabled());
    }

    void await(java.util.function.Function<WebDriver, Boolean> condition) {
      new WebDriverWait(driver, WAIT).ignoring(StaleElementReferenceException.class).until(condition::apply);
    }

    void screenshot(String name) throws IOException {
      Path shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath();
      String file = platform.equals(Demo.DEFAULT_PLATFORM) ? name : platform + "-" + name;
      Files.copy(shot, SCREENSHOTS.resolve(file), StandardCopyOption.REPLACE_EXISTING);
    }

    @Override
    public void close() {
      try {
        driver.quit();
      } finally {
        try (Stream<Path> s = Files.walk(profile)) {
          s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | RuntimeException ignored) {
          // a leftover temporary profile harms nothing
        }
      }
    }
  }
}
