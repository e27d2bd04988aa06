-- PostgreSQL twin of migrations/0008_ticket_key.sql: the key is two random
-- UUIDs' hex (gen_random_uuid is built in since PostgreSQL 13; 244 random bits).
-- Issue 12: the secret behind each ticket's phone link. A ticket's public id
-- (on the board, in reports) proves nothing; HMAC(ticket_key, id) printed in
-- its QR proves the phone holds the paper. One random key per office.
CREATE TABLE server_secrets (
  name TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
INSERT INTO server_secrets (name, value) VALUES ('ticket_key', replace(CAST(gen_random_uuid() AS TEXT) || CAST(gen_random_uuid() AS TEXT), '-', ''));
