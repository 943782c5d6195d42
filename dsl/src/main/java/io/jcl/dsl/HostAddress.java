package io.jcl.dsl;

/** One entry of {@code cluster.hosts}: {@code host} or {@code host:port} ({@code [v6]:port} for IPv6). */
public record HostAddress(String host, int port) {

  /** Reads an entry; a missing port is {@code defaultPort}. Throws IllegalArgumentException. */
  public static HostAddress parse(String entry, int defaultPort) {
    String s = entry.trim();
    String host = s;
    String port = null;
    if (s.startsWith("[")) {
      int close = s.indexOf(']');
      if (close < 0) {
        throw new IllegalArgumentException("'" + entry + "' opens [ without closing it");
      }
      host = s.substring(1, close);
      if (s.length() > close + 1) {
        if (s.charAt(close + 1) != ':') {
          throw new IllegalArgumentException("'" + entry + "': expected :port after ]");
        }
        port = s.substring(close + 2);
      }
    } else if (s.indexOf(':') >= 0 && s.indexOf(':') == s.lastIndexOf(':')) {
      host = s.substring(0, s.indexOf(':'));
      port = s.substring(s.indexOf(':') + 1);
    }
    if (host.isEmpty() || host.chars().anyMatch(Character::isWhitespace)) {
      throw new IllegalArgumentException("'" + entry + "' is not an address");
    }
    int p = defaultPort;
    if (port != null) {
      try {
        p = Integer.parseInt(port);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("'" + entry + "': port '" + port + "' is not a number");
      }
      if (p < 1 || p > 65535) {
        throw new IllegalArgumentException("'" + entry + "': port " + p + " is outside 1..65535");
      }
    }
    return new HostAddress(host, p);
  }

  /** Why {@code entry} is not a host entry, or null. */
  static String problem(String entry) {
    try {
      parse(entry, 1);
      return null;
    } catch (IllegalArgumentException e) {
      return e.getMessage();
    }
  }

  @Override
  public String toString() {
    return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
  }
}
