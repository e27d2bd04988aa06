/** Fields (lĩnh vực): numbering, daily cap, open/closed, average service time, service targets. */
import { useSignal } from '@preact/signals';
import type { AdminFieldDto, FieldBody } from '@protocol/admin';
import { t } from '../i18n';
import { adminApi, fields, reload } from '../state';
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

function FieldForm(props: { field: AdminFieldDto | null; onDone: () => void }) {
  const f = props.field;
  const c = t().fields;
  const numbering = useSignal<'prefix' | 'range'>(f?.numbering ?? 'prefix');
  const active = useSignal(f?.active ?? true);
  const { error, busy, form, submit } = useSubmit(async (d) => {
    const body: FieldBody = {
      code: String(d.get('code') ?? ''),
      name: String(d.get('name') ?? ''),
      nameEn: String(d.get('nameEn') ?? '').trim() || null,
      numbering: numbering.value,
      prefix: numbering.value === 'prefix' ? String(d.get('prefix') ?? '').toUpperCase() : '',
      rangeStart: numbering.value === 'range' ? numberOrNull(d.get('rangeStart')) : null,
      rangeEnd: numbering.value === 'range' ? numberOrNull(d.get('rangeEnd')) : null,
      dailyCap: numberOrNull(d.get('dailyCap')),
      avgServiceMinutes: numberOrNull(d.get('avgServiceMinutes')) ?? 0,
      active: active.value,
      targetWaitMinutes: numberOrNull(d.get('targetWaitMinutes')),
      targetServiceMinutes: numberOrNull(d.get('targetServiceMinutes')),
      maxQueueLength: numberOrNull(d.get('maxQueueLength')),
    };
    if (f) await adminApi('PUT', `/api/admin/fields/${f.id}`, body);
    else await adminApi('POST', '/api/admin/fields', body);
    await reload.fields();
    props.onDone();
  });

  return (
    <FormPanel formRef={form} onSubmit={submit} title={f ? c.editing : c.add}>
      <div class="adm-grid">
        <Input label={c.code} name="code" defaultValue={f?.code ?? ''} error={error.value} maxLength={20} autoFocus />
        <Input label={c.name} name="name" defaultValue={f?.name ?? ''} error={error.value} class="adm-wide" />
        <Input label={c.nameEn} name="nameEn" defaultValue={f?.nameEn ?? ''} error={error.value} />
        <Select
          label={c.numbering}
          name="numbering"
          value={numbering.value}
          onChange={(e) => (numbering.value = e.currentTarget.value as 'prefix' | 'range')}
        >
          <option value="prefix">{c.numberings.prefix}</option>
          <option value="range">{c.numberings.range}</option>
        </Select>
        {numbering.value === 'prefix' ? (
          <Input label={c.prefix} name="prefix" defaultValue={f?.prefix ?? ''} error={error.value} maxLength={2} />
        ) : (
          <>
            <Input
              label={c.rangeStart}
              name="rangeStart"
              type="number"
              defaultValue={String(f?.rangeStart ?? '')}
              error={error.value}
            />
            <Input
              label={c.rangeEnd}
              name="rangeEnd"
              type="number"
              defaultValue={String(f?.rangeEnd ?? '')}
              error={error.value}
            />
          </>
        )}
        <Input
          label={c.dailyCap}
          name="dailyCap"
          type="number"
          min={1}
          defaultValue={String(f?.dailyCap ?? '')}
          error={error.value}
        />
        <Input
          label={c.avgServiceMinutes}
          name="avgServiceMinutes"
          type="number"
          min={1}
          step="any"
          defaultValue={String(f?.avgServiceMinutes ?? 10)}
          error={error.value}
        />
        <Input
          label={c.targetWaitMinutes}
          name="targetWaitMinutes"
          type="number"
          min={1}
          defaultValue={String(f?.targetWaitMinutes ?? '')}
          error={error.value}
        />
        <Input
          label={c.targetServiceMinutes}
          name="targetServiceMinutes"
          type="number"
          min={1}
          defaultValue={String(f?.targetServiceMinutes ?? '')}
          error={error.value}
        />
        <Input
          label={c.maxQueueLength}
          name="maxQueueLength"
          type="number"
          min={1}
          defaultValue={String(f?.maxQueueLength ?? '')}
          error={error.value}
        />
      </div>
      <Check label={c.active} name="active" checked={active.value} onChange={(v) => (active.value = v)} />
      <ErrorLine error={error.value} form={form.current} />
      <FormButtons busy={busy.value} onCancel={props.onDone} />
    </FormPanel>
  );
}

export function example(f: Pick<AdminFieldDto, 'numbering' | 'prefix' | 'rangeStart'>): string {
  return f.numbering === 'range' ? String(f.rangeStart ?? 1) : `${f.prefix}001`;
}

export function FieldsSection() {
  const c = t().fields;
  const { editing, notice, edit, done } = useEditing<AdminFieldDto>();
  return (
    <AdminSection heading={c.heading} add={c.add} onAdd={() => edit('new')}>
      {editing.value && <FieldForm field={editing.value === 'new' ? null : editing.value} onDone={done} />}
      <Notice text={notice.value} />
      <AdminTable
        heads={[c.code, c.name, c.example, c.dailyCap.split(' (')[0], c.avgServiceMinutes, c.procedures, t().actions]}
        empty={fields.value.length === 0 ? c.empty : null}
      >
        {fields.value.map((f) => (
          <tr key={f.id} class={f.active ? '' : 'adm-muted'}>
            <td>
              <strong>{f.code}</strong>
            </td>
            <td>
              {f.name}
              {!f.active && <span class="adm-badge adm-badge-warn">{c.closed}</span>}
            </td>
            <td class="adm-mono">{example(f)}</td>
            <td>{f.dailyCap ?? c.noCap}</td>
            <td>{f.avgServiceMinutes}</td>
            <td>{f.procedures}</td>
            <td>
              <button type="button" onClick={() => edit(f)} aria-label={`${t().edit} ${f.name}`}>
                {t().edit}
              </button>
            </td>
          </tr>
        ))}
      </AdminTable>
    </AdminSection>
  );
}
