import type { Priority } from '@protocol/schemas';
import { t } from '../i18n';
import { fieldById, go, goHome, newPressKey } from '../state';
import { fieldName } from './home';

/** The groups DOMAIN.md §4 names, in the order people look for them (no zod in the page: a local list). */
const PRIORITY_ORDER: Priority[] = ['elderly', 'disabled', 'pregnant', 'merit', 'child'];

/** "Do you have priority?": a plain no first, then the five groups the law names. */
export function PriorityChoice({ fieldId }: { fieldId: number }) {
  const field = fieldById(fieldId).value;
  const pick = (priority: Priority | null) => go({ name: 'confirm', fieldId, priority, pressKey: newPressKey() });
  return (
    <section class="k-screen">
      <p class="k-step">{field && fieldName(field)}</p>
      <h1 class="k-title">{t().priorityTitle}</h1>
      <button class="k-choice k-choice-main" data-priority="none" onClick={() => pick(null)}>
        {t().priorityNone}
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
