import { useSignal } from '@preact/signals';
import { busy, counters, current, dialog, fields, myCounter, pause, transfer } from '../state';
import type { ClerkCatalogue } from '../vi';
import { Modal } from './modal';

export function PauseDialog(props: { t: ClerkCatalogue }) {
  const { t } = props;
  const reason = useSignal('');
  const submit = async (e: Event) => {
    e.preventDefault();
    if (!reason.value.trim()) return;
    await pause(reason.value.trim());
    dialog.value = 'none';
  };
  return (
    <Modal title={t.pause.heading} closeLabel={t.close} testId="pause-dialog">
      <form onSubmit={submit} class="form">
        <div class="chips">
          {t.pause.presets.map((p) => (
            <button
              key={p}
              type="button"
              class={`chip${reason.value === p ? ' on' : ''}`}
              onClick={() => (reason.value = p)}
            >
              {p}
            </button>
          ))}
        </div>
        <label>
          {t.pause.reasonLabel}
          <input
            name="reason"
            value={reason.value}
            onInput={(e) => (reason.value = e.currentTarget.value)}
            maxLength={200}
          />
        </label>
        <div class="form-actions">
          <button type="button" class="ghost" onClick={() => (dialog.value = 'none')}>
            {t.cancel}
          </button>
          <button type="submit" class="primary" disabled={busy.value || !reason.value.trim()}>
            {t.pause.confirm}
          </button>
        </div>
      </form>
    </Modal>
  );
}

export function TransferDialog(props: { t: ClerkCatalogue }) {
  const { t } = props;
  const fieldId = useSignal('');
  const counterId = useSignal('');
  const ticket = current.value;
  if (!ticket) return null;
  const submit = async (e: Event) => {
    e.preventDefault();
    const to: { fieldId?: number; counterId?: number } = {};
    if (fieldId.value) to.fieldId = Number(fieldId.value);
    if (counterId.value) to.counterId = Number(counterId.value);
    if (!to.fieldId && !to.counterId) return;
    await transfer(ticket.id, to);
    dialog.value = 'none';
  };
  return (
    <Modal title={t.transfer.heading(ticket.number)} closeLabel={t.close} testId="transfer-dialog">
      <form onSubmit={submit} class="form">
        <p class="muted">{t.transfer.intro}</p>
        <label>
          {t.transfer.toField}
          <select name="fieldId" value={fieldId.value} onChange={(e) => (fieldId.value = e.currentTarget.value)}>
            <option value="">{t.transfer.none}</option>
            {fields.value
              .filter((f) => f.active && f.id !== ticket.fieldId)
              .map((f) => (
                <option key={f.id} value={String(f.id)}>
                  {f.name}
                </option>
              ))}
          </select>
        </label>
        <label>
          {t.transfer.toCounter}
          <select name="counterId" value={counterId.value} onChange={(e) => (counterId.value = e.currentTarget.value)}>
            <option value="">{t.transfer.none}</option>
            {counters.value
              .filter((c) => c.id !== myCounter.value?.id)
              .map((c) => (
                <option key={c.id} value={String(c.id)}>
                  {t.transfer.counterLabel(c.number, c.clerk?.fullName ?? t.status[c.status] ?? '')}
                </option>
              ))}
          </select>
        </label>
        <div class="form-actions">
          <button type="button" class="ghost" onClick={() => (dialog.value = 'none')}>
            {t.cancel}
          </button>
          <button type="submit" class="primary" disabled={busy.value || (!fieldId.value && !counterId.value)}>
            {t.transfer.confirm}
          </button>
        </div>
      </form>
    </Modal>
  );
}
