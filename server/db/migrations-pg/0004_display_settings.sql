-- Office-wide settings of the hall display boards (one row). Per-board
-- settings (title, which counters/fields it shows) live in the display
-- device's own `devices.settings` JSON under the key "board".
CREATE TABLE display_settings (
  id BIGINT PRIMARY KEY CHECK (id = 1),
  -- the scrolling notice line under the board ('' = none)
  notice TEXT NOT NULL DEFAULT '',
  voice_enabled BIGINT NOT NULL DEFAULT 1,
  -- 0–100
  volume BIGINT NOT NULL DEFAULT 80 CHECK (volume BETWEEN 0 AND 100),
  -- 'auto': the browser's Vietnamese voice if it has one, else the server's clips;
  -- 'browser': only the browser's voice; 'server': only the server's clips
  voice_kind TEXT NOT NULL DEFAULT 'auto' CHECK (voice_kind IN ('auto', 'browser', 'server')),
  -- how many times each call is said (DOMAIN.md §4: twice)
  repeat_count BIGINT NOT NULL DEFAULT 2 CHECK (repeat_count BETWEEN 1 AND 3),
  chime BIGINT NOT NULL DEFAULT 1,
  updated_at BIGINT
);
INSERT INTO display_settings (id) VALUES (1);
