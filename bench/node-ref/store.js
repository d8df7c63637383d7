'use strict';
// The reference server's database: one SQLite file through better-sqlite3 (synchronous calls,
// each statement its own transaction). WAL journal with synchronous=NORMAL: a commit is in the
// WAL file, so it survives the process being killed, before the call returns; it reaches the
// disk at the next checkpoint, so a power cut can lose the last commits.

const Database = require('better-sqlite3');

const SCHEMA = `
CREATE TABLE IF NOT EXISTS users (
  username      TEXT PRIMARY KEY,
  password_hash TEXT NOT NULL,
  display_name  TEXT NOT NULL,
  gender        TEXT NOT NULL,
  date_of_birth TEXT NOT NULL,
  city          TEXT,
  religion      TEXT,
  created_at    TEXT NOT NULL,
  last_seen     TEXT
);
CREATE TABLE IF NOT EXISTS messages (
  id           INTEGER PRIMARY KEY,
  sender       TEXT NOT NULL,
  recipient    TEXT NOT NULL,
  body         TEXT NOT NULL,
  client_id    TEXT,
  created_at   TEXT NOT NULL,
  delivered_at TEXT,
  read_at      TEXT
);
-- a retried send with the same clientId finds the first one (NULLs never collide)
CREATE UNIQUE INDEX IF NOT EXISTS messages_client_id ON messages (sender, client_id);
CREATE INDEX IF NOT EXISTS messages_conversation ON messages (recipient, sender, id);
CREATE INDEX IF NOT EXISTS messages_undelivered ON messages (recipient, id) WHERE delivered_at IS NULL;
`;

function toMessage(row) {
  return {
    id: row.id,
    from: row.sender,
    to: row.recipient,
    message: row.body,
    timestamp: row.created_at,
    clientId: row.client_id,
    deliveredAt: row.delivered_at,
  };
}

function openStore(file) {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec(SCHEMA);

  const st = {
    userExists: db.prepare('SELECT 1 FROM users WHERE username = ?').pluck(),
    insertUser: db.prepare(`INSERT INTO users
        (username, password_hash, display_name, gender, date_of_birth, city, religion, created_at)
        VALUES (@username, @passwordHash, @displayName, @gender, @dateOfBirth, @city, @religion, @createdAt)
        ON CONFLICT (username) DO NOTHING`),
    insertMessage: db.prepare(`INSERT INTO messages (sender, recipient, body, client_id, created_at)
        VALUES (?, ?, ?, ?, ?) ON CONFLICT (sender, client_id) DO NOTHING RETURNING *`),
    messageByClientId: db.prepare('SELECT * FROM messages WHERE sender = ? AND client_id = ?'),
    markDelivered: db.prepare('UPDATE messages SET delivered_at = ? WHERE id = ? AND delivered_at IS NULL'),
    undelivered: db.prepare(`SELECT * FROM messages WHERE recipient = ? AND delivered_at IS NULL
        ORDER BY id LIMIT ?`),
    markRead: db.prepare(`UPDATE messages SET read_at = ?
        WHERE recipient = ? AND sender = ? AND id <= ? AND read_at IS NULL`),
    setLastSeen: db.prepare('UPDATE users SET last_seen = ? WHERE username = ?'),
    lastSeen: db.prepare(`SELECT username, last_seen FROM users
        WHERE username IN (SELECT value FROM json_each(?))`),
    partners: db.prepare(`SELECT recipient AS username FROM messages WHERE sender = ?
        UNION SELECT sender FROM messages WHERE recipient = ?`).pluck(),
    ping: db.prepare('SELECT 1').pluck(),
  };

  return {
    userExists: (username) => st.userExists.get(username) === 1,

    /** False when the username is taken. */
    createUser: (user) => st.insertUser.run(user).changes === 1,

    /** Stores a message, or finds the one this sender already stored with this clientId. */
    insertMessage(from, to, body, clientId, timestamp) {
      const row = st.insertMessage.get(from, to, body, clientId, timestamp);
      if (row) {
        return { message: toMessage(row), duplicate: false };
      }
      return { message: toMessage(st.messageByClientId.get(from, clientId)), duplicate: true };
    },

    /** True when this call marked it (the first acknowledgement). */
    markDelivered: (id, at) => st.markDelivered.run(at, id).changes === 1,

    undelivered: (username, limit) => st.undelivered.all(username, limit).map(toMessage),

    markRead: (reader, sender, upToId, at) => st.markRead.run(at, reader, sender, upToId).changes,

    setLastSeen: (username, at) => st.setLastSeen.run(at, username),

    /** username -> last seen (null if never) for the known ones among usernames. */
    lastSeenOf(usernames) {
      const seen = new Map();
      for (const row of st.lastSeen.all(JSON.stringify(usernames))) {
        seen.set(row.username, row.last_seen);
      }
      return seen;
    },

    /** Everyone the user has exchanged a message with. */
    partnersOf: (username) => st.partners.all(username, username),

    ping: () => st.ping.get() === 1,

    close: () => db.close(),
  };
}

module.exports = { openStore };
