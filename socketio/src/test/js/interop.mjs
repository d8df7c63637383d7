// Interop checks: the official socket.io-client (4.x) against the Java server.
//
//   node interop.mjs <server-url> <websocket|polling|upgrade>
//   (or SOCKETIO_URL=... TRANSPORT_MODE=... node interop.mjs)
//
// Run by dev.pulse.socketio.interop.JsClientInteropTest, which starts the server fixture these
// checks talk to (see installFixture there). Output is TAP; the exit code is non-zero if any
// check fails.
//
// Each check has an id (the start of its name). Optional environment:
//   INTEROP_ONLY=id,id         run only these checks
//   INTEROP_PING_INTERVAL=ms   the server's pingInterval (for the heartbeat check)

import { after, test } from "node:test";
import assert from "node:assert/strict";
import { io, Manager } from "socket.io-client";

const url = (process.argv[2] ?? process.env.SOCKETIO_URL ?? "").replace(/\/$/, "");
const mode = process.argv[3] ?? process.env.TRANSPORT_MODE ?? "websocket";
const PING_INTERVAL = Number(process.env.INTEROP_PING_INTERVAL ?? 1000);

const TRANSPORTS = {
  websocket: ["websocket"],
  polling: ["polling"],
  upgrade: ["polling", "websocket"],
};

if (!url || !TRANSPORTS[mode]) {
  console.error("usage: node interop.mjs <server-url> <websocket|polling|upgrade>");
  process.exit(2);
}
console.log(`# socket.io-client interop: url=${url} mode=${mode} node=${process.version}`);

const ids = (name) => (process.env[name] ?? "").split(",").map((id) => id.trim()).filter(Boolean);
const ONLY = ids("INTEROP_ONLY");

const STEP = 8000; // ms to wait for any single reply

// ---- helpers ----

/** Everything opened, so that a failing check cannot keep the process alive. */
const sockets = [];
const managers = [];

after(() => {
  for (const socket of sockets) {
    socket.disconnect();
  }
  for (const manager of managers) {
    manager.engine?.close();
  }
});

function clientOptions(extra = {}) {
  return {
    transports: TRANSPORTS[mode],
    upgrade: mode === "upgrade",
    forceNew: true,
    reconnectionDelay: 100,
    reconnectionDelayMax: 300,
    timeout: STEP,
    ...extra,
  };
}

/** Resolves with the event's arguments; rejects after `ms`. */
function waitFor(emitter, event, ms = STEP) {
  return new Promise((resolve, reject) => {
    const handler = (...args) => {
      clearTimeout(timer);
      resolve(args);
    };
    const timer = setTimeout(() => {
      emitter.off(event, handler);
      reject(new Error(`timed out after ${ms} ms waiting for "${event}"`));
    }, ms);
    emitter.once(event, handler);
  });
}

/** Resolves on "connect", rejects on "connect_error" or timeout. */
function connected(socket, ms = STEP) {
  if (socket.connected) {
    return Promise.resolve();
  }
  return new Promise((resolve, reject) => {
    const cleanup = () => {
      clearTimeout(timer);
      socket.off("connect", onConnect);
      socket.off("connect_error", onError);
    };
    const onConnect = () => {
      cleanup();
      resolve();
    };
    const onError = (err) => {
      cleanup();
      reject(new Error(`connect_error: ${err?.message}`));
    };
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`timed out after ${ms} ms waiting for "connect" to ${socket.nsp}`));
    }, ms);
    socket.on("connect", onConnect);
    socket.on("connect_error", onError);
  });
}

/**
 * Opens a socket (own Manager unless one is given), waits until it is connected and has
 * received the server's "auth" event; returns the socket and that event's arguments.
 */
async function open(nsp = "/", { auth = { token: "abc" }, query, manager } = {}) {
  const socket = manager
    ? manager.socket(nsp, { auth })
    : io(url + nsp, clientOptions({ auth, query }));
  sockets.push(socket);
  if (!manager) {
    managers.push(socket.io);
  }
  const authEvent = waitFor(socket, "auth");
  authEvent.catch(() => {}); // awaited below; avoid an unhandled rejection if connect fails
  await connected(socket);
  return { socket, auth: await authEvent };
}

function ack(socket, event, ...args) {
  return new Promise((resolve, reject) => {
    socket.timeout(STEP).emit(event, ...args, (err, ...reply) => {
      if (err) {
        reject(new Error(`no ack for "${event}" within ${STEP} ms`));
      } else {
        resolve(reply);
      }
    });
  });
}

function whoami(socket) {
  return socket.timeout(STEP).emitWithAck("whoami");
}

/** Binary values as plain arrays so that Buffer / ArrayBuffer / Uint8Array compare equal. */
function normalize(value) {
  if (value instanceof ArrayBuffer) {
    return { $binary: Array.from(new Uint8Array(value)) };
  }
  if (ArrayBuffer.isView(value)) {
    const bytes = new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
    return { $binary: Array.from(bytes) };
  }
  if (Array.isArray(value)) {
    return value.map(normalize);
  }
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, normalize(v)]));
  }
  return value;
}

function isBinary(value) {
  return value instanceof ArrayBuffer || ArrayBuffer.isView(value);
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Fails the check if `event` arrives on `socket` while the returned function is armed. */
function forbid(socket, event) {
  let seen = null;
  const handler = (...args) => {
    seen = args;
  };
  socket.on(event, handler);
  return () => {
    socket.off(event, handler);
    assert.equal(seen, null, `unexpected "${event}" on ${socket.nsp}: ${JSON.stringify(seen)}`);
  };
}

function expectedTransport() {
  return mode === "polling" ? "polling" : "websocket";
}

/** In upgrade mode, waits until the engine has switched to WebSocket. */
async function settled(socket) {
  if (mode === "upgrade" && socket.io.engine.transport.name !== "websocket") {
    await waitFor(socket.io.engine, "upgrade");
  }
}

const MIXED = [
  "héllo \"wörld\" \\ \n ✓ 🚀 \u001e end",
  42,
  -7,
  0,
  9007199254740991,
  3.25,
  true,
  null,
  { a: { b: [1, 2, { c: "x", d: [] }] }, flag: false, none: null, empty: {} },
  [1, "two", 3.5, false, null, [[]], { deep: { deeper: ["z"] } }],
];

/** Registers one check, named `<id>: <title> (<mode>)`. */
function check(id, title, fn) {
  if (ONLY.length > 0 && !ONLY.includes(id)) {
    return;
  }
  test(`${id}: ${title} (${mode})`, { timeout: 20000 }, fn);
}

// ---- checks ----

check("auth", `connect with auth; the server's "auth" event echoes it`, async () => {
  const { socket, auth } = await open("/", { auth: { token: "abc" }, query: { probe: "p1" } });
  assert.deepEqual(auth, [{ token: "abc" }]);
  assert.equal(socket.connected, true);
  assert.equal(typeof socket.id, "string");
  const me = await whoami(socket);
  assert.equal(me.id, socket.id, "server and client agree on the socket id");
  assert.equal(me.nsp, "/");
  assert.equal(me.connectionId, socket.io.engine.id, "server and client agree on the sid");
  assert.equal(me.probe, "p1", "handshake query reaches the server");
  if (mode !== "upgrade") {
    assert.equal(me.transport, expectedTransport());
  }
  socket.disconnect();
});

check("transport", `transport in use matches the mode`, async () => {
  const socket = io(url + "/", clientOptions({ auth: { token: "t" } }));
  sockets.push(socket);
  managers.push(socket.io);
  const engine = socket.io.engine;
  assert.equal(engine.transport.name, mode === "websocket" ? "websocket" : "polling",
    "first transport");
  const upgraded = mode === "upgrade" ? waitFor(engine, "upgrade") : null;
  await connected(socket);
  if (mode === "upgrade") {
    const [transport] = await upgraded;
    assert.equal(transport.name, "websocket");
    assert.equal(socket.io.engine.transport.name, "websocket",
      "socket.io.engine.transport.name after the upgrade event");
  } else {
    await sleep(300); // long enough for an (unwanted) upgrade to start
    assert.equal(socket.io.engine.transport.name, expectedTransport());
  }
  const me = await whoami(socket);
  assert.equal(me.transport, expectedTransport(), "server-side transport");
  const [echoed] = await ack(socket, "echo-ack", "after-upgrade");
  assert.equal(echoed, "after-upgrade");
  socket.disconnect();
});

check("mixed-args", `events with mixed args are echoed exactly`, async () => {
  const { socket } = await open();
  const back = waitFor(socket, "echo-back");
  socket.emit("echo", ...MIXED);
  assert.deepEqual(await back, MIXED);

  const none = waitFor(socket, "echo-back");
  socket.emit("echo");
  assert.deepEqual(await none, [], "an event without arguments");

  const big = "x".repeat(200_000);
  const bigBack = waitFor(socket, "echo-back");
  socket.emit("echo", { big });
  assert.deepEqual(await bigBack, [{ big }], "a 200 kB string");
  socket.disconnect();
});

check("ordering", `many events arrive in order`, async () => {
  const { socket } = await open();
  const received = [];
  const all = new Promise((resolve) => {
    socket.on("echo-back", (n) => {
      received.push(n);
      if (received.length === 200) {
        resolve();
      }
    });
  });
  for (let i = 0; i < 200; i++) {
    socket.emit("echo", i);
  }
  await Promise.race([all, sleep(STEP)]);
  assert.deepEqual(received, Array.from({ length: 200 }, (_, i) => i));
  socket.disconnect();
});

check("client-ack", `client ack (emitWithAck) is answered by the server`, async () => {
  const { socket } = await open();
  const single = await socket.timeout(STEP).emitWithAck("echo-ack", { x: 1, y: [2, 3] });
  assert.deepEqual(single, { x: 1, y: [2, 3] });

  const reply = await ack(socket, "echo-ack", ...MIXED);
  assert.deepEqual(reply, MIXED, "every ack argument");

  const empty = await ack(socket, "echo-ack");
  assert.deepEqual(empty, [], "an ack without arguments");

  // Several acks in flight at once, answered to the right callbacks.
  const replies = await Promise.all(
    Array.from({ length: 20 }, (_, i) => socket.timeout(STEP).emitWithAck("echo-ack", i)));
  assert.deepEqual(replies, Array.from({ length: 20 }, (_, i) => i));
  socket.disconnect();
});

check("server-ack", `server emitWithAck is answered by the client`, async () => {
  const { socket } = await open();
  let question = null;
  socket.on("question", (...args) => {
    const callback = args.pop();
    assert.equal(typeof callback, "function", "the server asked for an ack");
    question = args;
    callback("answer", { got: args });
  });
  const answer = waitFor(socket, "answer-received");
  socket.emit("ask-client", "what?", { n: 1, list: ["a", null] });
  const [first, second] = await answer;
  assert.deepEqual(question, ["what?", { n: 1, list: ["a", null] }]);
  assert.equal(first, "answer");
  assert.deepEqual(second, { got: ["what?", { n: 1, list: ["a", null] }] });
  socket.disconnect();
});

check("binary", `binary both ways`, async () => {
  const { socket } = await open();
  const bytes = Buffer.from([0, 1, 2, 127, 128, 254, 255]);
  const payload = {
    name: "bin",
    buf: bytes,
    nested: { u8: Uint8Array.of(9, 8, 7), empty: new Uint8Array(0) },
    list: [Buffer.from("hello"), "x", 5],
  };

  // client -> server -> client, as an event
  const back = waitFor(socket, "echo-back");
  socket.emit("echo", payload, "plain", Buffer.from([42]));
  const echoed = await back;
  assert.ok(isBinary(echoed[0].buf), "binary comes back as binary");
  assert.ok(isBinary(echoed[0].nested.u8));
  assert.deepEqual(normalize(echoed), normalize([payload, "plain", Buffer.from([42])]));

  // client -> server -> client, as an ack
  const acked = await ack(socket, "echo-ack", payload);
  assert.deepEqual(normalize(acked), normalize([payload]));

  // produced by the server: Buffer and byte[] nested in an object and an array
  const expectedServerBinary = {
    kind: "server-binary",
    bytes: Buffer.from(Array.from({ length: 256 }, (_, i) => i)),
    list: [Buffer.from([1, 2, 3]), "text", 7],
  };
  const binaryEvent = waitFor(socket, "binary");
  socket.emit("get-binary");
  const [fromServer] = await binaryEvent;
  assert.ok(isBinary(fromServer.bytes));
  assert.deepEqual(normalize(fromServer), normalize(expectedServerBinary));

  const binaryAck = await ack(socket, "get-binary-ack");
  assert.deepEqual(normalize(binaryAck), normalize([expectedServerBinary, Buffer.from("tail")]));

  // server emitWithAck carrying binary, answered by the client with binary
  socket.on("question", (...args) => {
    const callback = args.pop();
    callback({ reply: Buffer.from([5, 6]), asked: args[0] });
  });
  const answer = waitFor(socket, "answer-received");
  socket.emit("ask-client", Buffer.from([1, 1, 2, 3, 5, 8]));
  const [reply] = await answer;
  assert.deepEqual(normalize(reply),
    normalize({ reply: Buffer.from([5, 6]), asked: Buffer.from([1, 1, 2, 3, 5, 8]) }));
  socket.disconnect();
});

check("namespaces", `"/" and "/custom" share one Manager and connection`, async () => {
  const manager = new Manager(url, clientOptions());
  managers.push(manager);
  const main = await open("/", { manager, auth: { token: "main" } });
  const custom = await open("/custom", { manager, auth: { token: "custom" } });
  assert.deepEqual(main.auth, [{ token: "main" }]);
  assert.deepEqual(custom.auth, [{ token: "custom" }], "auth is per namespace");
  assert.equal(main.socket.io, custom.socket.io);
  assert.equal(main.socket.io.engine, custom.socket.io.engine, "socket.io.engine is shared");
  await settled(main.socket);

  const [meMain, meCustom] = await Promise.all([whoami(main.socket), whoami(custom.socket)]);
  assert.equal(meMain.nsp, "/");
  assert.equal(meCustom.nsp, "/custom");
  assert.notEqual(meMain.id, meCustom.id);
  assert.equal(meMain.connectionId, meCustom.connectionId, "one connection on the server");
  assert.equal(meMain.connectionId, manager.engine.id);

  // Events stay in their namespace.
  const mainQuiet = forbid(main.socket, "echo-back");
  const back = waitFor(custom.socket, "echo-back");
  custom.socket.emit("echo", "to-custom");
  assert.deepEqual(await back, ["to-custom"]);
  assert.deepEqual(await ack(main.socket, "echo-ack", "main-still-ok"), ["main-still-ok"]);
  mainQuiet();

  // The server leaving "/custom" keeps the connection for "/".
  const engine = manager.engine;
  const gone = waitFor(custom.socket, "disconnect");
  custom.socket.emit("disconnect-me");
  const [reason] = await gone;
  assert.equal(reason, "io server disconnect");
  assert.equal(main.socket.connected, true);
  assert.equal(manager.engine, engine, "same Engine.IO connection");
  assert.deepEqual(await ack(main.socket, "echo-ack", "after"), ["after"]);

  // ...and the client rejoining "/custom" reuses it.
  custom.socket.connect();
  await connected(custom.socket);
  assert.equal(manager.engine, engine);
  assert.equal((await whoami(custom.socket)).connectionId, meMain.connectionId);

  custom.socket.disconnect();
  main.socket.disconnect();
});

check("invalid-namespace", `unknown namespace -> connect_error "Invalid namespace"`, async () => {
  const manager = new Manager(url, clientOptions());
  managers.push(manager);
  const main = await open("/", { manager });
  const nope = manager.socket("/nope", { auth: { token: "abc" } });
  sockets.push(nope);
  const [err] = await waitFor(nope, "connect_error");
  assert.ok(err instanceof Error);
  assert.equal(err.message, "Invalid namespace");
  assert.equal(nope.connected, false);
  // The refusal concerns that namespace only.
  assert.equal(main.socket.connected, true);
  assert.deepEqual(await ack(main.socket, "echo-ack", "ok"), ["ok"]);

  // Also as the only namespace of a connection.
  const alone = io(url + "/nope", clientOptions());
  sockets.push(alone);
  managers.push(alone.io);
  const [err2] = await waitFor(alone, "connect_error");
  assert.equal(err2.message, "Invalid namespace");
  alone.disconnect();
  main.socket.disconnect();
});

check("server-disconnect", `socket.disconnect() -> "io server disconnect", no reconnection`,
  async () => {
    const { socket } = await open();
    const reconnecting = forbid(socket.io, "reconnect_attempt");
    const gone = waitFor(socket, "disconnect");
    socket.emit("disconnect-me");
    const [reason] = await gone;
    assert.equal(reason, "io server disconnect");
    assert.equal(socket.connected, false);
    assert.equal(socket.active, false, "the client does not try to reconnect");
    await sleep(800); // several reconnection delays
    assert.equal(socket.connected, false);
    reconnecting();
  });

check("reconnect", `client auto-reconnects after the transport drops`, async () => {
  const { socket } = await open("/", { auth: { token: "again" } });
  await settled(socket);
  const before = await whoami(socket);
  const firstEngine = socket.io.engine;

  const gone = waitFor(socket, "disconnect");
  const reconnected = waitFor(socket.io, "reconnect", 2 * STEP);
  const authAgain = waitFor(socket, "auth", 2 * STEP);
  // Drop the transport under the client, as a network failure would.
  const transport = firstEngine.transport;
  if (transport.name === "websocket" && typeof transport.ws?.terminate === "function") {
    transport.ws.terminate(); // abrupt TCP close, no close frame
  } else {
    transport.close();
  }
  const [reason] = await gone;
  assert.equal(reason, "transport close");
  assert.equal(socket.active, true, "the client will reconnect");

  await reconnected;
  await connected(socket);
  assert.deepEqual(await authAgain, [{ token: "again" }], "auth is sent again on reconnect");
  assert.notEqual(socket.io.engine, firstEngine, "a new Engine.IO connection");
  await settled(socket);
  const afterwards = await whoami(socket);
  assert.notEqual(afterwards.connectionId, before.connectionId);
  assert.notEqual(afterwards.id, before.id, "a new Socket.IO session");
  assert.equal(afterwards.id, socket.id);

  const back = waitFor(socket, "echo-back");
  socket.emit("echo", "after reconnect", { n: 2 });
  assert.deepEqual(await back, ["after reconnect", { n: 2 }]);
  assert.deepEqual(await ack(socket, "echo-ack", "ack after reconnect"), ["ack after reconnect"]);
  socket.disconnect();
});

check("forced-close", `server disconnect(true) -> "io server disconnect", no reconnection`,
  async () => {
    const manager = new Manager(url, clientOptions());
    managers.push(manager);
    const main = await open("/", { manager });
    const custom = await open("/custom", { manager });
    await settled(main.socket);
    const reconnecting = forbid(manager, "reconnect_attempt");
    const mainGone = waitFor(main.socket, "disconnect");
    const customGone = waitFor(custom.socket, "disconnect");
    main.socket.emit("close-me");
    const [[mainReason], [customReason]] = await Promise.all([mainGone, customGone]);
    // The reference server sends DISCONNECT to every namespace of the connection, then closes it.
    assert.equal(mainReason, "io server disconnect");
    assert.equal(customReason, "io server disconnect");
    assert.equal(main.socket.active, false);
    await sleep(800);
    reconnecting();
  });

check("heartbeat", `pings are answered and the connection stays up`, async () => {
  const { socket } = await open();
  const engine = socket.io.engine;
  let pings = 0;
  engine.on("ping", () => pings++);
  const closed = forbid(socket, "disconnect");
  await sleep(Math.round(PING_INTERVAL * 3.5));
  closed();
  assert.ok(pings >= 2, `expected at least 2 pings in ${PING_INTERVAL * 3.5} ms, got ${pings}`);
  assert.equal(socket.io.engine, engine);
  assert.equal(socket.connected, true);
  assert.deepEqual(await ack(socket, "echo-ack", "still here"), ["still here"]);
  socket.disconnect();
});
