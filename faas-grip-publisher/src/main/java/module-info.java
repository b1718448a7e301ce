/** Publishing items to GRIP proxies over HTTP, with retries within a time budget. */
module org.faasgrip.publisher {
  requires transitive org.faasgrip.core;
  requires transitive java.net.http;

  exports org.faasgrip.publisher;
}
