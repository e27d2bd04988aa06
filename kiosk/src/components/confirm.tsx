import type { Priority } from '@protocol/schemas';
import { issueTicket } from '../connection';
import { t } from '../i18n';
import { fieldById, go, issueError, issuing, newPressKey } from '../state';
import { fieldName } from './home';

/** The last check before the ticket: what was chosen, one big button. */
export function Confirm({
  fieldId,
  priority,
  pressKey,
}: {
  fieldId: number;
  priority: Priority | null;
  pressKey: string;
}) {
  const field = fieldById(fieldId).value;
  const busy = issuing.value;
  return (
    <section class="k-screen k-confirm">
      <h1 class="k-title">{t().confirmTitle}</h1>
      <dl class="k-summary">
        <dt>{t().confirmField}</dt>
        <dd data-testid="confirm-field">{field && fieldName(field)}</dd>
        <dt>{t().confirmPriority}</dt>
        <dd>{priority ? t().priorities[priority] : t().confirmNoPriority}</dd>
      </dl>
      {issueError.value && (
        <p class="k-error" role="alert">
          {issueError.value}
        </p>
      )}
      <button
        class="k-primary"
        data-action="issue"
        aria-busy={busy}
        onClick={() => void issueTicket(fieldId, priority, pressKey)}
      >
        {busy ? t().issuing : issueError.value ? t().retry : t().confirmButton}
      </button>
      <button class="k-back" onClick={() => go({ name: 'priority', fieldId, pressKey: newPressKey() })}>
        ← {t().back}
      </button>
    </section>
  );
}
