package dev.pulse.server.calls;

/** The single node's call store keeps the {@link CallStoreContract}. */
class MemoryCallStoreTest extends CallStoreContract {
  @Override
  protected CallStore store() {
    return new MemoryCallStore();
  }
}
