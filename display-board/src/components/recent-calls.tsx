import type { TicketCalledEvent } from '@protocol/dto';
import { t } from '../i18n';

/** The calls before the newest: number → counter. */
export function RecentCalls({ calls }: { calls: TicketCalledEvent[] }) {
  if (calls.length === 0) return null;
  return (
    <section class="recent" data-testid="recent">
      <h2 class="section-title">{t().recentCalls}</h2>
      <ol class="recent-list">
        {calls.map((c) => (
          <li key={`${c.ticketId}@${c.calledAt}`} class="recent-item">
            <span class="recent-number">{c.number}</span>
            <span class="recent-counter">
              → {t().counterShort} {c.counterNumber}
            </span>
          </li>
        ))}
      </ol>
    </section>
  );
}
