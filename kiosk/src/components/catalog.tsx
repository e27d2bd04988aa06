import { signal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { loadProcedures } from '../connection';
import { t } from '../i18n';
import { fields, goHome, procedures } from '../state';
import { fieldName } from './home';

/** The field whose procedures are shown (null: all). */
const selected = signal<number | null>(null);

/** The public list of procedures (niêm yết công khai): time limit and fees, by field. */
export function Catalog() {
  useEffect(() => {
    selected.value = null;
    void loadProcedures();
  }, []);
  const shown = procedures.value.filter((p) => selected.value === null || p.fieldId === selected.value);
  return (
    <section class="k-screen k-catalog">
      <h1 class="k-title">{t().catalogTitle}</h1>
      <p class="k-note">{t().catalogNote}</p>
      <div class="k-tabs" role="tablist">
        <button role="tab" aria-selected={selected.value === null} onClick={() => (selected.value = null)}>
          {t().allFields}
        </button>
        {fields.value.map((f) => (
          <button
            key={f.id}
            role="tab"
            data-field={f.code}
            aria-selected={selected.value === f.id}
            onClick={() => (selected.value = f.id)}
          >
            {fieldName(f)}
          </button>
        ))}
      </div>
      <ul class="k-procedures" data-testid="procedures">
        {shown.map((p) => (
          <li key={p.id} class="k-procedure">
            <div class="k-procedure-name">{p.name}</div>
            <div class="k-procedure-meta">
              <span>{t().processing(p.processingDays, p.processingUnit)}</span>
              <span>
                {t().fees}: {p.fees}
              </span>
              <span class="k-muted">
                {t().procedureCode}: {p.code}
              </span>
            </div>
          </li>
        ))}
      </ul>
      <button class="k-back" onClick={goHome}>
        ← {t().home}
      </button>
    </section>
  );
}
