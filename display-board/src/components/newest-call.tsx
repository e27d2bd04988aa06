import { t } from '../i18n';
import { newestCall } from '../state';

/** The newest call, as large as the screen allows; blinks a few times when it arrives. */
export function NewestCall() {
  const call = newestCall.value;
  if (!call) {
    return (
      <section class="newest newest-empty" data-testid="newest">
        <div class="newest-label">{t().noCallYet}</div>
      </section>
    );
  }
  return (
    <section
      class="newest"
      data-testid="newest"
      data-number={call.number}
      data-counter={call.counterNumber}
      key={`${call.ticketId}@${call.calledAt}`}
    >
      <div class="newest-label">
        {t().nowCalling}
        {call.recall && <span class="newest-recall"> · {t().recall}</span>}
      </div>
      <div class="newest-number">{call.number}</div>
      <div class="newest-counter">
        <span class="newest-arrow" aria-hidden="true">
          →
        </span>{' '}
        {t().counter} <strong>{call.counterNumber}</strong>
      </div>
      <div class="newest-field">{call.fieldName}</div>
    </section>
  );
}
