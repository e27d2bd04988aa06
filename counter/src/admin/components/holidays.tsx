/**
 * The office calendar of a year: the computed public holidays (with nghỉ
 * bù), the government's official schedule (shipped, or imported as a
 * file), and the office's own edits — each day showing which it comes from.
 */
import { useSignal } from '@preact/signals';
import { useEffect, useRef } from 'preact/hooks';
import type { CalendarYearDto } from '@protocol/admin';
import { t } from '../i18n';
import { adminApi, office } from '../state';
import { DateInput } from '@ui/components/date-input';
import { parseTypedDate } from '@ui/dates';
import { ErrorLine, Input, Select, toFormError, type FormError } from './form';

type Edit = CalendarYearDto['edits'][number];

function weekday(date: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay();
}

const dmy = (date: string) => date.split('-').reverse().join('/');

export function HolidaysSection() {
  const c = t().holidays;
  const year = useSignal(Number((office.value?.today ?? '').slice(0, 4)) || new Date().getFullYear());
  const data = useSignal<CalendarYearDto | null>(null);
  const error = useSignal<FormError | null>(null);
  const notice = useSignal<string | null>(null);
  /** bumped after an edit is added, so the date field starts empty again */
  const added = useSignal(0);
  const importError = useSignal<string | null>(null);
  const kind = useSignal<Edit['kind']>('off');
  const form = useRef<HTMLFormElement>(null);

  const load = async () => {
    data.value = await adminApi<CalendarYearDto>('GET', `/api/admin/calendar/${year.value}`);
  };
  useEffect(() => {
    void load();
  }, [year.value]);

  const save = async (edits: Edit[]) => {
    error.value = null;
    try {
      data.value = await adminApi<CalendarYearDto>('PUT', `/api/admin/calendar/${year.value}`, { edits });
      return true;
    } catch (err) {
      error.value = toFormError(err);
      return false;
    }
  };

  const add = async (e: Event) => {
    e.preventDefault();
    const d = new FormData(form.current!);
    const name = String(d.get('name') ?? '').trim();
    const typed = String(d.get('date') ?? '');
    const edit: Edit = { date: parseTypedDate(typed) ?? typed, kind: kind.value, ...(name ? { name } : {}) };
    const others = (data.value?.edits ?? []).filter((x) => x.date !== edit.date);
    if (await save([...others, edit].sort((a, b) => a.date.localeCompare(b.date)))) {
      form.current!.reset();
      added.value += 1;
    }
  };

  const importFile = async (e: Event) => {
    const input = e.currentTarget as HTMLInputElement;
    const file = input.files?.[0];
    notice.value = null;
    importError.value = null;
    if (!file) return;
    let body: unknown;
    try {
      body = JSON.parse(await file.text());
    } catch {
      importError.value = c.badJson;
      input.value = '';
      return;
    }
    try {
      data.value = await adminApi<CalendarYearDto>('PUT', `/api/admin/calendar/${year.value}/official`, body);
      notice.value = c.importDone;
    } catch (err) {
      importError.value = toFormError(err).message;
    }
    input.value = '';
  };

  const removeImport = async () => {
    notice.value = null;
    importError.value = null;
    data.value = await adminApi<CalendarYearDto>('DELETE', `/api/admin/calendar/${year.value}/official`);
  };

  const d = data.value;
  const editedDates = new Set(d?.edits.map((x) => x.date) ?? []);
  return (
    <section class="adm-section">
      <div class="adm-head">
        <h2>{c.heading}</h2>
        <div class="adm-buttons" role="group" aria-label={c.year}>
          <button type="button" onClick={() => (year.value -= 1)} aria-label={c.prev}>
            ‹ {year.value - 1}
          </button>
          <strong class="adm-year" aria-live="polite">
            {year.value}
          </strong>
          <button type="button" onClick={() => (year.value += 1)} aria-label={c.next}>
            {year.value + 1} ›
          </button>
        </div>
      </div>
      <p class="adm-help">{c.intro}</p>
      <div class="adm-official">
        <h3>{c.official}</h3>
        <div class="adm-panel" data-testid="official-schedule">
          {d && !d.official && <p class="adm-empty">{c.officialNone}</p>}
          {d?.official && (
            <p>
              <strong>
                {d.official.origin === 'imported'
                  ? c.officialImported(dmy(d.official.version))
                  : c.officialShipped(dmy(d.official.version))}
              </strong>
              <small class="adm-sub">{d.official.source}</small>
            </p>
          )}
          <label class="adm-input">
            <span>{c.importFile}</span>
            <input type="file" accept=".json,application/json" name="official" onChange={importFile} />
          </label>
          {notice.value && (
            <p class="adm-notice" role="status">
              {notice.value}
            </p>
          )}
          {importError.value && (
            <p class="adm-error" role="alert">
              {importError.value}
            </p>
          )}
          {d?.official?.origin === 'imported' && (
            <div class="adm-buttons">
              <button type="button" class="adm-danger" onClick={() => void removeImport()}>
                {c.removeImport}
              </button>
            </div>
          )}
        </div>
      </div>
      <div class="adm-two">
        <div>
          <h3>{c.daysOff(year.value)}</h3>
          <table class="adm-table">
            <thead>
              <tr>
                <th>{c.date}</th>
                <th>{c.name}</th>
                <th>{c.kind}</th>
                <th>{c.source}</th>
                <th>{t().actions}</th>
              </tr>
            </thead>
            <tbody>
              {d?.days.map((day) => (
                <tr key={day.date} class={day.kind === 'workday' ? 'adm-workday' : ''}>
                  <td class="adm-nowrap">
                    <span class="adm-weekday">{c.weekdays[weekday(day.date)]}</span> {dmy(day.date)}
                  </td>
                  <td>
                    {day.name}
                    {editedDates.has(day.date) && <small class="adm-sub">{c.edited}</small>}
                  </td>
                  <td class="adm-nowrap">{c.kinds[day.kind]}</td>
                  <td class="adm-nowrap" data-testid="day-source">
                    {day.source ? c.sources[day.source] : ''}
                  </td>
                  <td>
                    {!editedDates.has(day.date) && day.kind !== 'workday' && (
                      <button
                        type="button"
                        onClick={() => void save([...(d.edits ?? []), { date: day.date, kind: 'remove' }])}
                        aria-label={`${c.dropLong}: ${dmy(day.date)}`}
                      >
                        {c.drop}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <div>
          <h3>{c.edits}</h3>
          {d && d.edits.length === 0 && <p class="adm-empty">{c.noEdits}</p>}
          <ul class="adm-edits">
            {d?.edits.map((x) => (
              <li key={x.date}>
                <span>
                  <strong>{dmy(x.date)}</strong> — {c.editKinds[x.kind]}
                  {x.name && <small class="adm-sub">{x.name}</small>}
                </span>
                <button
                  type="button"
                  class="adm-danger"
                  onClick={() => void save(d.edits.filter((y) => y.date !== x.date))}
                  aria-label={`${c.removeEdit}: ${dmy(x.date)}`}
                >
                  ✕
                </button>
              </li>
            ))}
          </ul>
          <form ref={form} class="adm-form adm-panel" onSubmit={add} aria-label={c.addEdit}>
            <label class="adm-input">
              <span>{c.date}</span>
              <DateInput
                key={added.value}
                name="date"
                aria-label={c.date}
                {...(error.value?.field?.startsWith('edits') ? { 'aria-invalid': 'true' as const } : {})}
              />
            </label>
            <Select
              label={c.kind}
              name="kind"
              value={kind.value}
              onChange={(e) => (kind.value = e.currentTarget.value as Edit['kind'])}
            >
              {(['off', 'workday', 'remove'] as const).map((k) => (
                <option key={k} value={k}>
                  {c.editKinds[k]}
                </option>
              ))}
            </Select>
            <Input label={c.editName} name="name" maxLength={120} error={error.value} />
            <ErrorLine error={error.value} form={form.current} />
            <div class="adm-buttons">
              <button type="submit" class="adm-primary">
                {c.addEdit}
              </button>
            </div>
          </form>
        </div>
      </div>
    </section>
  );
}
