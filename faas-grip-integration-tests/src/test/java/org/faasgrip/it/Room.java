package org.faasgrip.it;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.faasgrip.testkit.PushpinException;
import org.faasgrip.testkit.TestStream;
import org.faasgrip.testkit.TestWebSocket;

/**
 * The clients of one chat room for the fault tests, and the tally of what reached them: WebSocket clients that
 * also send (their messages are {@code NAME-SEQ}, e.g. {@code w3-12}, numbered per sender from 1) and HTTP
 * streaming clients that only receive. Every receiver keeps what it got, across reconnections, so that a test
 * can count, for a set of messages and of receivers, what was delivered, lost, duplicated or out of order.
 */
final class Room implements AutoCloseable {
  /** What the chat makes of a message from a client without a nickname. */
  private static final Pattern CHAT_LINE = Pattern.compile("anonymous: (([wa]\\d+)-(\\d+))");

  private final HttpClient http = HttpClient.newHttpClient();
  private final ExecutorService connector = Executors.newFixedThreadPool(32, r -> {
    Thread t = new Thread(r, "room-connect");
    t.setDaemon(true);
    return t;
  });
  private final Map<String, Client> clients = new LinkedHashMap<>();
  private final Map<String, Stream> streams = new LinkedHashMap<>();
  /** Every message sent, with the time it was sent ({@link System#nanoTime()}). */
  private final Map<String, Long> sent = new ConcurrentHashMap<>();
  private final Duration timeout;

  Room(Duration timeout) {
    this.timeout = timeout;
  }

  /**
   * Connects {@code n} WebSocket clients, named {@code w1}.., to {@code uri(name)}, in parallel (a slow function
   * answers each opening in its own time).
   */
  List<Client> connect(int n, Function<String, URI> uri) {
    List<CompletableFuture<Client>> opening = new ArrayList<>();
    for (int i = 1; i <= n; i++) {
      String name = "w" + (clients.size() + i);
      URI u = uri.apply(name);
      opening.add(CompletableFuture.supplyAsync(() -> new Client(name, u, open(u)), connector));
    }
    List<Client> out = new ArrayList<>();
    for (CompletableFuture<Client> f : opening) {
      Client c = f.join();
      clients.put(c.name, c);
      out.add(c);
    }
    return out;
  }

  /** Opens {@code n} streams, named {@code s1}.., to {@code uri}. */
  List<Stream> openStreams(int n, URI uri) {
    List<Stream> out = new ArrayList<>();
    for (int i = 1; i <= n; i++) {
      Stream s = new Stream("s" + (streams.size() + 1), uri, TestStream.open(uri));
      streams.put(s.name, s);
      out.add(s);
    }
    return out;
  }

  private TestWebSocket open(URI uri) {
    return TestWebSocket.builder(uri).client(http).timeout(timeout).connect();
  }

  Collection<Client> clients() {
    return clients.values();
  }

  Collection<Stream> streams() {
    return streams.values();
  }

  /** Every receiver: the WebSocket clients, then the streams. */
  List<Receiver> receivers() {
    List<Receiver> all = new ArrayList<>(clients.values());
    all.addAll(streams.values());
    return all;
  }

  /**
   * Has every client send {@code count} messages of its next numbers, all clients at once (one thread each, one
   * message after the other); returns them. A send to a socket that closed is not counted as sent.
   */
  List<String> sendFromAll(int count) {
    return send(clients.values(), count);
  }

  List<String> send(Collection<Client> from, int count) {
    List<CompletableFuture<List<String>>> sending = new ArrayList<>();
    for (Client c : from) {
      sending.add(CompletableFuture.supplyAsync(() -> {
        List<String> mine = new ArrayList<>();
        for (int i = 0; i < count; i++) {
          String m = c.send();
          if (m != null) {
            mine.add(m);
          }
        }
        return mine;
      }, connector));
    }
    List<String> all = new ArrayList<>();
    sending.forEach(f -> all.addAll(f.join()));
    return all;
  }

  /** When a message was sent ({@link System#nanoTime()}), or null if it never was. */
  Long sentAt(String message) {
    return sent.get(message);
  }

  /**
   * Waits until every receiver in {@code receivers} has every message in {@code messages}, or {@code wait} has
   * passed; returns either way, for the test to count what came.
   */
  void awaitDelivered(Collection<String> messages, Collection<? extends Receiver> receivers, Duration wait) {
    long deadline = System.nanoTime() + wait.toNanos();
    while (true) {
      boolean all = true;
      for (Receiver r : receivers) {
        r.drain();
        if (!r.receivedSet().containsAll(messages)) {
          all = false;
        }
      }
      if (all || System.nanoTime() - deadline > 0) {
        return;
      }
      pause(50);
    }
  }

  /** Counts what {@code receivers} got of {@code messages}. */
  static Count count(Collection<String> messages, Collection<? extends Receiver> receivers) {
    Set<String> wanted = new LinkedHashSet<>(messages);
    Map<String, Integer> reached = new HashMap<>();
    long deliveries = 0;
    List<String> duplicates = new ArrayList<>();
    long outOfOrder = 0;
    for (Receiver r : receivers) {
      r.drain();
      Map<String, Integer> copies = new HashMap<>();
      Map<String, Integer> lastSeq = new HashMap<>();
      for (String m : r.received()) {
        if (!wanted.contains(m)) {
          continue;
        }
        if (copies.merge(m, 1, Integer::sum) > 1) {
          duplicates.add(m);
          continue;
        }
        deliveries++;
        reached.merge(m, 1, Integer::sum);
        int seq = seq(m);
        Integer before = lastSeq.put(sender(m), seq);
        if (before != null && before > seq) {
          outOfOrder++;
        }
      }
    }
    List<String> lost = new ArrayList<>();
    List<String> partial = new ArrayList<>();
    for (String m : wanted) {
      int n = reached.getOrDefault(m, 0);
      if (n == 0) {
        lost.add(m);
      } else if (n < receivers.size()) {
        partial.add(m);
      }
    }
    return new Count(wanted.size(), receivers.size(), deliveries, lost, partial, duplicates, outOfOrder);
  }

  static String sender(String message) {
    return message.substring(0, message.indexOf('-'));
  }

  static int seq(String message) {
    return Integer.parseInt(message.substring(message.indexOf('-') + 1));
  }

  @Override
  public void close() {
    clients.values().forEach(Client::close);
    streams.values().forEach(Stream::close);
    connector.shutdownNow();
  }

  static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** What a set of receivers got of a set of messages. */
  static final class Count {
    final int messages;
    final int receivers;
    /** First copies received, over all receivers: {@code messages * receivers} when nothing was lost. */
    final long deliveries;
    /** The messages no receiver got. */
    final List<String> lost;
    /** The messages some receivers got and others did not. */
    final List<String> partial;
    /** Copies received beyond the first: one entry per extra copy. */
    final List<String> duplicates;
    /** Messages a receiver got after a later one of the same sender. */
    final long outOfOrder;

    Count(int messages, int receivers, long deliveries, List<String> lost, List<String> partial,
        List<String> duplicates, long outOfOrder) {
      this.messages = messages;
      this.receivers = receivers;
      this.deliveries = deliveries;
      this.lost = lost;
      this.partial = partial;
      this.duplicates = duplicates;
      this.outOfOrder = outOfOrder;
    }

    long expected() {
      return (long) messages * receivers;
    }

    @Override
    public String toString() {
      return messages + " messages x " + receivers + " receivers: delivered " + deliveries + "/" + expected()
          + ", lost " + lost.size() + (lost.isEmpty() ? "" : " " + abbreviate(lost))
          + ", partial " + partial.size() + (partial.isEmpty() ? "" : " " + abbreviate(partial))
          + ", duplicates " + duplicates.size()
          + (duplicates.isEmpty() ? "" : " " + abbreviate(new ArrayList<>(new LinkedHashSet<>(duplicates))))
          + ", out of order " + outOfOrder;
    }

    private static String abbreviate(List<String> list) {
      return list.size() <= 12 ? list.toString() : list.subList(0, 12) + "...";
    }
  }

  /** A client that receives: what it got, in the order it got it. */
  abstract static class Receiver {
    final String name;
    private final List<String> received = new ArrayList<>();
    private final Set<String> receivedSet = new LinkedHashSet<>();
    /** When each message was first taken ({@link System#nanoTime()}), to within one drain. */
    private final Map<String, Long> firstSeen = new HashMap<>();
    /** Texts that are not chat messages of this test, e.g. the chat's answer to {@code /nick}. */
    private final List<String> other = new ArrayList<>();

    Receiver(String name) {
      this.name = name;
    }

    /** Takes what arrived since the last call into {@link #received()}. */
    abstract void drain();

    final synchronized void take(String text) {
      Matcher m = CHAT_LINE.matcher(text);
      if (m.matches()) {
        received.add(m.group(1));
        receivedSet.add(m.group(1));
        firstSeen.putIfAbsent(m.group(1), System.nanoTime());
      } else {
        other.add(text);
      }
    }

    final synchronized List<String> other() {
      return new ArrayList<>(other);
    }

    final synchronized List<String> received() {
      return new ArrayList<>(received);
    }

    final synchronized Long firstSeen(String message) {
      return firstSeen.get(message);
    }

    final synchronized Set<String> receivedSet() {
      return new LinkedHashSet<>(receivedSet);
    }

    @Override
    public String toString() {
      return name;
    }
  }

  /** A WebSocket client: the socket it has now (a new one after {@link #reconnect}), and what all of them got. */
  final class Client extends Receiver {
    private volatile URI uri;
    private volatile TestWebSocket socket;
    private int nextSeq = 1;
    /** How each socket of this client ended, oldest first: the server's close code, or -1 for a dropped one. */
    final List<Integer> endings = new ArrayList<>();

    Client(String name, URI uri, TestWebSocket socket) {
      super(name);
      this.uri = uri;
      this.socket = socket;
    }

    /** Sends the next message; null if the socket is closed. */
    synchronized String send() {
      String m = name + "-" + nextSeq;
      try {
        sent.put(m, System.nanoTime());
        socket.send(m);
      } catch (IllegalStateException e) {
        sent.remove(m);
        return null;
      }
      nextSeq++;
      return m;
    }

    /**
     * Waits until Pushpin has subscribed this client's current socket: the chat's answer to {@code /nick} comes in
     * a later response than the one that subscribed it. The nickname is the one the chat gives by default, so
     * the client's messages keep their form.
     */
    void awaitSubscribed(Duration wait) {
      String reply = "nickname set to [anonymous]";
      int before = (int) other().stream().filter(reply::equals).count();
      socket.send("/nick anonymous");
      long deadline = System.nanoTime() + wait.toNanos();
      while (other().stream().filter(reply::equals).count() <= before) {
        if (System.nanoTime() - deadline > 0) {
          throw new AssertionError(name + " got no answer to /nick within " + wait);
        }
        drain();
        pause(20);
      }
    }

    /** Whether the server closed this client's socket, or the connection dropped. */
    boolean isClosed() {
      return socket.webSocket().isInputClosed();
    }

    @Override
    void drain() {
      TestWebSocket s = socket;
      for (TestWebSocket.Message m; (m = s.pollMessage(Duration.ZERO)) != null; ) {
        take(m.type() == TestWebSocket.Message.Type.TEXT ? m.text() : "(binary)");
      }
    }

    /** Records how the current socket ended and opens a new one to {@code to} from now on. */
    void reconnect(URI to, Duration wait) {
      uri = to;
      reconnect(wait);
    }

    /** Records how the current socket ended and opens a new one, retrying until {@code wait} has passed. */
    void reconnect(Duration wait) {
      drain();
      endings.add(ending(socket));
      socket.close();
      long deadline = System.nanoTime() + wait.toNanos();
      while (true) {
        try {
          socket = open(uri);
          return;
        } catch (PushpinException | IllegalStateException e) {
          if (System.nanoTime() - deadline > 0) {
            throw e;
          }
          pause(200);
        }
      }
    }

    void close() {
      socket.close();
    }
  }

  /** The close code of a socket that ended: the server's code, or -1 when the connection dropped instead. */
  static int ending(TestWebSocket socket) {
    try {
      return socket.awaitClose(Duration.ofMillis(200)).code();
    } catch (AssertionError e) {
      return -1;
    }
  }

  /** Counts the endings of every client's sockets, by close code. */
  Map<Integer, Integer> endings() {
    Map<Integer, Integer> out = new TreeMap<>();
    for (Client c : clients.values()) {
      c.endings.forEach(code -> out.merge(code, 1, Integer::sum));
    }
    return out;
  }

  /** An HTTP streaming client: each line of the held response is one message. */
  final class Stream extends Receiver {
    private volatile TestStream stream;
    private volatile URI uri;

    Stream(String name, URI uri, TestStream stream) {
      super(name);
      this.uri = uri;
      this.stream = stream;
    }

    @Override
    void drain() {
      TestStream s = stream;
      for (String line; (line = s.pollLine(Duration.ZERO)) != null; ) {
        if (!line.isEmpty()) {
          take(line);
        }
      }
    }

    /** Opens the stream again at {@code to}, as a client behind a load balancer would reach another proxy. */
    void reopen(URI to, Duration wait) {
      uri = to;
      reopen(wait);
    }

    /** Opens the stream again, retrying until {@code wait} has passed (the proxy may not be back yet). */
    void reopen(Duration wait) {
      drain();
      stream.close();
      long deadline = System.nanoTime() + wait.toNanos();
      while (true) {
        try {
          stream = TestStream.open(uri);
          return;
        } catch (PushpinException e) {
          if (System.nanoTime() - deadline > 0) {
            throw e;
          }
          pause(200);
        }
      }
    }

    void close() {
      stream.close();
    }
  }
}
