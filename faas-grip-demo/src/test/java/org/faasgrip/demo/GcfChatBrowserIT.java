package org.faasgrip.demo;

/**
 * The demo's pages in a real browser, with the function in Google's Functions Framework invoker
 * ({@code scripts/demo --platform gcf}) instead of the local gateway. Screenshots go to
 * {@code target/screenshots/gcf/}.
 */
class GcfChatBrowserIT extends ChatBrowserIT {
  @Override
  String platform() {
    return "gcf";
  }
}
