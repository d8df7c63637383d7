-- Where each pair of members stands, from the first message between them. A first message from
-- someone the recipient never talked to (no earlier message, no accepted interest either way) is a
-- request: 'pending' until the recipient accepts it (or replies), or 'declined'. Once 'accepted'
-- a pair never goes back, which is what lets a node remember accepted pairs instead of reading
-- this table for every message.
CREATE TABLE conversations (
  pair_key   VARCHAR(65) PRIMARY KEY,
  -- who wrote first, and to whom
  requester  VARCHAR(32) NOT NULL REFERENCES users (username) ON DELETE CASCADE,
  addressee  VARCHAR(32) NOT NULL REFERENCES users (username) ON DELETE CASCADE,
  state      VARCHAR(8)  NOT NULL CHECK (state IN ('pending', 'accepted', 'declined')),
  created_at TIMESTAMP WITH TIME ZONE NOT NULL,
  updated_at TIMESTAMP WITH TIME ZONE NOT NULL
);

-- a member's requests, newest first, and how many are pending
CREATE INDEX conversations_requests ON conversations (addressee, state, updated_at);

-- every conversation held before requests existed is an accepted one (calls' entries alone are
-- not: an answered call counts when the pair first writes, an unanswered one never)
INSERT INTO conversations (pair_key, requester, addressee, state, created_at, updated_at)
SELECT m.pair_key, m.sender, m.recipient, 'accepted', m.created_at, m.created_at
FROM messages m WHERE m.id IN (SELECT MIN(id) FROM messages WHERE call_entry IS NULL GROUP BY pair_key);
