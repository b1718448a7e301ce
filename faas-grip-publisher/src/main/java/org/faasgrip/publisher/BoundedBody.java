package org.faasgrip.publisher;

import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * The start of a proxy's response body, read up to a limit; the rest is never read. A proxy (or something
 * pretending to be one) may answer with a body of any size, at any speed: reading it whole would let it fill the
 * heap, and draining it would let it hold the publish for as long as it keeps sending.
 */
final class BoundedBody {
  private static final byte[] NONE = new byte[0];

  private final byte[] bytes;
  private final boolean cut;

  private BoundedBody(byte[] bytes, boolean cut) {
    this.bytes = bytes;
    this.cut = cut;
  }

  /** The bytes kept; empty when the body was only counted. */
  byte[] bytes() {
    return bytes;
  }

  /** Whether the body went on past the limit (and the connection was given up to stop it). */
  boolean cut() {
    return cut;
  }

  /**
   * A subscriber that reads at most {@code limit} bytes, then cancels the body, which makes the HTTP client close
   * the connection instead of reading on.
   *
   * @param limit the most bytes read
   * @param keep whether to keep the bytes read, or only count them (a body that is not needed is still read up
   *     to the limit so that a short one leaves the connection reusable)
   */
  static HttpResponse.BodySubscriber<BoundedBody> subscriber(int limit, boolean keep) {
    return new Subscriber(limit, keep);
  }

  private static final class Subscriber implements HttpResponse.BodySubscriber<BoundedBody> {
    private final int limit;
    private final boolean keep;
    private final CompletableFuture<BoundedBody> result = new CompletableFuture<>();
    private Flow.Subscription subscription;
    private byte[] buf = NONE;
    private int len;

    Subscriber(int limit, boolean keep) {
      this.limit = limit;
      this.keep = keep;
    }

    @Override
    public CompletionStage<BoundedBody> getBody() {
      return result;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
      subscription = s;
      s.request(1);
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
      if (result.isDone()) {
        return;
      }
      for (ByteBuffer b : items) {
        int n = b.remaining();
        if (n > limit - len) {
          take(b, limit - len);
          result.complete(new BoundedBody(kept(), true));
          subscription.cancel();
          return;
        }
        take(b, n);
      }
      subscription.request(1);
    }

    private void take(ByteBuffer b, int n) {
      if (keep && n > 0) {
        if (buf.length - len < n) {
          buf = Arrays.copyOf(buf, Math.min(limit, Math.max(len + n, buf.length * 2)));
        }
        b.get(buf, len, n);
      }
      len += n;
    }

    private byte[] kept() {
      return !keep || len == 0 ? NONE : len == buf.length ? buf : Arrays.copyOf(buf, len);
    }

    @Override
    public void onError(Throwable t) {
      result.completeExceptionally(t);
    }

    @Override
    public void onComplete() {
      result.complete(new BoundedBody(kept(), false));
    }
  }
}
