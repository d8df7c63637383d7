// Two users of the official socket.io client, through a balancer, while the nodes behind it are
// restarted one after the other: one keeps sending (retrying with the same clientId until acked,
// as the web app does), the other acknowledges what arrives, a third watches presence.
// Usage: node rolling-restart-client.cjs <socket.io-client dir> <base url> <seconds> <sender token>
//        <recipient name> <recipient token> <watcher token>
// Prints one JSON line: sent, acked ids, received ids, offline announcements, reconnects.
const [clientDir, base, seconds, senderToken, recipient, recipientToken, watcherToken] = process.argv.slice(2);
const { io } = require(clientDir);

(async () => {
  const opts = (token) => ({ auth: { token }, transports: ['websocket'], reconnectionDelay: 300, reconnectionDelayMax: 1000 });
  const sender = io(base, opts(senderToken));
  const receiver = io(base, opts(recipientToken));
  const watcher = io(base, opts(watcherToken));
  const received = new Set();
  const acked = [];
  const offline = [];
  let reconnects = 0;
  receiver.on('new_message', (m, ack) => { received.add(m.id); if (ack) ack(); });
  watcher.on('user_offline', (u) => offline.push(u.username));
  for (const s of [sender, receiver, watcher]) s.io.on('reconnect', () => reconnects++);
  await Promise.all([sender, receiver, watcher].map((s) => new Promise((r) => s.once('connect', r))));
  console.error('ready');
  const end = Date.now() + Number(seconds) * 1000;
  let sent = 0;
  while (Date.now() < end) {
    const clientId = 'rr-' + sent++;
    for (;;) {
      try {
        const ack = await sender.timeout(2000).emitWithAck('send_message', { to: recipient, message: 'during deploy', clientId });
        if (ack.ok) { acked.push(ack.id); break; }
      } catch (e) { /* disconnected or timed out: the same clientId again */ }
      await new Promise((r) => setTimeout(r, 100));
    }
    await new Promise((r) => setTimeout(r, 40));
  }
  const deadline = Date.now() + 15000;
  while (acked.some((id) => !received.has(id)) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 100));
  }
  console.log(JSON.stringify({ sent, acked, received: [...received], offline, reconnects }));
  process.exit(0);
})().catch((e) => { console.error(e); process.exit(1); });
