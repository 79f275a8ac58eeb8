package dev.pop.client;

import dev.pop.client.watch.Watch;
import dev.pop.client.watch.WatchListener;
import dev.pop.client.watch.WatchOptions;

/**
 * Watches on keys and prefixes. Events arrive in revision order (within one revision in key order), with no gap
 * and no duplicate, also across a failover: all of one client's watches travel together in one long-poll to one
 * member (any member, followers included), and when that member fails they resume on another from where they
 * stood. Idle watches get progress notifications about once a second.
 */
public interface Watches {
  /**
   * Starts watching. A watch "from the next change" starts after the revision the cluster has committed when
   * this call returns (one linearizable read), so a change made after it is always seen.
   */
  Watch watch(String key, WatchOptions options, WatchListener listener);

  Watch watch(byte[] key, WatchOptions options, WatchListener listener);
}
