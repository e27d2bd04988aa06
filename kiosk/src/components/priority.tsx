import type { Priority } from '@protocol/schemas';
import { issueTicket } from '../connection';
import { t } from '../i18n';
import { fieldById, go, goHome, issueError, issuing, newPressKey } from '../state';
import { fieldName } from './home';

/** The groups DOMAIN.md §4 names, in the order people look for them (no zod in the page: a local list). */
const PRIORITY_ORDER: Priority[] = ['elderly', 'disabled', 'pregnant', 'merit', 'child'];

/**
 * "Do you have priority?": a plain no first, which gives the ticket at once
 * (two taps in all, API-CONTRACT v2), then the five groups the law names,
 * which go through a confirm step (staff check the claim at the counter).
 */
export function PriorityChoice({ fieldId, pressKey }: { fieldId: number; pressKey: string }) {
  const field = fieldById(fieldId).value;
  const busy = issuing.value;
  const pick = (priority: Priority) => go({ name: 'confirm', fieldId, priority, pressKey: newPressKey() });
  return (
    <section class="k-screen">
      <p class="k-step">{field && fieldName(field)}</p>
      <h1 class="k-title">{t().priorityTitle}</h1>
      {issueError.value && (
        <p class="k-error" role="alert">
          {issueError.value}
        </p>
      )}
      <button
        class="k-choice k-choice-main"
        data-priority="none"
        aria-busy={busy}
        onClick={() => void issueTicket(fieldId, null, pressKey)}
      >
        {busy ? t().issuing : t().priorityNone}
      </button>
      <div class="k-choices">
        {PRIORITY_ORDER.map((p) => (
          <button key={p} class="k-choice" data-priority={p} onClick={() => pick(p)}>
            {t().priorities[p]}
          </button>
        ))}
      </div>
      <p class="k-note">{t().priorityNote}</p>
      <button class="k-back" onClick={goHome}>
        ← {t().back}
      </button>
    </section>
  );
}
