import type { FieldWaiting } from '@protocol/dto';
import { t } from '../i18n';

/** How many wait in each field. */
export function WaitingBar({ waiting }: { waiting: FieldWaiting[] }) {
  if (waiting.length === 0) return null;
  return (
    <section class="waiting" data-testid="waiting">
      <span class="waiting-title">{t().waiting}:</span>
      {waiting.map((w) => (
        <span key={w.fieldId} class="waiting-item" data-field={w.code}>
          {w.name} <strong>{w.waiting}</strong>
        </span>
      ))}
    </section>
  );
}
