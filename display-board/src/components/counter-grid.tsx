import type { BoardCounter } from '@protocol/dto';
import { t } from '../i18n';
import { newestCall } from '../state';

function columns(n: number, portrait: boolean): number {
  if (portrait) return n <= 4 ? 2 : n <= 9 ? 3 : 4;
  return n <= 4 ? 2 : n <= 9 ? 3 : 4;
}

/** Every counter the board shows with the number it serves now. */
export function CounterGrid({ counters, portrait }: { counters: BoardCounter[]; portrait: boolean }) {
  const cols = columns(counters.length, portrait);
  const rows = Math.max(1, Math.ceil(counters.length / cols));
  const newest = newestCall.value;
  return (
    <section class="counters" style={{ '--cols': cols, '--rows': rows }} data-testid="counters">
      {counters.map((c) => {
        const idle = c.currentNumber === null;
        const isNewest = newest !== null && newest.counterNumber === c.number && newest.number === c.currentNumber;
        return (
          <article
            key={c.id}
            class={`counter counter-${c.status}${isNewest ? ' counter-newest' : ''}`}
            data-testid={`counter-${c.number}`}
            data-current={c.currentNumber ?? ''}
          >
            <div class="counter-head">
              {t().counterShort} <strong>{c.number}</strong>
            </div>
            <div class={`counter-number${idle ? ' counter-idle' : ''}`}>
              {idle ? (c.status === 'open' ? '—' : t().status[c.status]) : c.currentNumber}
            </div>
            {/* the field it serves now; a closed counter named just "Quầy 4" needs no second line */}
            <div class="counter-field">{c.fieldName ?? (/^\D*\d+$/.test(c.name) ? '' : c.name)}</div>
          </article>
        );
      })}
    </section>
  );
}
