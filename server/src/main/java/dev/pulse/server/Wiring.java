package dev.pulse.server;

import dev.pulse.server.api.AccountRoutes;
import dev.pulse.server.api.BlockRoutes;
import dev.pulse.server.api.ClientAddress;
import dev.pulse.server.api.CallRoutes;
import dev.pulse.server.api.ChatPhotoRoutes;
import dev.pulse.server.api.HttpApi;
import dev.pulse.server.api.InterestRoutes;
import dev.pulse.server.api.MessageRoutes;
import dev.pulse.server.api.OnlineStatusRoutes;
import dev.pulse.server.api.OpsRoutes;
import dev.pulse.server.api.PhotoRoutes;
import dev.pulse.server.api.ProfileRoutes;
import dev.pulse.server.api.ReportRoutes;
import dev.pulse.server.api.RequestRoutes;
import dev.pulse.server.api.Rest;
import dev.pulse.server.auth.AuthService;
import dev.pulse.server.auth.Authenticator;
import dev.pulse.server.auth.LoginLedger;
import dev.pulse.server.auth.LoginThrottle;
import dev.pulse.server.auth.MemoryLoginLedger;
import dev.pulse.server.auth.PasswordHasher;
import dev.pulse.server.auth.PasswordWork;
import dev.pulse.server.auth.Sessions;
import dev.pulse.server.auth.TokenService;
import dev.pulse.server.calls.CallLog;
import dev.pulse.server.calls.CallService;
import dev.pulse.server.calls.CallStore;
import dev.pulse.server.calls.IceServers;
import dev.pulse.server.calls.MemoryCallStore;
import dev.pulse.server.chat.ChatPhotos;
import dev.pulse.server.chat.ChatService;
import dev.pulse.server.chat.Conversations;
import dev.pulse.server.chat.DeliveryReceipts;
import dev.pulse.server.chat.Inbox;
import dev.pulse.server.chat.MessageRules;
import dev.pulse.server.chat.MessageWriter;
import dev.pulse.server.chat.Reactions;
import dev.pulse.server.chat.Requests;
import dev.pulse.server.cluster.ClusterNode;
import dev.pulse.server.cluster.ClusterPresenceKeeper;
import dev.pulse.server.cluster.RedisCallStore;
import dev.pulse.server.cluster.RedisPresence;
import dev.pulse.server.cluster.RedisLoginLedger;
import dev.pulse.server.cluster.RedisRateLimits;
import dev.pulse.server.cluster.RedisSocketSlots;
import dev.pulse.server.config.Config;
import dev.pulse.server.limits.RateLimiter;
import dev.pulse.server.limits.SharedBuckets;
import dev.pulse.server.interests.InterestService;
import dev.pulse.server.limits.UserLimits;
import dev.pulse.server.members.Members;
import dev.pulse.server.metrics.PulseMetrics;
import dev.pulse.server.presence.MemoryPresenceStore;
import dev.pulse.server.presence.PresenceLedger;
import dev.pulse.server.presence.PresenceService;
import dev.pulse.server.profiles.ProfileService;
import dev.pulse.server.realtime.CallConnections;
import dev.pulse.server.realtime.CallPush;
import dev.pulse.server.profiles.photos.PhotoService;
import dev.pulse.server.realtime.CatchUp;
import dev.pulse.server.reports.ReportService;
import dev.pulse.server.realtime.ChatPush;
import dev.pulse.server.realtime.ClientEvents;
import dev.pulse.server.realtime.LocalSocketSlots;
import dev.pulse.server.realtime.InterestPush;
import dev.pulse.server.realtime.OnlineCounts;
import dev.pulse.server.realtime.PresenceRelay;
import dev.pulse.server.realtime.SessionEnds;
import dev.pulse.server.realtime.SocketGateway;
import dev.pulse.server.realtime.TokenExpiry;
import dev.pulse.server.realtime.TokenRefresh;
import dev.pulse.server.store.BlockRepository;
import dev.pulse.server.store.CallRepository;
import dev.pulse.server.store.ChatPhotoRepository;
import dev.pulse.server.store.ConversationRepository;
import dev.pulse.server.store.Database;
import dev.pulse.server.store.InterestRepository;
import dev.pulse.server.store.MessageRepository;
import dev.pulse.server.store.PhotoRepository;
import dev.pulse.server.store.ProfileRepository;
import dev.pulse.server.store.ReactionRepository;
import dev.pulse.server.store.SessionRepository;
import dev.pulse.server.store.ReportRepository;
import dev.pulse.server.store.SavedFilterRepository;
import dev.pulse.server.store.UserRepository;
import dev.pulse.socketio.Namespace;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * What is built from what: the services over the store, then the two edges (Socket.IO and REST)
 * over the services. Each step names its collaborators; nothing here does any work of its own.
 */
final class Wiring {
  private final Config config;
  private final Vertx vertx;
  private final Database db;
  private final PulseMetrics metrics;
  private final Clock clock;
  private final UserRepository users = new UserRepository();
  private final ProfileRepository profileRows = new ProfileRepository();
  private final MessageRepository messageRows = new MessageRepository();
  private final BlockRepository blockRows = new BlockRepository();
  private final ConversationRepository standingRows = new ConversationRepository();
  private final PasswordHasher hasher;

  final MessageWriter writer;
  final Members members;
  final PresenceService presence;
  private final ClusterNode cluster;
  private final RedisPresence sharedPresence;
  final DeliveryReceipts receipts;
  private final ChatPush push;
  private final ChatService chat;
  private final ChatPhotos chatPhotos;
  private final Reactions reactions;
  private final Conversations conversations;
  private final Requests requests;
  private final Inbox inbox;
  private final ProfileService profiles;
  private final PhotoService photos;
  private final InterestService interests;
  private final TokenService tokens;
  private final Sessions sessions;
  private final Authenticator authenticator;
  private final UserLimits limits;
  private final SharedBuckets sharedBuckets;
  private final CallPush callPush;
  final CallService calls;

  /**
   * The services; {@code namespace} is where chat's deliveries go; {@code cluster} is this node's
   * link to the others, or null for a single node.
   */
  Wiring(Config config, Vertx vertx, Database db, Namespace namespace, PulseMetrics metrics, Clock clock,
      ClusterNode cluster) {
    this.cluster = cluster;
    this.config = config;
    this.vertx = vertx;
    this.db = db;
    this.metrics = metrics;
    this.clock = clock;
    hasher = new PasswordHasher(config.bcryptCost());
    writer = new MessageWriter(vertx, db, messageRows, config.messageQueueMax());
    members = new Members(vertx, db, users, blockRows, clock);
    if (cluster == null) {
      sharedPresence = null;
      presence = new PresenceService(vertx, config.presence(), new MemoryPresenceStore(), PresenceLedger.SINGLE_NODE,
          members, metrics, clock);
    } else {
      cluster.shareChanges(members);
      sharedPresence = new RedisPresence(cluster.redis(), config.redisPrefix() + ":presence", cluster.nodeTag());
      presence = new PresenceService(vertx, config.presence(), sharedPresence, sharedPresence, members, metrics, clock);
    }
    push = new ChatPush(namespace);
    receipts = new DeliveryReceipts(vertx, writer, db, messageRows, members, push, metrics, clock);
    InterestRepository interestRows = new InterestRepository();
    interests = new InterestService(db, interestRows, profileRows, members, new InterestPush(namespace),
        config.chatRequiresInterest(), clock);
    MessageRules rules = new MessageRules(members, interests, config.limits().messageMaxLength());
    chatPhotos = new ChatPhotos(vertx, db, new ChatPhotoRepository(), rules, members, config.photos(), clock);
    // with chat needing an accepted interest, nobody else can write: no requests then
    requests = new Requests(db, standingRows, interestRows, messageRows, push, !config.chatRequiresInterest(), clock);
    members.onForget(requests::forget);
    chat = new ChatService(rules, requests, db, messageRows, chatPhotos, writer, push, receipts, presence, metrics,
        clock);
    ReactionRepository reactionRows = new ReactionRepository();
    reactions = new Reactions(db, messageRows, reactionRows, members, push, clock);
    conversations = new Conversations(db, messageRows, reactionRows, standingRows, profileRows, blockRows, members,
        presence, push, clock);
    inbox = new Inbox(vertx, db, messageRows, standingRows);
    PhotoRepository photoRows = new PhotoRepository();
    profiles = new ProfileService(db, profileRows, photoRows, new SavedFilterRepository(), members, presence, clock);
    photos = new PhotoService(vertx, db, photoRows, profileRows, config.photos(), clock);
    Config.Sessions s = config.sessions();
    tokens = new TokenService(TokenService.secret(config.jwtSecret(), config.dataDir()), config.tokenTtl(),
        s.tokenMaxLifetime(), s.clockSkew(), clock);
    sessions = new Sessions(db, new SessionRepository(), s.ttl(), clock);
    if (cluster != null) {
      cluster.shareSessionEnds(sessions);
    }
    authenticator = new Authenticator(tokens, members, sessions);
    sharedBuckets = cluster == null ? null : new RedisRateLimits(cluster.redis(), config.redisPrefix());
    limits = UserLimits.of(config.limits(), clock::millis, metrics, sharedBuckets);
    CallStore callStore = cluster == null
        ? new MemoryCallStore()
        : new RedisCallStore(cluster.redis(), config.redisPrefix());
    callPush = new CallPush(namespace, presence);
    calls = new CallService(vertx, callStore, callPush, members, new CallLog(db, new CallRepository(), chat),
        config.calls(), clock);
    // a block during a call ends it
    members.onBlocksChanged(calls::blockChanged);
  }

  UserRepository users() {
    return users;
  }

  ProfileRepository profileRows() {
    return profileRows;
  }

  PasswordHasher hasher() {
    return hasher;
  }

  /** Connections, their events and what they hear. */
  void socketEdge(Namespace namespace) {
    long countInterval = config.presence().countInterval().toMillis();
    OnlineCounts counts = new OnlineCounts(vertx, namespace, presence::counts, countInterval);
    // a block changes what its target may count (in a cluster the periodic look covers other nodes' blocks)
    members.onBlocksChanged(change -> counts.changed());
    CatchUp catchUp = new CatchUp(inbox, chat, push, config.guards().catchUpWindow().toMillis(), clock::millis);
    SessionEnds sessionEnds = new SessionEnds(sessions);
    if (cluster != null) {
      // session ends told while the link was down were missed: ask the database
      cluster.redis().onReconnect(() -> vertx.runOnContext(v -> sessionEnds.recheck()));
      // other nodes' users come and go without this node hearing of it: look at the count
      vertx.setPeriodic(countInterval, id -> counts.changed());
      new ClusterPresenceKeeper(vertx, sharedPresence, presence, config.presence().offlineGrace().toMillis(), clock)
          .start(cluster);
      // what other nodes sent while the link was down is in the database: push it now
      cluster.redis().onReconnect(() -> vertx.runOnContext(v -> catchUp.everyoneAgain()));
    }
    TokenExpiry expiry = new TokenExpiry(vertx, clock);
    new SocketGateway(namespace, authenticator, members,
        new TokenRefresh(authenticator, expiry).mount(
            ClientEvents.router(chat, conversations, reactions, inbox, presence, calls, limits,
                config.presence().watchMax(), clock)),
        expiry, sessionEnds, metrics,
        List.of(new PresenceRelay(namespace, presence, counts), catchUp, new CallConnections(calls)),
        cluster == null ? new LocalSocketSlots()
            : new RedisSocketSlots(cluster.redis(), config.redisPrefix(), sharedPresence.nodesKey(), cluster.nodeTag()),
        config.guards().socketsPerUser())
        .install();
    callPush.listen();
  }

  /**
   * The REST routes, the web app and the error shape; {@code clusterLinkUp} (null for one node) and
   * {@code draining} feed the health check; {@code clientAddress} says whom a request counts against.
   */
  Router restEdge(BooleanSupplier clusterLinkUp, BooleanSupplier draining, ClientAddress clientAddress) {
    Config.Guards guards = config.guards();
    LoginLedger ledger = cluster == null ? new MemoryLoginLedger(clock::millis)
        : new RedisLoginLedger(cluster.redis(), config.redisPrefix());
    LoginThrottle throttle = new LoginThrottle(guards, ledger, clock::millis, metrics);
    PasswordWork signUps = new PasswordWork(vertx, "pulse-sign-up", hasher, guards.hashThreads(), guards.hashQueueMax());
    PasswordWork logins = new PasswordWork(vertx, "pulse-login", hasher, guards.hashThreads(), guards.hashQueueMax());
    RateLimiter registrations = new RateLimiter("registrations", guards.registrations(), clock::millis, metrics,
        sharedBuckets);
    AuthService auth = new AuthService(db, users, profileRows, signUps, logins, tokens, throttle, registrations,
        sessions, members, clock);
    Handler<RoutingContext> authenticated = Rest.authenticated(authenticator);
    return HttpApi.router(vertx, config, r -> {
      new AccountRoutes(auth, profiles, presence, limits.status(), clientAddress, config.tlsCert() != null, clock)
          .mount(r, authenticated);
      new ProfileRoutes(profiles).mount(r, authenticated);
      new PhotoRoutes(photos).mount(r, authenticated);
      new InterestRoutes(interests).mount(r, authenticated);
      new ReportRoutes(new ReportService(db, new ReportRepository(), members, config.adminUsernames(), clock))
          .mount(r, authenticated);
      new OnlineStatusRoutes(presence).mount(r, authenticated);
      new MessageRoutes(chat, conversations, limits.messages(), limits.events()).mount(r, authenticated);
      new ChatPhotoRoutes(chatPhotos, limits.chatPhotos()).mount(r, authenticated);
      new RequestRoutes(conversations, requests, limits.events()).mount(r, authenticated);
      new BlockRoutes(members).mount(r, authenticated);
      new CallRoutes(new IceServers(config.calls().iceServers(), config.calls().turnSecret(),
          config.calls().turnCredentialTtl(), clock)).mount(r, authenticated);
      new OpsRoutes(db, metrics, config.metricsToken(), clusterLinkUp, draining).mount(r);
    });
  }
}
