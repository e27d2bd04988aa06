import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import type { ProcedureDto } from '@protocol/dto';
import type { DossierDto } from '@protocol/dossiers';
import { api, ApiFailure } from '@ui/api';
import { staffToken } from '@ui/staff-session';
import { lang } from '@ui/i18n';
import { officePath } from '@ui/office';
import {
  counterState,
  current,
  dateTimeText,
  dialog,
  dossierCall,
  dueDatePreview,
  procedures,
  serverNow,
  visitDossiers,
} from '../state';
import type { ClerkCatalogue } from '../vi';
import { Modal } from './modal';

/** Same check as the server (domain/dossier.ts idNumberProblem), for an answer while typing. */
export function idNumberOk(v: string): boolean {
  if (!/^\d{12}$/.test(v)) return false;
  const p = Number(v.slice(0, 3));
  return p >= 1 && p <= 96;
}

/** Vietnamese search without diacritics: "dang ky khai sinh" finds "Đăng ký khai sinh". */
function fold(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase();
}

function rankProcedures(query: string, own: number[]): ProcedureDto[] {
  const q = fold(query.trim());
  const all = procedures.value.filter((p) => !q || fold(p.name).includes(q) || p.code.includes(q));
  return all.sort((a, b) => Number(own.includes(b.fieldId)) - Number(own.includes(a.fieldId))).slice(0, 8);
}

interface DocRow {
  name: string;
  copy: 'original' | 'copy' | 'certified';
  count: string;
  digitisation: 'none' | 'scanned' | 'reused';
  pages: string;
}

export function ReceiveDialog(props: { t: ClerkCatalogue }) {
  const { t } = props;
  const ticket = current.value;
  const own = counterState.value?.counter.fieldIds ?? [];
  const query = useSignal('');
  const chosen = useSignal<ProcedureDto | null>(null);
  const fullName = useSignal('');
  const idNumber = useSignal('');
  const phone = useSignal('');
  const address = useSignal('');
  const channel = useSignal<'direct' | 'postal'>('direct');
  const returnChannel = useSignal<'counter' | 'postal'>('counter');
  const documentCount = useSignal('1');
  /** the documents listed one by one, each with its digitisation (Decree 118 Art. 17) */
  const docs = useSignal<DocRow[]>([]);
  const setDoc = (i: number, patch: Partial<DocRow>) =>
    (docs.value = docs.value.map((d, j) => (j === i ? { ...d, ...patch } : d)));
  const sets = useSignal('1');
  const preview = useSignal<string | null>(null);
  const error = useSignal<string | null>(null);
  const done = useSignal<DossierDto | null>(null);
  const sending = useSignal(false);
  const printed = useSignal<string | null>(null);

  useEffect(() => {
    const p = chosen.value;
    preview.value = null;
    if (!p || p.processingUnit !== 'days') return;
    dueDatePreview(new Date(serverNow()).toISOString(), p.processingDays)
      .then((r) => (preview.value = r.dueAt))
      .catch(() => undefined);
  }, [chosen.value]);

  const idBad = idNumber.value.trim() !== '' && !idNumberOk(idNumber.value.trim());

  const submit = async (e: Event) => {
    e.preventDefault();
    error.value = null;
    if (!chosen.value || !fullName.value.trim()) {
      error.value = t.receive.required;
      return;
    }
    if (idBad) {
      error.value = t.receive.idInvalid;
      return;
    }
    sending.value = true;
    try {
      const d = await dossierCall('POST', '/api/dossiers', {
        procedureCode: chosen.value.code,
        applicant: { fullName: fullName.value, idNumber: idNumber.value, phone: phone.value, address: address.value },
        channel: channel.value,
        returnChannel: returnChannel.value,
        ...(docs.value.length > 0
          ? {
              documents: docs.value.map((x) => ({
                name: x.name,
                copy: x.copy,
                count: Number(x.count) || 1,
                digitisation:
                  x.digitisation === 'scanned'
                    ? { kind: 'scanned' as const, pages: Number(x.pages) || 0 }
                    : { kind: x.digitisation },
              })),
            }
          : { documentCount: Number(documentCount.value) || 0 }),
        sets: Math.max(1, Number(sets.value) || 1),
        ...(ticket ? { ticketId: ticket.id } : {}),
      });
      done.value = d;
      if (ticket) visitDossiers.value = [...visitDossiers.value, d];
    } catch (err) {
      error.value = err instanceof ApiFailure ? err.message : String(err);
    } finally {
      sending.value = false;
    }
  };

  if (done.value) {
    const d = done.value;
    return (
      <Modal title={t.receive.done} closeLabel={t.close} wide testId="receive-done">
        <div class="done">
          <div class="muted">{t.receive.code}</div>
          <div class="done-code mono" data-testid="done-code">
            {d.code}
          </div>
          <div>{d.procedureName}</div>
          <div class="done-due">
            {t.receive.due}: <b data-testid="done-due">{dateTimeText(d.dueAt, lang.value)}</b>
          </div>
          <div class="form-actions">
            <a
              class="button primary"
              href={officePath(`/api/dossiers/${d.id}/forms/01.html?print=1`)}
              target="_blank"
              rel="noopener"
              data-testid="print-receipt"
            >
              {t.receive.printA4}
            </a>
            <button
              type="button"
              class="secondary"
              data-testid="print-thermal"
              onClick={() => {
                printed.value = null;
                error.value = null;
                api<{ printed: boolean; message: string | null }>('POST', `/api/dossiers/${d.id}/print-receipt`, {
                  auth: { token: staffToken.value },
                })
                  // queued behind a printer that cannot print now: the server says why, in words
                  .then((r) => (r.printed ? (printed.value = t.receive.printed) : (error.value = r.message)))
                  .catch((err: unknown) => (error.value = err instanceof ApiFailure ? err.message : String(err)));
              }}
            >
              {t.receive.printThermal}
            </button>
            <button type="button" class="ghost" onClick={() => (dialog.value = 'none')}>
              {t.close}
            </button>
          </div>
          {printed.value && <div class="alert ok">{printed.value}</div>}
          {error.value && (
            <div class="alert error" role="alert">
              {error.value}
            </div>
          )}
        </div>
      </Modal>
    );
  }

  const matches = chosen.value ? [] : rankProcedures(query.value, own);
  return (
    <Modal
      title={ticket ? `${t.receive.heading} — ${t.receive.forTicket(ticket.number)}` : t.receive.heading}
      closeLabel={t.close}
      wide
      testId="receive-dialog"
    >
      <form class="form receive" onSubmit={submit}>
        <fieldset class="procedure">
          <legend>{t.receive.procedure}</legend>
          {chosen.value ? (
            <div class="chosen" data-testid="chosen-procedure">
              <div>
                <b>{chosen.value.name}</b>
                <div class="muted">
                  {chosen.value.code} · {t.receive.processing(chosen.value.processingDays, chosen.value.processingUnit)}
                </div>
              </div>
              <button type="button" class="ghost" onClick={() => (chosen.value = null)}>
                ✎
              </button>
            </div>
          ) : (
            <>
              <input
                name="procedureSearch"
                placeholder={t.receive.procedureSearch}
                value={query.value}
                onInput={(e) => (query.value = e.currentTarget.value)}
                autofocus
              />
              <ul class="proc-list" role="listbox">
                {matches.length === 0 && <li class="muted">{t.receive.procedureNone}</li>}
                {matches.map((p) => (
                  <li key={p.id}>
                    <button type="button" class="proc" onClick={() => (chosen.value = p)}>
                      <span>{p.name}</span>
                      <span class="muted small">
                        {p.code} · {t.receive.processing(p.processingDays, p.processingUnit)}
                      </span>
                    </button>
                  </li>
                ))}
              </ul>
            </>
          )}
        </fieldset>
        <div class="grid2">
          <label>
            {t.receive.fullName}
            <input
              name="fullName"
              value={fullName.value}
              onInput={(e) => (fullName.value = e.currentTarget.value)}
              maxLength={120}
            />
          </label>
          <label>
            {t.receive.idNumber}
            <input
              name="idNumber"
              inputMode="numeric"
              value={idNumber.value}
              onInput={(e) => (idNumber.value = e.currentTarget.value)}
              aria-invalid={idBad}
              maxLength={12}
            />
            {idBad && <span class="field-error">{t.receive.idInvalid}</span>}
          </label>
          <label>
            {t.receive.phone}
            <input
              name="phone"
              inputMode="tel"
              value={phone.value}
              onInput={(e) => (phone.value = e.currentTarget.value)}
              maxLength={15}
            />
          </label>
          <label>
            {t.receive.address}
            <input
              name="address"
              value={address.value}
              onInput={(e) => (address.value = e.currentTarget.value)}
              maxLength={300}
            />
          </label>
        </div>
        <div class="grid2">
          <fieldset>
            <legend>{t.receive.channel}</legend>
            {(['direct', 'postal'] as const).map((c) => (
              <label key={c} class="radio">
                <input type="radio" name="channel" checked={channel.value === c} onChange={() => (channel.value = c)} />
                {t.receive.channels[c]}
              </label>
            ))}
          </fieldset>
          <fieldset>
            <legend>{t.receive.returnChannel}</legend>
            {(['counter', 'postal'] as const).map((c) => (
              <label key={c} class="radio">
                <input
                  type="radio"
                  name="returnChannel"
                  checked={returnChannel.value === c}
                  onChange={() => (returnChannel.value = c)}
                />
                {t.receive.returnChannels[c]}
              </label>
            ))}
          </fieldset>
        </div>
        <fieldset class="docs-list" data-testid="documents">
          <legend>{t.receive.documents}</legend>
          {docs.value.map((x, i) => (
            <div class="doc-row" key={i}>
              <input
                name={`doc-name-${i}`}
                aria-label={t.receive.docName}
                placeholder={t.receive.docName}
                value={x.name}
                onInput={(e) => setDoc(i, { name: e.currentTarget.value })}
                maxLength={200}
              />
              <select
                name={`doc-copy-${i}`}
                aria-label={t.receive.docCopy}
                value={x.copy}
                onChange={(e) => setDoc(i, { copy: e.currentTarget.value as DocRow['copy'] })}
              >
                {(['original', 'copy', 'certified'] as const).map((k) => (
                  <option key={k} value={k}>
                    {t.receive.copies[k]}
                  </option>
                ))}
              </select>
              <input
                name={`doc-count-${i}`}
                aria-label={t.receive.docCount}
                type="number"
                min={1}
                max={99}
                value={x.count}
                onInput={(e) => setDoc(i, { count: e.currentTarget.value })}
              />
              <select
                name={`doc-digitisation-${i}`}
                aria-label={t.receive.digitisation}
                value={x.digitisation}
                onChange={(e) => setDoc(i, { digitisation: e.currentTarget.value as DocRow['digitisation'] })}
              >
                {(['none', 'scanned', 'reused'] as const).map((k) => (
                  <option key={k} value={k}>
                    {t.receive.digitisations[k]}
                  </option>
                ))}
              </select>
              {x.digitisation === 'scanned' && (
                <input
                  name={`doc-pages-${i}`}
                  aria-label={t.receive.pages}
                  placeholder={t.receive.pages}
                  type="number"
                  min={1}
                  max={2000}
                  value={x.pages}
                  onInput={(e) => setDoc(i, { pages: e.currentTarget.value })}
                />
              )}
              <button
                type="button"
                class="ghost"
                aria-label={t.receive.removeDoc}
                onClick={() => (docs.value = docs.value.filter((_, j) => j !== i))}
              >
                ✕
              </button>
            </div>
          ))}
          <button
            type="button"
            class="secondary"
            onClick={() =>
              (docs.value = [
                ...docs.value,
                { name: '', copy: 'original', count: '1', digitisation: 'none', pages: '' },
              ])
            }
          >
            {t.receive.addDoc}
          </button>
        </fieldset>
        <div class="grid2">
          {docs.value.length === 0 && (
            <label>
              {t.receive.documentCount}
              <input
                name="documentCount"
                type="number"
                min={0}
                max={999}
                value={documentCount.value}
                onInput={(e) => (documentCount.value = e.currentTarget.value)}
              />
            </label>
          )}
          <label>
            {t.receive.sets}
            <input
              name="sets"
              type="number"
              min={1}
              max={99}
              value={sets.value}
              onInput={(e) => (sets.value = e.currentTarget.value)}
            />
          </label>
        </div>
        {preview.value && (
          <div class="appointment" data-testid="appointment-preview">
            {t.receive.appointment}: <b>{dateTimeText(preview.value, lang.value)}</b>
            <div class="muted small">{t.receive.appointmentHint}</div>
          </div>
        )}
        {error.value && (
          <div class="alert error" role="alert">
            {error.value}
          </div>
        )}
        <div class="form-actions">
          <button type="button" class="ghost" onClick={() => (dialog.value = 'none')}>
            {t.cancel}
          </button>
          <button type="submit" class="primary" disabled={sending.value} data-testid="submit-dossier">
            {t.receive.submit}
          </button>
        </div>
      </form>
    </Modal>
  );
}
