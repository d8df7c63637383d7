package dev.pulse.server.calls;

import dev.pulse.server.config.Config;
import dev.pulse.server.core.DomainException;
import dev.pulse.server.members.Members;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.util.UUID;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rules of calls: who may call whom, what each party may do in each state, and what everyone
 * involved hears. The call itself lives in the {@link CallStore} (shared by the nodes of a
 * cluster); each change is a compare-and-set there, so of two nodes acting on one call at once
 * only one changes it, and only that one tells anyone. A change that lost such a race is tried
 * again on the call as it now is.
 *
 * <p>Time limits (the ring timeout, the reconnect window) are deadlines stored with the call;
 * every node looks for due ones every {@link #SWEEP_MILLIS}, and ending one is a compare-and-set
 * too, so a call ends exactly once even if the node that set its deadline is gone.
 * Knows nothing of sockets: connections are ids. Event loop only.
 */
public final class CallService {
  private static final Logger log = LoggerFactory.getLogger(CallService.class);
  /** How often each node looks for calls past their deadline (how late a timeout may end). */
  public static final long SWEEP_MILLIS = 250;
  static final int SWEEP_BATCH = 100;
  /** How often a change that raced another node's is tried again before giving up. */
  static final int ATTEMPTS = 5;

  /** A compare-and-set lost to another change: try again on the call as it is now. */
  private static final DomainException RACED = DomainException.conflict("The call changed meanwhile; try again");

  private final Vertx vertx;
  private final CallStore store;
  private final CallNotifier notifier;
  private final Members members;
  private final CallLog history;
  private final Config.Calls config;
  private final Clock clock;
  private long sweeper = -1;
  private boolean sweeping;

  public CallService(Vertx vertx, CallStore store, CallNotifier notifier, Members members, CallLog history,
      Config.Calls config, Clock clock) {
    this.vertx = vertx;
    this.store = store;
    this.notifier = notifier;
    this.members = members;
    this.history = history;
    this.config = config;
    this.clock = clock;
  }

  /** Starts looking for calls past their deadline. Call on the event loop. */
  public void start() {
    sweeper = vertx.setPeriodic(SWEEP_MILLIS, id -> sweep());
  }

  public void stop() {
    if (sweeper >= 0) {
      vertx.cancelTimer(sweeper);
      sweeper = -1;
    }
  }

  /**
   * {@code caller} calls {@code to} from connection {@code socket}; gives the call's id. Every
   * connection of the callee rings. A callee with no connection ({@code unavailable}) or in
   * another call ({@code busy}) is not disturbed: the call ends for the caller right after this
   * answer, so the caller knows the id it ends.
   */
  public Future<String> invite(String caller, String socket, String to, CallKind kind) {
    if (to.equals(caller)) {
      return Future.failedFuture(DomainException.invalid("You cannot call yourself"));
    }
    return members.require(to).compose(callee -> {
      if (callee.hasBlocked(caller)) {
        return Future.failedFuture(DomainException.forbidden("You cannot call " + to));
      }
      return store.ofUser(caller);
    }).compose(current -> {
      if (current != null) {
        return Future.failedFuture(DomainException.conflict("You are already in a call"));
      }
      return notifier.reachable(to);
    }).compose(reachable -> {
      Call call = Call.ringing(UUID.randomUUID().toString(), caller, socket, to, kind, clock.millis(),
          config.ringTimeout().toMillis());
      if (!reachable) {
        endAfterAnswer(call, Reason.UNAVAILABLE);
        return Future.succeededFuture(call.id());
      }
      return store.open(call).compose(opened -> switch (opened) {
        case CALLER_BUSY -> Future.failedFuture(DomainException.conflict("You are already in a call"));
        case CALLEE_BUSY -> {
          endAfterAnswer(call, Reason.BUSY);
          yield Future.succeededFuture(call.id());
        }
        case OPENED -> {
          log.info("call {} {} -> {} ringing ({})", call.id(), caller, to, kind.wire());
          notifier.ringing(call, Audience.user(to));
          yield Future.succeededFuture(call.id());
        }
      });
    });
  }

  /** A call that never rang ends for its caller only, once the invite has been answered. */
  private void endAfterAnswer(Call call, Reason reason) {
    vertx.runOnContext(v -> notifier.ended(call.id(), reason, Audience.socket(call.callerSocket())));
    history.ended(call, reason, clock.millis());
  }

  /**
   * The callee answers on {@code socket}: the caller hears it, the callee's other devices stop
   * ringing ({@code answered_elsewhere}); both are in a call now. Gives the call.
   */
  public Future<Call> accept(String user, String socket, String callId) {
    return withCall(user, callId, call -> {
      if (call.roleOf(user) != Call.Role.CALLEE) {
        return Future.failedFuture(DomainException.forbidden("Only the person called can answer"));
      }
      if (call.answered()) {
        return Future.failedFuture(DomainException.conflict("The call was answered on another device"));
      }
      Call next = call.accepted(socket, clock.millis());
      return changed(call, next).map(v -> {
        log.info("call {} {} -> {} answered", call.id(), call.caller(), call.callee());
        notifier.accepted(next);
        notifier.ended(call.id(), Reason.ANSWERED_ELSEWHERE, Audience.user(call.callee()).except(socket));
        notifier.inCall(call.caller(), true);
        notifier.inCall(call.callee(), true);
        return next;
      });
    });
  }

  /** The callee turns a ringing call down: the caller and the callee's other devices hear it. */
  public Future<Void> decline(String user, String socket, String callId) {
    return withCall(user, callId, call -> {
      if (call.roleOf(user) != Call.Role.CALLEE) {
        return Future.failedFuture(DomainException.forbidden("Only the person called can decline; hang up instead"));
      }
      if (call.answered()) {
        return Future.failedFuture(DomainException.conflict("The call is answered; hang up instead"));
      }
      return end(call, Reason.DECLINED, everyone(call).except(socket));
    });
  }

  /** The caller gives up before an answer: every device of the callee stops ringing. */
  public Future<Void> cancel(String user, String socket, String callId) {
    return withCall(user, callId, call -> {
      if (call.roleOf(user) != Call.Role.CALLER) {
        return Future.failedFuture(DomainException.forbidden("Only the caller can cancel; decline instead"));
      }
      if (call.answered()) {
        return Future.failedFuture(DomainException.conflict("The call is answered; hang up instead"));
      }
      return end(call, Reason.CANCELLED, everyone(call).except(socket));
    });
  }

  /** Either party ends the call (before an answer this is a cancel or a decline). */
  public Future<Void> hangup(String user, String socket, String callId) {
    return withCall(user, callId, call -> {
      if (!call.answered()) {
        Reason reason = call.roleOf(user) == Call.Role.CALLER ? Reason.CANCELLED : Reason.DECLINED;
        return end(call, reason, everyone(call).except(socket));
      }
      return end(call, Reason.HANGUP, everyone(call).except(socket));
    });
  }

  /**
   * Relays signalling (SDP, ICE candidates) from one connection of an answered call to the other;
   * from anyone else, or before the answer, it is refused.
   */
  public Future<Void> signal(String user, String socket, String callId, Object data) {
    if (data == null) {
      return Future.failedFuture(DomainException.invalid("'data' is required"));
    }
    return store.get(callId).compose(call -> {
      if (call == null || call.roleOf(user) == null) {
        return Future.failedFuture(DomainException.notFound("No call " + callId + " (it may have ended)"));
      }
      Call.Role from = call.partyOf(socket);
      if (!call.answered() || from == null) {
        return Future.failedFuture(DomainException.forbidden(
            "Only the two connections of an answered call may signal in it"));
      }
      String to = call.socket(from == Call.Role.CALLER ? Call.Role.CALLEE : Call.Role.CALLER);
      if (to == null) {
        return Future.failedFuture(DomainException.unavailable("The other side is reconnecting; try again"));
      }
      notifier.signal(callId, to, data);
      return Future.succeededFuture();
    });
  }

  /**
   * A connection of {@code user} closed. If it was a party of an answered call, the call waits
   * {@code CALL_RECONNECT_MS} for them; a caller gone while ringing ends the call.
   */
  public void socketClosed(String user, String socket) {
    attempt(ATTEMPTS, () -> store.ofUser(user).compose(call -> {
      Call.Role role = call == null ? null : call.partyOf(socket);
      if (role == null) {
        return Future.succeededFuture();
      }
      if (!call.answered()) {
        return end(call, Reason.CONNECTION_LOST, everyone(call));
      }
      Call next = call.away(role, clock.millis(), config.reconnect().toMillis());
      return changed(call, next).map(v -> {
        log.info("call {}: {} dropped, waiting {} ms", call.id(), user, config.reconnect().toMillis());
        notifier.reconnecting(next, role);
        return null;
      });
    })).onFailure(err -> log.warn("call of {} after a connection closed: {}", user, err.toString()));
  }

  /**
   * A connection of {@code user} opened: it rings if a call to them is ringing; it takes their
   * place in an answered call that waits for them to come back.
   */
  public void socketOpened(String user, String socket) {
    attempt(ATTEMPTS, () -> store.ofUser(user).compose(call -> {
      if (call == null) {
        return Future.succeededFuture();
      }
      Call.Role role = call.roleOf(user);
      if (!call.answered()) {
        if (role == Call.Role.CALLEE) {
          notifier.ringing(call, Audience.socket(socket));
        }
        return Future.succeededFuture();
      }
      // this node's presence of the user learns of the call, whichever node it began on
      notifier.inCall(user, true);
      if (call.awaiting(role)) {
        return resume(call, role, socket);
      }
      // their connection in the call may have died with its node, which closed nothing: if so,
      // this one takes its place as if it had dropped
      return notifier.connected(call.socket(role))
          .compose(open -> open ? Future.succeededFuture() : resume(call, role, socket));
    })).onFailure(err -> log.warn("call of {} after a connection opened: {}", user, err.toString()));
  }

  /** {@code socket} takes {@code role}'s place in {@code call}; both connections hear it. */
  private Future<Void> resume(Call call, Call.Role role, String socket) {
    Call next = call.back(role, socket);
    return changed(call, next).map(v -> {
      log.info("call {}: {} is back", call.id(), call.user(role));
      notifier.resumed(next, role);
      return null;
    });
  }

  /**
   * {@code blocker} blocked {@code blocked}: a call between the two ends. Only the blocker's call
   * is looked up (in a cluster, one read of the shared store), and only for a block made, not one
   * lifted.
   */
  public void blockChanged(Members.BlockChange change) {
    if (!change.blocking()) {
      return;
    }
    String blocker = change.blocker();
    attempt(ATTEMPTS, () -> store.ofUser(blocker).compose(call ->
        call != null && call.other(blocker).equals(change.blocked())
            ? end(call, Reason.BLOCKED, everyone(call))
            : Future.<Void>succeededFuture()))
        .onFailure(err -> log.warn("call of {} after they blocked {}: {}", blocker, change.blocked(), err.toString()));
  }

  /** Ends the calls whose deadline passed: missed while ringing, connection lost while a party is away. */
  void sweep() {
    if (sweeping) {
      return;
    }
    sweeping = true;
    store.due(clock.millis(), SWEEP_BATCH).compose(due -> {
      Future<Void> all = Future.succeededFuture();
      for (Call call : due) {
        all = all.compose(v -> end(call, call.deadlineReason(), everyone(call)).recover(err -> {
          if (err != RACED) {
            log.warn("could not end call {} at its deadline: {}", call.id(), err.toString());
          }
          return Future.succeededFuture();
        }));
      }
      return all;
    }).onComplete(ar -> {
      sweeping = false;
      if (ar.failed()) {
        log.warn("could not look for calls past their deadline: {}", ar.cause().toString());
      }
    });
  }

  /** Those who hear of a change to the whole call: both connections once answered, else the caller's and every callee device. */
  private static Audience everyone(Call call) {
    Audience caller = Audience.socket(call.callerSocket());
    return call.answered() ? caller.and(Audience.socket(call.calleeSocket())) : caller.and(Audience.user(call.callee()));
  }

  /** Removes {@code call} (the change wins or {@link #RACED}) and tells {@code audience} why it ended. */
  private Future<Void> end(Call call, Reason reason, Audience audience) {
    return store.remove(call).compose(removed -> {
      if (!removed) {
        return Future.failedFuture(RACED);
      }
      notifier.ended(call.id(), reason, audience);
      if (call.answered()) {
        notifier.inCall(call.caller(), false);
        notifier.inCall(call.callee(), false);
      }
      history.ended(call, reason, clock.millis());
      return Future.succeededFuture();
    });
  }

  private Future<Void> changed(Call current, Call next) {
    return store.replace(current, next).compose(ok -> ok ? Future.succeededFuture() : Future.failedFuture(RACED));
  }

  /** Runs {@code action} on the call {@code user} is a party of, again while it races other changes. */
  private <T> Future<T> withCall(String user, String callId, Function<Call, Future<T>> action) {
    if (callId == null || callId.isBlank()) {
      return Future.failedFuture(DomainException.invalid("'callId' is required"));
    }
    return attempt(ATTEMPTS, () -> store.get(callId).compose(call -> {
      if (call == null || call.roleOf(user) == null) {
        return Future.failedFuture(DomainException.notFound("No call " + callId + " (it may have ended)"));
      }
      return action.apply(call);
    }));
  }

  private static <T> Future<T> attempt(int left, java.util.function.Supplier<Future<T>> action) {
    return action.get().recover(err -> err == RACED && left > 1 ? attempt(left - 1, action) : Future.failedFuture(err));
  }
}
