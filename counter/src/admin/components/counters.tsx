/** Counters: number, name, fields in calling order, the rating pad at it. */
import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import type { AdminCounterDto, CounterBody } from '@protocol/admin';
import type { BoardDto } from '@protocol/display';
import { t } from '../i18n';
import type { PrinterStatusDto } from '@protocol/dto';
import { adminApi, counters, devices, fields, reload } from '../state';
import { PrinterForm } from './devices';
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

function CounterForm(props: { counter: AdminCounterDto | null; onDone: () => void }) {
  const k = props.counter;
  const c = t().counters;
  const chosen = useSignal<number[]>(k?.fieldIds ?? []);
  const adding = useSignal<string>('');
  const byId = new Map(fields.value.map((f) => [f.id, f]));
  const pads = devices.value.filter((d) => d.kind === 'rating' && d.revokedAt === null);
  const nextNumber = Math.max(0, ...counters.value.map((x) => x.number)) + 1;
  const boards = useSignal<BoardDto[]>([]);
  const shownOn = useSignal<number[]>([]);
  useEffect(() => {
    void adminApi<BoardDto[]>('GET', '/api/admin/display/boards').then((list) => {
      boards.value = list;
      shownOn.value = list
        .filter((b) => b.settings.counterIds === null || (k !== null && b.settings.counterIds.includes(k.id)))
        .map((b) => b.id);
    });
  }, []);

  /** Which boards show this counter lives in each board's settings (the display area's storage). */
  const saveBoards = async (counterId: number) => {
    const allIds = [...new Set([...counters.value.map((x) => x.id), counterId])];
    for (const b of boards.value) {
      const ids = b.settings.counterIds;
      const shows = ids === null || ids.includes(counterId);
      const want = shownOn.value.includes(b.id);
      if (shows === want) continue;
      const next = want ? [...(ids ?? []), counterId] : (ids ?? allIds).filter((x) => x !== counterId);
      await adminApi('PUT', `/api/admin/display/boards/${b.id}`, { counterIds: next });
    }
  };

  const move = (i: number, by: number) => {
    const list = [...chosen.value];
    const [item] = list.splice(i, 1);
    list.splice(i + by, 0, item!);
    chosen.value = list;
  };

  const { error, busy, form, submit } = useSubmit(async (d) => {
    const pad = String(d.get('ratingDeviceId') ?? '');
    const body: CounterBody = {
      number: numberOrNull(d.get('number')) ?? 0,
      name: String(d.get('name') ?? ''),
      fieldIds: chosen.value,
      ratingDeviceId: pad ? Number(pad) : null,
    };
    const saved = k
      ? await adminApi<AdminCounterDto>('PUT', `/api/admin/counters/${k.id}`, body)
      : await adminApi<AdminCounterDto>('POST', '/api/admin/counters', body);
    await saveBoards(saved.id);
    await Promise.all([reload.counters(), reload.devices()]);
    props.onDone();
  });

  const available = fields.value.filter((f) => !chosen.value.includes(f.id));
  return (
    <FormPanel formRef={form} onSubmit={submit} title={k ? c.editing : c.add}>
      <div class="adm-grid">
        <Input
          label={c.number}
          name="number"
          type="number"
          min={1}
          defaultValue={String(k?.number ?? nextNumber)}
          error={error.value}
        />
        <Input label={c.name} name="name" defaultValue={k?.name ?? `Quầy ${nextNumber}`} error={error.value} />
        <Select label={c.ratingPad} name="ratingDeviceId" value={String(k?.ratingDeviceId ?? '')} error={error.value}>
          <option value="">{t().none}</option>
          {pads.map((p) => (
            <option key={p.id} value={String(p.id)}>
              {p.name}
            </option>
          ))}
        </Select>
      </div>
      <fieldset class="adm-fieldset" aria-invalid={error.value?.field === 'fieldIds' ? 'true' : undefined}>
        <legend>{c.fields}</legend>
        {fields.value.length === 0 && <p>{c.noFields}</p>}
        <ol class="adm-order">
          {chosen.value.map((id, i) => (
            <li key={id}>
              <span>
                {byId.get(id)?.code} – {byId.get(id)?.name}
              </span>
              <button
                type="button"
                onClick={() => move(i, -1)}
                disabled={i === 0}
                aria-label={`${c.up}: ${byId.get(id)?.name}`}
              >
                ↑
              </button>
              <button
                type="button"
                onClick={() => move(i, 1)}
                disabled={i === chosen.value.length - 1}
                aria-label={`${c.down}: ${byId.get(id)?.name}`}
              >
                ↓
              </button>
              <button
                type="button"
                onClick={() => (chosen.value = chosen.value.filter((x) => x !== id))}
                aria-label={`${c.remove}: ${byId.get(id)?.name}`}
              >
                ✕
              </button>
            </li>
          ))}
        </ol>
        {available.length > 0 && (
          <div class="adm-row">
            <Select
              label={c.addField}
              name="addField"
              value={adding.value}
              onChange={(e) => (adding.value = e.currentTarget.value)}
            >
              <option value="">{t().none}</option>
              {available.map((f) => (
                <option key={f.id} value={String(f.id)}>
                  {f.code} – {f.name}
                </option>
              ))}
            </Select>
            <button
              type="button"
              disabled={!adding.value}
              onClick={() => {
                chosen.value = [...chosen.value, Number(adding.value)];
                adding.value = '';
              }}
            >
              {c.addField}
            </button>
          </div>
        )}
      </fieldset>
      {boards.value.length > 0 && (
        <fieldset class="adm-fieldset">
          <legend>{c.boards}</legend>
          <div class="adm-row">
            {boards.value.map((b) => (
              <Check
                key={b.id}
                label={b.name}
                name={`board-${b.id}`}
                checked={shownOn.value.includes(b.id)}
                onChange={(v) =>
                  (shownOn.value = v ? [...shownOn.value, b.id] : shownOn.value.filter((x) => x !== b.id))
                }
              />
            ))}
          </div>
        </fieldset>
      )}
      <ErrorLine error={error.value} form={form.current} />
      <FormButtons busy={busy.value} onCancel={props.onDone} />
    </FormPanel>
  );
}

export function CountersSection() {
  const c = t().counters;
  const { editing, notice, edit, done } = useEditing<AdminCounterDto>();
  const byId = new Map(fields.value.map((f) => [f.id, f]));
  const pads = new Map(devices.value.map((d) => [d.id, d]));
  // the receipt printer of a counter (#14): same form as a kiosk's
  const printers = useSignal<PrinterStatusDto[]>([]);
  const printing = useSignal<AdminCounterDto | null>(null);
  const loadPrinters = async () => {
    printers.value = (await adminApi<{ printers: PrinterStatusDto[] }>('GET', '/api/printers')).printers;
  };
  useEffect(() => {
    void loadPrinters();
  }, []);
  const printerOf = (id: number) => printers.value.find((p) => p.kind === 'counter' && p.deviceId === id);
  return (
    <AdminSection heading={c.heading} add={c.add} onAdd={() => edit('new')}>
      {editing.value && <CounterForm counter={editing.value === 'new' ? null : editing.value} onDone={done} />}
      {printing.value && (
        <PrinterForm
          name={printing.value.name}
          path={`/api/counters/${printing.value.id}/printer`}
          live={printerOf(printing.value.id)}
          onDone={() => {
            printing.value = null;
            void loadPrinters();
          }}
        />
      )}
      <Notice text={notice.value} />
      <AdminTable
        heads={[c.number, c.name, c.fields, c.ratingPad, c.clerk, t().devices.printer, t().actions]}
        empty={counters.value.length === 0 ? c.empty : null}
      >
        {counters.value.map((k) => (
          <tr key={k.id}>
            <td>
              <strong>{k.number}</strong>
            </td>
            <td>{k.name}</td>
            <td>{k.fieldIds.map((id) => byId.get(id)?.code ?? id).join(' → ')}</td>
            <td>{k.ratingDeviceId === null ? '—' : (pads.get(k.ratingDeviceId)?.name ?? '')}</td>
            <td>{k.clerk ? `${k.clerk.fullName} (${c.status[k.status]})` : c.status[k.status]}</td>
            <td>
              {printerOf(k.id) ? (
                <>
                  <span class={`adm-badge adm-printer-${printerOf(k.id)!.state}`}>
                    {t().devices.printerStates[printerOf(k.id)!.state]}
                  </span>
                  <small class="adm-sub">{printerOf(k.id)!.address}</small>
                </>
              ) : (
                '—'
              )}
            </td>
            <td>
              <button type="button" onClick={() => edit(k)}>
                {t().edit}
              </button>
              <button type="button" onClick={() => (printing.value = k)} aria-label={t().devices.printerOf(k.name)}>
                {t().devices.printer}
              </button>
            </td>
          </tr>
        ))}
      </AdminTable>
    </AdminSection>
  );
}
