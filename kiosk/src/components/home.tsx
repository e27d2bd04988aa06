import type { FieldDto } from '@protocol/dto';
import { lang } from '@ui/i18n';
import { issueTicket } from '../connection';
import { t } from '../i18n';
import { config, fields, go, issueError, issuing, newPressKey } from '../state';

export const fieldName = (f: Pick<FieldDto, 'name' | 'nameEn'>) =>
  lang.value === 'en' && f.nameEn ? f.nameEn : f.name;

function FieldButton({ field }: { field: FieldDto }) {
  const closed = !field.active;
  const unavailable = closed || field.full;
  return (
    <button
      class={`k-field${unavailable ? ' is-unavailable' : ''}`}
      disabled={unavailable}
      data-field={field.code}
      onClick={() =>
        // The office may switch the priority step off: then one tap gives a normal ticket.
        config.value?.priorityStep === false
          ? void issueTicket(field.id, null, newPressKey())
          : go({ name: 'priority', fieldId: field.id, pressKey: newPressKey() })
      }
    >
      <span class="k-field-name">{fieldName(field)}</span>
      <span class="k-field-meta">
        {closed ? t().fieldClosed : field.full ? t().fieldFull : t().waiting(field.waiting)}
      </span>
    </button>
  );
}

/** The start screen: one big button per field, then the catalog and the dossier lookup. */
export function Home() {
  return (
    <section class="k-screen k-home">
      <h1 class="k-title">{issuing.value ? t().issuing : t().chooseField}</h1>
      {issueError.value && (
        <p class="k-error" role="alert">
          {issueError.value}
        </p>
      )}
      <div class="k-fields">
        {fields.value.map((f) => (
          <FieldButton key={f.id} field={f} />
        ))}
      </div>
      <div class="k-extras">
        <button class="k-secondary" data-action="catalog" onClick={() => go({ name: 'catalog' })}>
          {t().catalogButton}
        </button>
        <button class="k-secondary" data-action="lookup" onClick={() => go({ name: 'lookup' })}>
          {t().lookupButton}
        </button>
      </div>
    </section>
  );
}
