/**
 * The kiosk's JavaScript budget (issue #4: ≤ 30 kB gzipped). Reads the
 * built page (npm test builds before the tests run) and gzips (level 9)
 * every script the kiosk screen loads: the entry, its modulepreloads and
 * the chunks those import, plus the English catalogue it fetches on the
 * language switch. The phone-only ticket page chunk is reported apart (a
 * phone, not the kiosk, loads it). A size, not a timing; figures printed.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';

const WEB = join('dist', 'web');
const BUDGET_BYTES = 30_000;

/** Static imports of a built chunk (`import … from "./x.js"`, `import "./x.js"`). */
function staticImports(code: string): string[] {
  const out: string[] = [];
  for (const m of code.matchAll(/(?:^|[;}\s])import\s*(?:[^"'()]*?from\s*)?["'](\.\/[^"']+\.js)["']/g)) out.push(m[1]!);
  return out;
}

function dynamicImports(code: string): string[] {
  return [...code.matchAll(/import\(\s*["'`](\.\/[^"'`]+\.js)["'`]\s*\)/g)].map((m) => m[1]!);
}

describe('kiosk bundle size', () => {
  it('the kiosk screen, in Vietnamese and after the English switch, loads at most 30 kB of gzipped JavaScript', () => {
    const html = readFileSync(join(WEB, 'kiosk', 'index.html'), 'utf8');
    const entries = [...html.matchAll(/(?:src|href)="\/assets\/([^"]+\.js)"/g)].map((m) => m[1]!);
    expect(entries.length).toBeGreaterThan(0);

    const read = (file: string) => readFileSync(join(WEB, 'assets', file), 'utf8');
    /** A chunk and everything it imports statically. */
    const closure = (roots: string[], into = new Set<string>()) => {
      const visit = (file: string) => {
        if (into.has(file)) return;
        into.add(file);
        for (const dep of staticImports(read(file))) visit(dep.replace('./', ''));
      };
      roots.forEach(visit);
      return into;
    };
    const startup = closure(entries);
    const lazy = [...new Set([...startup].flatMap((f) => dynamicImports(read(f)).map((d) => d.replace('./', ''))))];
    const english = lazy.filter((f) => /^en-/.test(f));
    const phone = lazy.filter((f) => /^ticket-page-/.test(f));
    expect(english).toHaveLength(1);
    expect(phone).toHaveLength(1);

    const gz = (files: Iterable<string>) =>
      [...files].reduce((sum, f) => sum + gzipSync(readFileSync(join(WEB, 'assets', f)), { level: 9 }).length, 0);
    const extra = (roots: string[]) => [...closure(roots)].filter((f) => !startup.has(f));
    const kiosk = gz(startup);
    const withEnglish = kiosk + gz(extra(english));
    const withPhone = kiosk + gz(extra(phone));
    const kB = (n: number) => `${(n / 1000).toFixed(1)} kB`;
    console.log(
      `[size] kiosk page JS, gzipped: ${kB(kiosk)} at start (${[...startup].join(', ')}); ` +
        `${kB(withEnglish)} after the English switch; phone ticket page ${kB(withPhone)}`,
    );
    expect(kiosk).toBeLessThanOrEqual(BUDGET_BYTES);
    expect(withEnglish).toBeLessThanOrEqual(BUDGET_BYTES);
  });
});
