import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import type { DossierDto } from '@protocol/dossiers';
import { ApiFailure } from '@ui/api';
import { DateInput } from '@ui/components/date-input';
import { lang } from '@ui/i18n';
import { officePath } from '@ui/office';
import { dateTimeText, dossierCall, dossierList } from '../state';
import type { ClerkCatalogue } from '../vi';
import { Modal } from './modal';

type Mode = 'none' | 'supplement' | 'refuse' | 'handover' | 'apology' | 'stop';

/** Find a dossier by code and take it through its life: Mẫu 02/03/04, hand-over, result, return, stop (Mẫu 05). */
export function DossierDialog(props: { t: ClerkCatalogue }) {
  const { t } = props;
  const code = useSignal('');
  const found = useSignal<DossierDto | null>(null);
  const atRisk = useSignal<DossierDto[]>([]);
  const error = useSignal<string | null>(null);
  const ok = useSignal<string | null>(null);
  const mode = useSignal<Mode>('none');
  const text1 = useSignal('');
  const text2 = useSignal('');
  const text3 = useSignal('');
  const text4 = useSignal('');
  const requestedBy = useSignal<'citizen' | 'agency'>('citizen');
  const electronic = useSignal(false);

  useEffect(() => {
    dossierList('atRisk=1')
      .then((l) => (atRisk.value = l))
      .catch(() => undefined);
  }, []);

  const run = async (fn: () => Promise<DossierDto>) => {
    error.value = null;
    ok.value = null;
    try {
      found.value = await fn();
      mode.value = 'none';
      ok.value = t.dossier.done;
    } catch (err) {
      error.value = err instanceof ApiFailure ? err.message : String(err);
    }
  };

  const find = async (e: Event) => {
    e.preventDefault();
    error.value = null;
    ok.value = null;
    const list = await dossierList(`code=${encodeURIComponent(code.value.trim())}`).catch(() => []);
    found.value = list[0] ?? null;
    if (!found.value) error.value = t.dossier.notFound;
  };

  const startMode = (m: Mode) => {
    mode.value = m;
    text1.value = text2.value = text3.value = text4.value = '';
    requestedBy.value = 'citizen';
  };

  const d = found.value;
  const path = d ? `/api/dossiers/${d.id}` : '';
  const submitMode = (e: Event) => {
    e.preventDefault();
    if (!d) return;
    if (mode.value === 'supplement') {
      const items = text1.value
        .split('\n')
        .map((s) => s.trim())
        .filter(Boolean);
      void run(() =>
        dossierCall('POST', `${path}/supplement`, { items, reason: text2.value, supervisorReason: text3.value }),
      );
    } else if (mode.value === 'refuse') {
      void run(() => dossierCall('POST', `${path}/refuse`, { reason: text1.value }));
    } else if (mode.value === 'stop') {
      void run(() => dossierCall('POST', `${path}/stop`, { reason: text1.value, requestedBy: requestedBy.value }));
    } else if (mode.value === 'handover') {
      void run(() => dossierCall('POST', `${path}/handover`, { toUnit: text1.value }));
    } else if (mode.value === 'apology') {
      void run(() =>
        dossierCall('POST', `${path}/apology`, {
          reason: text1.value,
          newDueAt: text2.value,
          signedBy: text3.value,
          signerTitle: text4.value,
        }),
      );
    }
  };

  const active = d && ['received', 'supplement', 'processing'].includes(d.status);
  return (
    <Modal title={t.dossier.heading} closeLabel={t.close} wide testId="dossier-dialog">
      <form class="form inline" onSubmit={find}>
        <label>
          {t.dossier.codeLabel}
          <input name="code" value={code.value} onInput={(e) => (code.value = e.currentTarget.value)} autofocus />
        </label>
        <button type="submit" class="primary">
          {t.dossier.find}
        </button>
      </form>
      {error.value && (
        <div class="alert error" role="alert">
          {error.value}
        </div>
      )}
      {ok.value && <div class="alert ok">{ok.value}</div>}

      {!d && (
        <section>
          <h3>{t.dossier.atRisk}</h3>
          {atRisk.value.length === 0 ? (
            <p class="muted">{t.dossier.noneAtRisk}</p>
          ) : (
            <ul class="plain">
              {atRisk.value.map((x) => (
                <li key={x.id}>
                  <button type="button" class="link" onClick={() => (found.value = x)}>
                    {x.code}
                  </button>{' '}
                  — {x.procedureName} — {t.dossier.dueAt}: {dateTimeText(x.dueAt, lang.value)}
                </li>
              ))}
            </ul>
          )}
        </section>
      )}

      {d && (
        <section class="dossier" data-testid="dossier-detail">
          <div class="dossier-head">
            <span class="mono big">{d.code}</span>
            <span class="badge">{t.dossier.statuses[d.status]}</span>
            {d.late && <span class="badge late">{t.dossier.late}</span>}
            {d.atRisk && <span class="badge late">{t.dossier.atRiskMark}</span>}
          </div>
          <div>{d.procedureName}</div>
          <div class="muted">
            {t.dossier.applicant}: {d.applicant.fullName} · {t.dossier.receivedAt}:{' '}
            {dateTimeText(d.receivedAt, lang.value)}
          </div>
          <div>
            {t.dossier.dueAt}: <b>{dateTimeText(d.dueAt, lang.value)}</b>
            {d.newDueAt && (
              <>
                {' '}
                · {t.dossier.newDueAt}: <b>{dateTimeText(d.newDueAt, lang.value)}</b>
              </>
            )}
          </div>
          {d.status === 'resolved' && d.late && !d.apologyAt && (
            <div class="alert error">{t.dossier.lateNeedsApology}</div>
          )}

          <div class="action-row wrap">
            {active && d.status !== 'supplement' && (
              <button type="button" class="secondary" onClick={() => startMode('supplement')}>
                {t.dossier.supplement}
              </button>
            )}
            {d.status === 'supplement' && (
              <button
                type="button"
                class="secondary"
                onClick={() => void run(() => dossierCall('POST', `${path}/resubmit`))}
              >
                {t.dossier.resubmit}
              </button>
            )}
            {active && (
              <button type="button" class="warn" onClick={() => startMode('refuse')}>
                {t.dossier.refuse}
              </button>
            )}
            {(d.status === 'received' || d.status === 'processing') && (
              <button type="button" class="secondary" onClick={() => startMode('handover')}>
                {t.dossier.handover}
              </button>
            )}
            {(d.status === 'received' || d.status === 'processing') && (
              <span class="resolve-group">
                <label class="check">
                  <input
                    type="checkbox"
                    name="electronic"
                    checked={electronic.value}
                    onChange={(e) => (electronic.value = e.currentTarget.checked)}
                  />
                  {t.dossier.electronic}
                </label>
                <button
                  type="button"
                  class="ok"
                  onClick={() =>
                    void run(() => dossierCall('POST', `${path}/resolve`, { electronic: electronic.value }))
                  }
                >
                  {t.dossier.resolve}
                </button>
              </span>
            )}
            {(active || d.status === 'resolved') && (
              <button type="button" class="secondary" onClick={() => startMode('apology')}>
                {t.dossier.apology}
              </button>
            )}
            {d.status === 'resolved' && (
              <button
                type="button"
                class="primary"
                onClick={() => void run(() => dossierCall('POST', `${path}/return`, {}))}
              >
                {t.dossier.return}
              </button>
            )}
            {active && (
              <button type="button" class="warn" onClick={() => startMode('stop')}>
                {t.dossier.stop}
              </button>
            )}
          </div>
          {d.status === 'stopped' && d.stopReason && (
            <div class="muted" data-testid="stop-reason">
              {t.dossier.stoppedBecause(t.dossier.requesters[d.stopRequestedBy ?? 'citizen'], d.stopReason)}
            </div>
          )}
          {d.resultElectronic && <div class="muted">{t.dossier.electronicDone}</div>}

          {mode.value !== 'none' && (
            <form class="form" onSubmit={submitMode}>
              {mode.value === 'supplement' && (
                <>
                  {d.supplementCount > 0 && <div class="alert error">{t.dossier.secondWarning}</div>}
                  <label>
                    {t.dossier.items}
                    <textarea
                      name="items"
                      rows={3}
                      value={text1.value}
                      onInput={(e) => (text1.value = e.currentTarget.value)}
                    />
                  </label>
                  <label>
                    {t.dossier.reason}
                    <input name="reason" value={text2.value} onInput={(e) => (text2.value = e.currentTarget.value)} />
                  </label>
                  {d.supplementCount > 0 && (
                    <label>
                      {t.dossier.supervisorReason}
                      <input
                        name="supervisorReason"
                        value={text3.value}
                        onInput={(e) => (text3.value = e.currentTarget.value)}
                      />
                    </label>
                  )}
                </>
              )}
              {mode.value === 'refuse' && (
                <label>
                  {t.dossier.reason}
                  <textarea
                    name="reason"
                    rows={3}
                    value={text1.value}
                    onInput={(e) => (text1.value = e.currentTarget.value)}
                  />
                </label>
              )}
              {mode.value === 'stop' && (
                <>
                  <label>
                    {t.dossier.requestedBy}
                    <select
                      name="requestedBy"
                      value={requestedBy.value}
                      onChange={(e) => (requestedBy.value = e.currentTarget.value as 'citizen' | 'agency')}
                    >
                      <option value="citizen">{t.dossier.requesters.citizen}</option>
                      <option value="agency">{t.dossier.requesters.agency}</option>
                    </select>
                  </label>
                  <label>
                    {t.dossier.stopReason}
                    <textarea
                      name="reason"
                      rows={3}
                      value={text1.value}
                      onInput={(e) => (text1.value = e.currentTarget.value)}
                    />
                  </label>
                </>
              )}
              {mode.value === 'handover' && (
                <label>
                  {t.dossier.toUnit}
                  <input name="toUnit" value={text1.value} onInput={(e) => (text1.value = e.currentTarget.value)} />
                </label>
              )}
              {mode.value === 'apology' && (
                <>
                  <label>
                    {t.dossier.reason}
                    <input name="reason" value={text1.value} onInput={(e) => (text1.value = e.currentTarget.value)} />
                  </label>
                  <label>
                    {t.dossier.newDate}
                    <DateInput name="newDueAt" value={text2.value} onDate={(d) => (text2.value = d)} />
                  </label>
                  <label>
                    {t.dossier.signedBy}
                    <input name="signedBy" value={text3.value} onInput={(e) => (text3.value = e.currentTarget.value)} />
                  </label>
                  <label>
                    {t.dossier.signerTitle}
                    <input
                      name="signerTitle"
                      value={text4.value}
                      onInput={(e) => (text4.value = e.currentTarget.value)}
                    />
                  </label>
                </>
              )}
              <div class="form-actions">
                <button type="button" class="ghost" onClick={() => (mode.value = 'none')}>
                  {t.cancel}
                </button>
                <button type="submit" class="primary">
                  {t.dossier.confirm}
                </button>
              </div>
            </form>
          )}

          <div class="forms-links">
            <span class="muted">{t.dossier.forms}:</span>
            {d.forms.map((f) => (
              <a key={f.key} href={officePath(`${path}/forms/${f.key}.html`)} target="_blank" rel="noopener">
                {f.number ? t.dossier.formLink(f.number, f.name) : f.name}
              </a>
            ))}
          </div>
        </section>
      )}
    </Modal>
  );
}
