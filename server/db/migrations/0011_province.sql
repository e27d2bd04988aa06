-- A province on one engine (issue #17): the offices this deployment holds.
-- The registry lives in the home office's database (the first office, the
-- one served without a path prefix); every office keeps its own tables in
-- its own store. In another office's store these tables stay empty.
CREATE TABLE province_offices (
  id INTEGER PRIMARY KEY,
  -- the path segment /o/<code>/ of its pages and API
  code TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  -- where its tables live: '' = this database (the home office); PostgreSQL: a schema; SQLite: a folder under DATA_DIR/offices
  store TEXT NOT NULL,
  created_at INTEGER NOT NULL
);

-- Staff of the home office who administer the province (offices, province reports).
CREATE TABLE province_admins (
  staff_id INTEGER PRIMARY KEY REFERENCES staff(id) ON DELETE CASCADE
);

-- Server processes sharing this database (several processes: DATABASE_URL + REDIS_URL).
CREATE TABLE cluster_nodes (
  id TEXT PRIMARY KEY,
  -- where the other processes reach it (forwarded requests)
  url TEXT NOT NULL,
  started_at INTEGER NOT NULL,
  seen_at INTEGER NOT NULL
);
