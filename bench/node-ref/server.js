'use strict';
// The Node reference: the part of Pulse's contract that ./pulse bench drives (register, the
// socket handshake, presence, watch lists, messages with delivery and read receipts, typing),
// written the way a team would with socket.io and SQLite, so both servers do the same work.
// Configuration uses Pulse's variable names and defaults.

const crypto = require('node:crypto');
const fs = require('node:fs');
const http = require('node:http');
const path = require('node:path');
const bcrypt = require('bcryptjs');
const jwt = require('jsonwebtoken');
const { Server } = require('socket.io');
const { openStore } = require('./store');

function intEnv(name, fallback) {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) {
    console.error(`${name} must be a whole number, not '${raw}'`);
    process.exit(2);
  }
  return value;
}

const PORT = intEnv('PORT', 8000);
const HOST = process.env.HOST || '0.0.0.0';
const DATA_DIR = process.env.DATA_DIR || './data';
const BCRYPT_COST = intEnv('BCRYPT_COST', 10);
const PRESENCE_GRACE_MS = intEnv('PRESENCE_GRACE_MS', 3000);
const ONLINE_COUNT_INTERVAL_MS = intEnv('ONLINE_COUNT_INTERVAL_MS', 250);
const TOKEN_TTL_MINUTES = intEnv('TOKEN_TTL_MINUTES', 10080);
const MESSAGE_MAX_LENGTH = intEnv('MESSAGE_MAX_LENGTH', 2000);
const HTTP_BODY_MAX_BYTES = 65536;
const CLIENT_ID_MAX_LENGTH = 64;
const WATCH_MAX = 500;
const CATCH_UP_LIMIT = 500;
const DELIVERY_ACK_TIMEOUT_MS = 30000;
const USERNAME = /^[a-z0-9_.]{3,32}$/;

fs.mkdirSync(DATA_DIR, { recursive: true });
const store = openStore(path.join(DATA_DIR, 'pulse.db'));
const JWT_SECRET = process.env.JWT_SECRET || loadOrCreateSecret(path.join(DATA_DIR, 'jwt-secret'));

function loadOrCreateSecret(file) {
  if (!fs.existsSync(file)) {
    fs.writeFileSync(file, crypto.randomBytes(32).toString('base64url'), { mode: 0o600 });
  }
  return fs.readFileSync(file, 'utf8').trim();
}

class ClientError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}
const badRequest = (message) => new ClientError(400, 'bad_request', message);

function requiredString(body, field, max) {
  const value = body[field];
  if (typeof value !== 'string' || value.trim() === '') throw badRequest(`'${field}' is required`);
  if (value.length > max) throw badRequest(`'${field}' can be at most ${max} characters`);
  return value.trim();
}

function optionalString(body, field, max) {
  return body[field] === undefined || body[field] === null ? null : requiredString(body, field, max);
}

// ---- REST: register, health, metrics ----

async function register(body) {
  const username = requiredString(body, 'username', 32).toLowerCase();
  if (!USERNAME.test(username)) throw badRequest("'username' must be 3-32 characters of a-z, 0-9, '_' and '.'");
  const password = body.password;
  if (typeof password !== 'string' || password.length < 8 || password.length > 128) {
    throw badRequest("'password' must be 8 to 128 characters");
  }
  const gender = requiredString(body, 'gender', 16).toLowerCase();
  if (!['female', 'male', 'other'].includes(gender)) throw badRequest("'gender' must be female, male or other");
  const dateOfBirth = requiredString(body, 'dateOfBirth', 10);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(dateOfBirth) || Number.isNaN(Date.parse(dateOfBirth))) {
    throw badRequest("'dateOfBirth' must be a date like 1994-03-21");
  }
  const user = {
    username,
    passwordHash: await bcrypt.hash(password, BCRYPT_COST),
    displayName: requiredString(body, 'displayName', 80),
    gender,
    dateOfBirth,
    city: optionalString(body, 'city', 80),
    religion: optionalString(body, 'religion', 40),
    createdAt: new Date().toISOString(),
  };
  if (!store.createUser(user)) throw new ClientError(409, 'conflict', `The username '${username}' is taken`);
  const token = jwt.sign({}, JWT_SECRET, { algorithm: 'HS256', subject: username, expiresIn: TOKEN_TTL_MINUTES * 60 });
  const { exp } = jwt.decode(token);
  const { passwordHash, createdAt, ...profile } = user;
  return {
    token,
    expiresAt: new Date(exp * 1000).toISOString(),
    user: { ...profile, presence: { online: false, status: 'offline', statusText: null, lastSeen: null } },
  };
}

function readJson(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    let size = 0;
    req.on('data', (chunk) => {
      size += chunk.length;
      if (size > HTTP_BODY_MAX_BYTES) {
        reject(new ClientError(413, 'payload_too_large', `A request body can be at most ${HTTP_BODY_MAX_BYTES} bytes`));
        req.destroy();
      } else {
        chunks.push(chunk);
      }
    });
    req.on('end', () => {
      try {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
        if (body === null || typeof body !== 'object' || Array.isArray(body)) throw new Error();
        resolve(body);
      } catch {
        reject(badRequest('The body must be a JSON object'));
      }
    });
    req.on('error', reject);
  });
}

function send(res, status, body, type = 'application/json') {
  res.writeHead(status, { 'content-type': type });
  res.end(type === 'application/json' ? JSON.stringify(body) : body);
}

async function handleHttp(req, res) {
  try {
    if (req.method === 'POST' && req.url === '/api/auth/register') {
      send(res, 201, await register(await readJson(req)));
    } else if (req.method === 'GET' && req.url === '/health') {
      send(res, 200, { status: 'ok', database: store.ping() ? 'ok' : 'down' });
    } else if (req.method === 'GET' && req.url === '/metrics') {
      send(res, 200, `pulse_sockets_connected ${io.of('/').sockets.size}\npulse_users_online ${online.size}\n`,
        'text/plain; version=0.0.4');
    } else {
      throw new ClientError(404, 'not_found', `No route ${req.method} ${req.url}`);
    }
  } catch (err) {
    if (!(err instanceof ClientError)) console.error('ERROR', req.method, req.url, err);
    const e = err instanceof ClientError ? err : new ClientError(500, 'internal', 'Something went wrong on the server');
    if (!res.headersSent) send(res, e.status, { error: { code: e.code, message: e.message } });
  }
}

// Requests that socket.io does not take (it claims /socket.io/ itself).
const httpServer = http.createServer((req, res) => {
  if (!req.url.startsWith('/socket.io/')) handleHttp(req, res);
});
const io = new Server(httpServer);

// ---- presence ----

const userRoom = (username) => `user:${username}`;
const watchersOf = (username) => `watch:${username}`;
const EVERYONE = 'presence:all'; // sockets without a watch list hear everyone
const COUNTED = 'online-count'; // sockets already told the online count

const online = new Map(); // username -> { sockets, graceTimer }
const knownPairs = new Set(); // conversations seen by this process, for watch rooms

function presenceAudience(username) {
  return io.to(EVERYONE).to(watchersOf(username));
}

function arrived(username, socket) {
  let entry = online.get(username);
  if (!entry) {
    entry = { sockets: 0, graceTimer: null };
    online.set(username, entry);
    presenceAudience(username).except(userRoom(username))
      .emit('user_online', { username, status: 'online', statusText: null });
    countChanged();
  }
  clearTimeout(entry.graceTimer);
  entry.graceTimer = null;
  entry.sockets += 1;
  welcome(socket);
}

function left(username) {
  const entry = online.get(username);
  entry.sockets -= 1;
  if (entry.sockets > 0) return;
  const lastSeen = new Date().toISOString();
  const goOffline = () => {
    online.delete(username);
    store.setLastSeen(username, lastSeen);
    presenceAudience(username).emit('user_offline', { username, lastSeen });
    countChanged();
  };
  if (PRESENCE_GRACE_MS === 0) goOffline();
  else entry.graceTimer = setTimeout(goOffline, PRESENCE_GRACE_MS);
}

// online_count_update: at most one per ONLINE_COUNT_INTERVAL_MS to any client. New sockets are
// told at the next flush and only then join the room that hears later changes.
let lastCountFlush = 0;
let countTimer = null;
let lastCountSent = -1;
let newcomers = [];

function countChanged() {
  if (countTimer) return;
  const wait = Math.max(0, lastCountFlush + ONLINE_COUNT_INTERVAL_MS - Date.now());
  countTimer = setTimeout(flushCount, wait);
}

function welcome(socket) {
  newcomers.push(socket);
  countChanged();
}

function flushCount() {
  countTimer = null;
  lastCountFlush = Date.now();
  const payload = { count: online.size };
  if (payload.count !== lastCountSent) {
    io.to(COUNTED).emit('online_count_update', payload);
    lastCountSent = payload.count;
  }
  for (const socket of newcomers) {
    if (socket.connected) {
      socket.emit('online_count_update', payload);
      socket.join(COUNTED);
    }
  }
  newcomers = [];
}

function watch(socket, body) {
  const { usernames } = body;
  if (!Array.isArray(usernames) || usernames.some((u) => typeof u !== 'string')) {
    throw badRequest("'usernames' must be a list of usernames");
  }
  if (usernames.length > WATCH_MAX) throw badRequest(`'usernames' can name at most ${WATCH_MAX} users`);
  for (const room of socket.rooms) {
    if (room === EVERYONE || room.startsWith('watch:')) socket.leave(room);
  }
  const watched = new Set([...usernames, ...store.partnersOf(socket.data.username)]);
  socket.join([...watched].map(watchersOf));
  const lastSeen = store.lastSeenOf(usernames);
  const presence = {};
  for (const username of usernames) {
    const isOnline = online.has(username);
    presence[username] = { online: isOnline, status: isOnline ? 'online' : 'offline', lastSeen: lastSeen.get(username) ?? null };
  }
  return { presence };
}

// A socket with a watch list also hears its conversation partners, including new ones.
function rememberConversation(a, b) {
  const key = a < b ? `${a}:${b}` : `${b}:${a}`;
  if (knownPairs.has(key)) return;
  knownPairs.add(key);
  io.in(userRoom(a)).socketsJoin(watchersOf(b));
  io.in(userRoom(b)).socketsJoin(watchersOf(a));
}

// ---- messages ----

function toEvent(m) {
  return { id: m.id, from: m.from, to: m.to, message: m.message, timestamp: m.timestamp, clientId: m.clientId };
}

function socketsOf(username) {
  const ids = io.of('/').adapter.rooms.get(userRoom(username));
  return ids ? [...ids].map((id) => io.of('/').sockets.get(id)).filter(Boolean) : [];
}

// Pushes to each socket asking for an ack; the first ack marks the message delivered.
function push(m, sockets) {
  const event = toEvent(m);
  let confirmed = false;
  for (const socket of sockets) {
    socket.timeout(DELIVERY_ACK_TIMEOUT_MS).emit('new_message', event, (err) => {
      if (err || confirmed) return;
      confirmed = true;
      const at = new Date().toISOString();
      if (store.markDelivered(m.id, at)) {
        io.to(userRoom(m.from)).emit('message_delivered', { by: m.to, upToId: m.id, at });
      }
    });
  }
  return sockets.length > 0;
}

function requireUser(username) {
  if (!store.userExists(username)) throw new ClientError(404, 'not_found', `No user '${username}'`);
}

function sendMessage(socket, body) {
  const from = socket.data.username;
  const to = requiredString(body, 'to', 32);
  if (to === from) throw badRequest('You cannot message yourself');
  if (typeof body.message !== 'string' || body.message.trim() === '') throw badRequest("'message' must not be empty");
  if (body.message.length > MESSAGE_MAX_LENGTH) {
    throw new ClientError(400, 'message_too_long', `A message can be at most ${MESSAGE_MAX_LENGTH} characters`);
  }
  const clientId = body.clientId ?? null;
  if (clientId !== null && (typeof clientId !== 'string' || clientId.length === 0 || clientId.length > CLIENT_ID_MAX_LENGTH)) {
    throw badRequest(`'clientId' must be 1-${CLIENT_ID_MAX_LENGTH} characters`);
  }
  requireUser(to);
  const { message: m, duplicate } = store.insertMessage(from, to, body.message, clientId, new Date().toISOString());
  if (duplicate) return { id: m.id, timestamp: m.timestamp, delivered: m.deliveredAt !== null, duplicate };
  rememberConversation(from, to);
  const delivered = push(m, socketsOf(to));
  socket.to(userRoom(from)).emit('new_message', toEvent(m)); // the sender's other tabs
  return { id: m.id, timestamp: m.timestamp, delivered, duplicate };
}

function typing(socket, body) {
  const to = requiredString(body, 'to', 32);
  if (typeof body.isTyping !== 'boolean') throw badRequest("'isTyping' must be true or false");
  requireUser(to);
  io.to(userRoom(to)).emit('user_typing', { from: socket.data.username, isTyping: body.isTyping });
}

function markRead(socket, body) {
  const reader = socket.data.username;
  const other = requiredString(body, 'with', 32);
  if (!Number.isInteger(body.upToId) || body.upToId <= 0) throw badRequest("'upToId' must be a message id");
  const at = new Date().toISOString();
  if (store.markRead(reader, other, body.upToId, at) > 0) {
    io.to(userRoom(other)).to(userRoom(reader)).emit('message_read', { by: reader, with: other, upToId: body.upToId, at });
  }
  return { upToId: body.upToId, at };
}

// ---- sockets ----

io.use((socket, next) => {
  const token = socket.handshake.auth && socket.handshake.auth.token;
  if (typeof token !== 'string' || token === '') return next(new Error('missing token'));
  let claims;
  try {
    claims = jwt.verify(token, JWT_SECRET, { algorithms: ['HS256'] });
  } catch (err) {
    return next(new Error(err.name === 'TokenExpiredError' ? 'token expired' : 'invalid token'));
  }
  if (!store.userExists(claims.sub)) return next(new Error('unknown user'));
  socket.data.username = claims.sub;
  // auth.watch: the client sends presence_watch next, so it hears no one's presence until then
  socket.data.watchFirst = socket.handshake.auth.watch === true || socket.handshake.auth.watch === 'true';
  next();
});

const handlers = {
  send_message: sendMessage,
  user_typing: typing,
  mark_read: markRead,
  presence_watch: watch,
};

// One envelope for every event: {ok:true,...} or {ok:false,error:{code,message}} to the ack,
// or an `error` event when the client asked for no ack.
function dispatch(socket, event, args) {
  const ack = typeof args.at(-1) === 'function' ? args.at(-1) : null;
  let reply;
  try {
    const handler = handlers[event];
    if (!handler) throw badRequest(`Unknown event '${event}'`);
    const body = args[0];
    if (body === null || typeof body !== 'object' || Array.isArray(body)) throw badRequest(`'${event}' expects one JSON object`);
    for (const field of ['from', 'username']) {
      if (body[field] != null && body[field] !== socket.data.username) {
        throw new ClientError(403, 'forbidden', `You are signed in as ${socket.data.username}; '${field}' cannot name someone else`);
      }
    }
    reply = { ok: true, ...handler(socket, body) };
  } catch (err) {
    if (!(err instanceof ClientError)) console.error('ERROR', event, 'from', socket.data.username, err);
    const e = err instanceof ClientError ? err : new ClientError(500, 'internal', 'Something went wrong on the server');
    const error = { code: e.code, message: e.message };
    if (ack) ack({ ok: false, error });
    else socket.emit('error', { ...error, event });
    return;
  }
  if (ack) ack(reply);
}

io.on('connection', (socket) => {
  const { username } = socket.data;
  socket.join(socket.data.watchFirst ? [userRoom(username)] : [userRoom(username), EVERYONE]);
  socket.onAny((event, ...args) => dispatch(socket, event, args));
  socket.on('disconnect', () => left(username));
  socket.emit('connection_established', { sid: socket.id, username });
  arrived(username, socket);
  for (const m of store.undelivered(username, CATCH_UP_LIMIT)) push(m, [socket]);
});

function shutdown() {
  io.close(() => {
    store.close();
    process.exit(0);
  });
  setTimeout(() => process.exit(0), 5000).unref();
}
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);

httpServer.listen(PORT, HOST, () => {
  console.log(`pulse node reference listening on ${HOST}:${httpServer.address().port}, data in ${DATA_DIR}`);
});
