// Two users of the official socket.io client, each on a node of their own, go through what a chat
// between them needs: presence both ways, a message each way with its ack and delivery receipt,
// typing, a read receipt, and the offline announcement when one leaves.
// Usage: node across-nodes-client.cjs <socket.io-client dir> <ann's url> <bob's url> <transport>
//        <ann's token> <ann's name> <bob's token> <bob's name>
// transport: websocket, polling, or upgrade (polling first, then the WebSocket).
// Prints one JSON line: the steps passed and the transports the two ended on; on a failed step
// it prints the step and exits with 1.
const [clientDir, annUrl, bobUrl, transport, annToken, annName, bobToken, bobName] = process.argv.slice(2);
const { io } = require(clientDir);

const transports = { websocket: ['websocket'], polling: ['polling'], upgrade: ['polling', 'websocket'] }[transport];
// sending is idempotent per clientId: a second run for the same two users needs its own
const RUN = Math.random().toString(36).slice(2, 10);
const steps = [];
let step = 'connect';

function next(socket, event, test = () => true, ms = 10000) {
  const waiting = new Promise((resolve, reject) => {
    const timer = setTimeout(() => { socket.off(event, on); reject(new Error(`no ${event} within ${ms} ms`)); }, ms);
    const on = (payload) => {
      if (!test(payload)) return;
      clearTimeout(timer);
      socket.off(event, on);
      resolve(payload);
    };
    socket.on(event, on);
  });
  // a wait that an earlier failed step left behind must not end the run before its report
  waiting.catch(() => {});
  return waiting;
}

function check(condition, what) {
  if (!condition) throw new Error(what);
}

function open(url, token) {
  const socket = io(url, { auth: { token }, transports, reconnection: false });
  socket.on('connect_error', (e) => console.error(`connect_error: ${e.message}`));
  // the server counts a message delivered once its recipient confirms it
  socket.on('new_message', (m, ack) => ack && ack());
  return socket;
}

async function upgraded(socket) {
  if (transport !== 'upgrade' || socket.io.engine.transport.name === 'websocket') return;
  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no upgrade within 10 s')), 10000);
    socket.io.engine.once('upgrade', () => { clearTimeout(timer); resolve(); });
  });
}

async function say(from, to, toName, fromName, text) {
  const delivered = next(from, 'message_delivered');
  const arrives = next(to, 'new_message', (m) => m.message === text);
  const ack = await from.timeout(10000).emitWithAck('send_message', { to: toName, message: text, clientId: `${transport}-${RUN}-${text}` });
  check(ack.ok && Number.isInteger(ack.id), `ack: ${JSON.stringify(ack)}`);
  const got = await arrives;
  check(got.id === ack.id && got.from === fromName && got.to === toName, `new_message: ${JSON.stringify(got)}`);
  const receipt = await delivered;
  check(receipt.upToId >= ack.id, `message_delivered: ${JSON.stringify(receipt)}`);
  return ack.id;
}

(async () => {
  const ann = open(annUrl, annToken);
  await next(ann, 'connect');
  const bobSeen = next(ann, 'user_online', (u) => u.username === bobName);
  const bob = open(bobUrl, bobToken);
  await next(bob, 'connect');
  await Promise.all([upgraded(ann), upgraded(bob)]);
  steps.push(step);

  step = 'ann hears bob arrive';
  await bobSeen;
  steps.push(step);

  step = 'a message each way, acked, delivered, receipted';
  const fromAnn = await say(ann, bob, bobName, annName, 'hello from node one');
  await say(bob, ann, annName, bobName, 'hello back from node two');
  steps.push(step);

  step = 'typing';
  const typing = next(ann, 'user_typing', (t) => t.from === bobName && t.isTyping === true);
  bob.emit('user_typing', { to: annName, isTyping: true });
  await typing;
  steps.push(step);

  step = 'read receipt';
  const read = next(ann, 'message_read', (r) => r.by === bobName);
  const readAck = await bob.timeout(10000).emitWithAck('mark_read', { with: annName, upToId: fromAnn });
  check(readAck.ok, `mark_read ack: ${JSON.stringify(readAck)}`);
  check((await read).upToId === fromAnn, 'message_read names the message read');
  steps.push(step);

  const ended = { ann: ann.io.engine.transport.name, bob: bob.io.engine.transport.name };

  step = 'ann hears bob leave';
  const gone = next(ann, 'user_offline', (u) => u.username === bobName, 15000);
  bob.disconnect();
  const offline = await gone;
  check(typeof offline.lastSeen === 'string' || typeof offline.lastSeen === 'number', `user_offline: ${JSON.stringify(offline)}`);
  steps.push(step);

  ann.disconnect();
  console.log(JSON.stringify({ steps, transports: ended }));
  process.exit(0);
})().catch((e) => {
  console.log(JSON.stringify({ steps, failed: step, error: e.message }));
  process.exit(1);
});
