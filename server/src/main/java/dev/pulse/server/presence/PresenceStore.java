package dev.pulse.server.presence;

import io.vertx.core.Future;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The shared record of who is online: an entry per open connection, carrying what others see of
 * its user (status, text, last seen). A user is online while they have at least one entry. Lists,
 * counts and presence views read it; {@link PresenceService} writes it as its state machine
 * changes, and keeps a user's last connection in it through the offline grace period.
 *
 * <p><b>Expiry.</b> An entry lasts until it is removed, or until the node that added it has not
 * refreshed it (added it again) for the store's time-to-live, whichever comes first: a store
 * shared by several nodes must drop the entries of a node that died without removing them, so its
 * users go offline within that time. Nodes refresh their entries well within it. The in-memory
 * store serves one node and dies with it, so its entries never expire.
 *
 * <p>Every method may complete later; callers on the event loop get their result there.
 */
public interface PresenceStore {

  /** Adds or refreshes a connection of {@code view.username()}, and sets what others see of them. */
  Future<Void> add(String connectionId, PresenceView view);

  /** Removes a connection; its user goes from the record with their last one. */
  Future<Void> remove(String username, String connectionId);

  /** Sets what others see of a user who is in the record (nothing happens otherwise). */
  Future<Void> update(PresenceView view);

  /** The online users among {@code usernames}, by name. */
  Future<Map<String, PresenceView>> get(Collection<String> usernames);

  /** Every online user. */
  Future<List<PresenceView>> list();

  /** How many users are online. */
  Future<Integer> count();
}
