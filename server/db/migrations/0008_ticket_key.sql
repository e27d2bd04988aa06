-- Issue 12: the secret behind each ticket's phone link. A ticket's public id
-- (on the board, in reports) proves nothing; HMAC(ticket_key, id) printed in
-- its QR proves the phone holds the paper. One random key per office.
CREATE TABLE server_secrets (
  name TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
INSERT INTO server_secrets (name, value) VALUES ('ticket_key', lower(hex(randomblob(32))));
