/** Procedures (thủ tục hành chính): by hand, or the catalog sheet imported whole. */
import { useSignal } from '@preact/signals';
import type { AdminProcedureDto, Channel, ImportResultDto, ProcedureBody } from '@protocol/admin';
import { t } from '../i18n';
import { adminApi, fields, procedures, reload, upload } from '../state';
import {
  AdminSection,
  AdminTable,
  Check,
  ErrorLine,
  FormButtons,
  FormPanel,
  Input,
  Notice,
  Select,
  numberOrNull,
  useEditing,
  useSubmit,
} from './form';
import { ApiFailure } from '@ui/api';

const CHANNELS: Channel[] = ['direct', 'online', 'postal'];

function ProcedureForm(props: { procedure: AdminProcedureDto | null; onDone: () => void }) {
  const p = props.procedure;
  const c = t().procedures;
  const channels = useSignal<Channel[]>(p?.channels ?? [...CHANNELS]);
  const active = useSignal(p?.active ?? true);
  const { error, busy, form, submit } = useSubmit(async (d) => {
    const body: ProcedureBody = {
      code: String(d.get('code') ?? ''),
      name: String(d.get('name') ?? ''),
      fieldId: Number(d.get('fieldId') ?? 0),
      processingDays: numberOrNull(d.get('processingDays')) ?? 0,
      processingUnit: String(d.get('processingUnit')) === 'hours' ? 'hours' : 'days',
      fees: String(d.get('fees') ?? ''),
      documents: String(d.get('documents') ?? '')
        .split('\n')
        .map((s) => s.trim())
        .filter(Boolean),
      channels: CHANNELS.filter((ch) => channels.value.includes(ch)),
      active: active.value,
    };
    if (p) await adminApi('PUT', `/api/admin/procedures/${p.id}`, body);
    else await adminApi('POST', '/api/admin/procedures', body);
    await Promise.all([reload.procedures(), reload.fields()]);
    props.onDone();
  });

  return (
    <FormPanel formRef={form} onSubmit={submit} title={p ? c.editing : c.add}>
      <div class="adm-grid">
        <Input
          label={c.code}
          name="code"
          defaultValue={p?.code ?? ''}
          error={error.value}
          placeholder="1.001193"
          autoFocus
        />
        <Input label={c.name} name="name" defaultValue={p?.name ?? ''} error={error.value} class="adm-wide" />
        <Select label={c.field} name="fieldId" value={String(p?.fieldId ?? '')} error={error.value}>
          <option value="">{c.chooseField}</option>
          {fields.value.map((f) => (
            <option key={f.id} value={String(f.id)}>
              {f.code} – {f.name}
            </option>
          ))}
        </Select>
        <div class="adm-inline">
          <Input
            label={c.processing}
            name="processingDays"
            type="number"
            min={0}
            step="any"
            defaultValue={String(p?.processingDays ?? 0)}
            error={error.value}
          />
          <Select label={'\u00a0'} name="processingUnit" value={p?.processingUnit ?? 'days'} aria-label={c.processing}>
            <option value="days">{c.units.days}</option>
            <option value="hours">{c.units.hours}</option>
          </Select>
        </div>
        <Input label={c.fees} name="fees" defaultValue={p?.fees ?? ''} error={error.value} class="adm-wide" />
      </div>
      <label class="adm-input">
        <span>{c.documents}</span>
        <textarea name="documents" rows={4} defaultValue={(p?.documents ?? []).join('\n')} />
      </label>
      <fieldset class="adm-fieldset" aria-invalid={error.value?.field === 'channels' ? 'true' : undefined}>
        <legend>{c.channels}</legend>
        <div class="adm-row">
          {CHANNELS.map((ch) => (
            <Check
              key={ch}
              label={c.channelNames[ch]}
              name={`channel-${ch}`}
              checked={channels.value.includes(ch)}
              onChange={(v) => (channels.value = v ? [...channels.value, ch] : channels.value.filter((x) => x !== ch))}
            />
          ))}
        </div>
      </fieldset>
      <Check label={c.active} name="active" checked={active.value} onChange={(v) => (active.value = v)} />
      <ErrorLine error={error.value} form={form.current} />
      <FormButtons busy={busy.value} onCancel={props.onDone} />
    </FormPanel>
  );
}

function ImportBox() {
  const c = t().procedures;
  const busy = useSignal(false);
  const result = useSignal<ImportResultDto | null>(null);
  const rejected = useSignal<Array<{ line: number; message: string }>>([]);
  const error = useSignal<string | null>(null);

  const onFile = async (e: Event) => {
    const input = e.currentTarget as HTMLInputElement;
    const file = input.files?.[0];
    if (!file) return;
    busy.value = true;
    result.value = null;
    rejected.value = [];
    error.value = null;
    try {
      const done = await upload<ImportResultDto>('/api/admin/procedures/import', file);
      await Promise.all([reload.procedures(), reload.fields()]);
      result.value = done;
    } catch (err) {
      const details = err instanceof ApiFailure ? err.error.details?.rejected : undefined;
      if (Array.isArray(details)) rejected.value = details as typeof rejected.value;
      error.value = err instanceof ApiFailure ? err.message : String(err);
    } finally {
      busy.value = false;
      input.value = '';
    }
  };

  return (
    <div class="adm-panel adm-import" role="region" aria-label={c.import}>
      <h3>{c.import}</h3>
      <p class="adm-help">{c.importHelp}</p>
      <label class="adm-file">
        <span class="adm-button-like">{busy.value ? c.importing : c.chooseFile}</span>
        <input type="file" name="catalog" accept=".csv,.xlsx,text/csv" onChange={onFile} disabled={busy.value} />
      </label>
      {result.value && <Notice text={c.imported(result.value.imported, result.value.created, result.value.updated)} />}
      {error.value && (
        <div class="adm-error" role="alert">
          <p>{rejected.value.length > 0 ? c.rejected : error.value}</p>
          {rejected.value.length > 0 && (
            <ul class="adm-rejected">
              {rejected.value.map((r) => (
                <li key={r.line}>
                  <strong>
                    {c.line} {r.line}:
                  </strong>{' '}
                  {r.message}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </div>
  );
}

export function ProceduresSection() {
  const c = t().procedures;
  const { editing, notice, edit, done } = useEditing<AdminProcedureDto>();
  const filter = useSignal<number | null>(null);
  const fieldCode = new Map(fields.value.map((f) => [f.id, f.code]));
  const shown = procedures.value.filter((p) => filter.value === null || p.fieldId === filter.value);
  const duration = (p: AdminProcedureDto) =>
    p.processingDays === 0 && p.processingUnit === 'days'
      ? c.sameDay
      : `${p.processingDays} ${c.units[p.processingUnit]}`;
  return (
    <AdminSection heading={c.heading} add={c.add} onAdd={() => edit('new')}>
      {editing.value && <ProcedureForm procedure={editing.value === 'new' ? null : editing.value} onDone={done} />}
      <Notice text={notice.value} />
      <ImportBox />
      <div class="adm-row">
        <Select
          label={c.filter}
          name="filter"
          value={filter.value === null ? '' : String(filter.value)}
          onChange={(e) => (filter.value = e.currentTarget.value ? Number(e.currentTarget.value) : null)}
        >
          <option value="">{c.all}</option>
          {fields.value.map((f) => (
            <option key={f.id} value={String(f.id)}>
              {f.code} – {f.name}
            </option>
          ))}
        </Select>
      </div>
      <AdminTable
        heads={[c.code, c.name, c.field, c.processing, c.fees, t().actions]}
        empty={shown.length === 0 ? c.empty : null}
      >
        {shown.map((p) => (
          <tr key={p.id} class={p.active ? '' : 'adm-muted'}>
            <td class="adm-mono">{p.code}</td>
            <td>
              {p.name}
              {!p.active && <span class="adm-badge adm-badge-warn">{c.withdrawn}</span>}
            </td>
            <td>{fieldCode.get(p.fieldId) ?? ''}</td>
            <td>{duration(p)}</td>
            <td>{p.fees}</td>
            <td>
              <button type="button" onClick={() => edit(p)}>
                {t().edit}
              </button>
            </td>
          </tr>
        ))}
      </AdminTable>
    </AdminSection>
  );
}
