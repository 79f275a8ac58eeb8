package dev.pop.client.internal;

/**
 * A voting member as the cluster reports it.
 *
 * @param id Raft peer id (e.g. {@code n1})
 * @param address Raft/client address, host:port
 */
public record Member(String id, String address) {
  /** "n1 (127.0.0.1:7701)", as messages name members. */
  public String label() {
    return id + " (" + address + ")";
  }
}
