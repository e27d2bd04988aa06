/**
 * The storage layer's two engines: SQLite's SQL reaches PostgreSQL
 * translated (server/db/dialect.ts), and the two migration folders keep the
 * same numbering (a version present in one only is a merge that forgot its
 * twin).
 */
import { describe, expect, it } from 'vitest';
import { basename } from 'node:path';
import { postgresDialect, sqliteDialect, translateForPostgres } from '../../server/db/dialect';
import { listMigrations } from '../../server/db/migrate';

describe('SQLite SQL translated for PostgreSQL', () => {
  it('numbers positional marks, and a named parameter used twice is one', () => {
    expect(translateForPostgres('SELECT * FROM t WHERE a = ? AND b IN (?, ?)').text).toBe(
      'SELECT * FROM t WHERE a = $1 AND b IN ($2, $3)',
    );
    const named = translateForPostgres('SELECT * FROM d WHERE r < $to AND (x IS NULL OR x >= $from) AND y < $to');
    expect(named.text).toBe('SELECT * FROM d WHERE r < $1 AND (x IS NULL OR x >= $2) AND y < $1');
    expect(named.names).toEqual(['$to', '$from']);
  });

  it('leaves literals, quoted names and comments alone', () => {
    const t = translateForPostgres(
      `SELECT json_extract(j.value, '$.digitisation.kind') AS "a?", 'it''s ?' AS lit -- why? $x\nFROM t WHERE a = ?`,
    );
    expect(t.text).toBe(
      `SELECT json_extract(j.value, '$.digitisation.kind') AS "a?", 'it''s ?' AS lit -- why? $x\nFROM t WHERE a = $1`,
    );
  });

  it('quotes camelCase aliases, drops INDEXED BY, spells IS ? the PostgreSQL way', () => {
    expect(
      translateForPostgres('SELECT max(seq) AS maxSeq, count(*) AS n FROM tickets INDEXED BY tickets_x').text,
    ).toBe('SELECT max(seq) AS "maxSeq", count(*) AS n FROM tickets ');
    expect(translateForPostgres('CAST(x AS INTEGER) AS fieldId').text).toBe('CAST(x AS INTEGER) AS "fieldId"');
    expect(translateForPostgres('SELECT a AS counterId FROM t WHERE d < $toDay GROUP BY counterId').text).toBe(
      'SELECT a AS "counterId" FROM t WHERE d < $1 GROUP BY "counterId"',
    );
    expect(translateForPostgres('DELETE FROM s WHERE a = ? AND h IS NOT ? AND k IS ? AND z IS NULL').text).toBe(
      'DELETE FROM s WHERE a = $1 AND h IS DISTINCT FROM $2 AND k IS NOT DISTINCT FROM $3 AND z IS NULL',
    );
  });

  it('makes a decimal literal a double, as the REAL of SQLite', () => {
    expect(translateForPostgres('SELECT (a - b) / 60000.0 AS minutes, x.y FROM t LIMIT 10').text).toBe(
      'SELECT (a - b) / CAST(60000.0 AS DOUBLE PRECISION) AS minutes, x.y FROM t LIMIT 10',
    );
  });

  it('names the table of an INSERT (for RETURNING its identity)', () => {
    expect(translateForPostgres('INSERT INTO tickets (id) VALUES (?)').insertInto).toBe('tickets');
    expect(translateForPostgres('UPDATE tickets SET a = ?').insertInto).toBeNull();
  });

  it('orders a concatenation the same way on both engines', () => {
    expect(sqliteDialect.groupConcat('f', 'cf WHERE c = 1', 'position')).toBe(
      '(SELECT group_concat(f) FROM (SELECT f FROM cf WHERE c = 1 ORDER BY position))',
    );
    expect(postgresDialect.groupConcat('f', 'cf WHERE c = 1', 'position')).toBe(
      "(SELECT string_agg(CAST(f AS TEXT), ',' ORDER BY position) FROM cf WHERE c = 1)",
    );
  });
});

describe('the two migration folders', () => {
  it('hold the same versions under the same names, without gaps', () => {
    const sqlite = listMigrations(sqliteDialect.migrationsDir).map((m) => basename(m.file));
    const pg = listMigrations(postgresDialect.migrationsDir).map((m) => basename(m.file));
    expect(pg).toEqual(sqlite);
  });
});
