/**
 * The clerk terminal (/counter/): open a counter, call and serve citizens
 * with one hand on the keyboard (F1–F8), receive their dossiers, and see
 * the day's own figures. State: ./state.ts; socket: ./connection.ts.
 */
import { useEffect } from 'preact/hooks';
import { lang, makeT } from '@ui/i18n';
import { staffToken } from '@ui/staff-session';
import { connectClerk, resync } from './connection';
import { CounterBar } from './components/counter-bar';
import { CounterPicker } from './components/counter-picker';
import { CurrentTicket } from './components/current-ticket';
import { DossierDialog } from './components/dossier-dialog';
import { PauseDialog, TransferDialog } from './components/pause-transfer';
import { SkippedList, WaitingList } from './components/queue-lists';
import { HallAlerts } from './components/hall-alerts';
import { ReceiveDialog } from './components/receive-dialog';
import { en } from './en';
import {
  busy,
  callNext,
  counterState,
  current,
  dialog,
  fields,
  finish,
  loadBasics,
  myCounter,
  notice,
  online,
  printerAlerts,
  recall,
  refresh,
  resume,
  showError,
  skip,
  tick,
} from './state';
import { vi } from './vi';
import './clerk.css';

const t = makeT({ vi, en });

/** F-keys of the terminal; shown on the buttons and in the legend. */
function onKey(e: KeyboardEvent): void {
  if (e.key === 'Escape' && dialog.value !== 'none') {
    dialog.value = 'none';
    return;
  }
  if (!/^F[1-8]$/.test(e.key)) return;
  e.preventDefault(); // F5 must not reload the page, F1 must not open help
  if (dialog.value !== 'none' || busy.value || !counterState.value) return;
  const ticket = current.value;
  const status = counterState.value.counter.status;
  switch (e.key) {
    case 'F1':
      if (ticket) notice.value = { kind: 'error', text: t().current.finishFirst };
      else if (status === 'open') void callNext();
      break;
    case 'F2':
      if (ticket) void recall(ticket.id);
      break;
    case 'F3':
      if (ticket) void skip(ticket.id);
      break;
    case 'F4':
      if (ticket) dialog.value = 'transfer';
      break;
    case 'F5':
      if (ticket) void finish(ticket.id);
      break;
    case 'F6':
      dialog.value = 'receive';
      break;
    case 'F7':
      dialog.value = 'dossier';
      break;
    case 'F8':
      if (status === 'paused') void resume();
      else if (!ticket) dialog.value = 'pause';
      break;
  }
}

export function ClerkScreen() {
  const c = t();
  useEffect(() => {
    loadBasics().then(refresh).catch(showError);
    const token = staffToken.value;
    const stop = token ? connectClerk(token) : () => undefined;
    const timer = setInterval(() => (tick.value = Date.now()), 15_000);
    window.addEventListener('keydown', onKey);
    return () => {
      stop();
      clearInterval(timer);
      window.removeEventListener('keydown', onKey);
    };
  }, []);

  // after opening a counter the socket joins its room: take the snapshot
  const mineId = myCounter.value?.id;
  useEffect(() => {
    if (mineId !== undefined) resync();
  }, [mineId]);

  const state = counterState.value;
  const msg = notice.value;
  const fieldNames = (state?.counter.fieldIds ?? [])
    .map((id) => fields.value.find((f) => f.id === id)?.name ?? '')
    .join(' · ');
  return (
    <div class="clerk" lang={lang.value}>
      {!online.value && <div class="offline-banner">{c.offline}</div>}
      {printerAlerts.value.map((p) => (
        <div key={p.printerId} class={`alert printer-${p.state}`} role="status" data-testid="printer-alert">
          {c.printerAlert(p.deviceName, c.printerStates[p.state] ?? p.state, p.pending)}
        </div>
      ))}
      {msg && (
        <div class={`toast ${msg.kind}`} role={msg.kind === 'error' ? 'alert' : 'status'} data-testid="notice">
          {msg.text}
          <button type="button" class="ghost" onClick={() => (notice.value = null)} aria-label={c.close}>
            ✕
          </button>
        </div>
      )}
      {!state || state.counter.status === 'closed' ? (
        <CounterPicker t={c} />
      ) : (
        <>
          <CounterBar t={c} fieldNames={fieldNames} />
          <HallAlerts t={c} />
          {state.counter.status === 'paused' && (
            <div class="alert paused" role="status">
              {c.pausedBecause(state.counter.pauseReason ?? '')}
            </div>
          )}
          <main class="clerk-main">
            <CurrentTicket t={c} />
            <div class="side">
              <WaitingList t={c} />
              <SkippedList t={c} />
            </div>
          </main>
          <footer class="legend" aria-label={c.shortcutsHeading}>
            <b>{c.shortcutsHeading}:</b>
            <span>
              <kbd>F1</kbd> {c.actions.callNext}
            </span>
            <span>
              <kbd>F2</kbd> {c.actions.recall}
            </span>
            <span>
              <kbd>F3</kbd> {c.actions.skip}
            </span>
            <span>
              <kbd>F4</kbd> {c.actions.transferLong}
            </span>
            <span>
              <kbd>F5</kbd> {c.actions.finish}
            </span>
            <span>
              <kbd>F6</kbd> {c.actions.receive}
            </span>
            <span>
              <kbd>F7</kbd> {c.actions.dossiers}
            </span>
            <span>
              <kbd>F8</kbd> {c.actions.pause}/{c.actions.resume}
            </span>
            <span>
              <kbd>Esc</kbd> {c.close}
            </span>
          </footer>
        </>
      )}
      {dialog.value === 'pause' && <PauseDialog t={c} />}
      {dialog.value === 'transfer' && <TransferDialog t={c} />}
      {dialog.value === 'receive' && <ReceiveDialog t={c} />}
      {dialog.value === 'dossier' && <DossierDialog t={c} />}
    </div>
  );
}
