package io.jcl.loadgen;

import java.util.List;

/**
 * The order in which a run's request kinds are sent: smooth weighted round-robin (nginx's), computed once,
 * so weights 3:1 send A A B A, never three As in a burst, and the hot path only indexes an array.
 */
final class RequestMix {
  private RequestMix() {
  }

  /** One period of the sequence: kind indexes, each appearing as often as its weight (over their gcd). */
  static int[] sequence(List<WeightedRequest> kinds) {
    int g = 0;
    for (WeightedRequest r : kinds) {
      g = gcd(g, r.weight());
    }
    int n = kinds.size();
    int[] weight = new int[n];
    int total = 0;
    for (int i = 0; i < n; i++) {
      weight[i] = kinds.get(i).weight() / g;
      total += weight[i];
    }
    int[] current = new int[n];
    int[] out = new int[total];
    for (int k = 0; k < total; k++) {
      int best = 0;
      for (int i = 0; i < n; i++) {
        current[i] += weight[i];
        if (current[i] > current[best]) {
          best = i;
        }
      }
      current[best] -= total;
      out[k] = best;
    }
    return out;
  }

  private static int gcd(int a, int b) {
    return b == 0 ? a : gcd(b, a % b);
  }
}
