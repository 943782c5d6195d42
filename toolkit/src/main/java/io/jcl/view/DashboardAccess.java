package io.jcl.view;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who may see the dashboard. {@code jcl dashboard} (holding the admin token) asks for a one-time code;
 * the browser brings it in the link once, within {@link #CODE_LIFETIME_MS}, and gets a session in an
 * HttpOnly, SameSite=Strict cookie instead. A code works once: a link copied from a terminal's
 * scrollback, a browser history or a screenshot opens nothing. The admin token never travels in a URL.
 * Sessions live as long as the primary (they are lost when it stops, as is everything they show).
 */
public final class DashboardAccess {

  /** Long enough to paste a link into a browser, short enough that a forgotten one is dead. */
  public static final long CODE_LIFETIME_MS = 60_000;
  /** More than anyone opens by hand; a caller looping on {@code jcl dashboard} cannot grow the map. */
  private static final int MAX_SESSIONS = 1_000;
  private static final SecureRandom RANDOM = new SecureRandom();

  /** Code -> when it expires (ms). */
  private final Map<String, Long> codes = new ConcurrentHashMap<>();
  private final Map<String, Boolean> sessions = new ConcurrentHashMap<>();

  public String newCode() {
    long now = System.currentTimeMillis();
    codes.values().removeIf(expiry -> expiry < now);
    String code = random();
    codes.put(code, now + CODE_LIFETIME_MS);
    return code;
  }

  /** A new session for a valid unused code (which is spent), else null. */
  public String redeem(String code) {
    Long expiry = code == null ? null : codes.remove(code);
    if (expiry == null || expiry < System.currentTimeMillis()) {
      return null;
    }
    if (sessions.size() >= MAX_SESSIONS) {
      sessions.clear(); // the oldest pages reconnect to a 401 and say so; a new link opens again
    }
    String session = random();
    sessions.put(session, Boolean.TRUE);
    return session;
  }

  public boolean valid(String session) {
    return session != null && sessions.containsKey(session);
  }

  private static String random() {
    byte[] b = new byte[24];
    RANDOM.nextBytes(b);
    return HexFormat.of().formatHex(b);
  }
}
