/**
 * The supervisor's live hall (/counter/hall): queues per field, counters,
 * alerts, today's figures and the dossiers at risk, pushed over the socket
 * (`hall:state`). Readable on a wall screen and on a phone.
 */
import { useEffect } from 'preact/hooks';
import { makeT } from '@ui/i18n';
import { staffToken, staffUser } from '@ui/staff-session';
import { connectHall } from './connection';
import { AlertList } from './components/alerts';
import { CounterCards } from './components/counters';
import { FieldCards } from './components/fields';
import { AtRiskList, OverTargetList, TodayStrip } from './components/lists';
import { clockText, error, hall, online } from './state';
import { en } from './en';
import { vi } from './vi';
import './hall.css';

const t = makeT({ vi, en });

export function Hall() {
  const user = staffUser.value;
  const allowed = user?.role === 'supervisor' || user?.role === 'admin';
  useEffect(() => {
    const token = staffToken.value;
    if (!allowed || !token) return undefined;
    return connectHall(token);
  }, [allowed]);
  const c = t();
  if (!allowed) return <p class="hall-forbidden">{c.forbidden}</p>;
  const h = hall.value;
  return (
    <main class="hall" data-testid="hall">
      {!online.value && <div class="offline-banner">{c.offline}</div>}
      <header class="hall-head">
        <h1>
          {c.title}
          {h && <span class="office"> · {h.officeName}</span>}
        </h1>
        {h && <span class="clock">{clockText(h.serverTime)}</span>}
      </header>
      {error.value && (
        <p class="hall-error" role="alert">
          {error.value}
        </p>
      )}
      {!h ? (
        <p class="muted">{c.loading}</p>
      ) : (
        <>
          <TodayStrip t={c} today={h.today} />
          <AlertList t={c} alerts={h.alerts} />
          <div class="hall-main">
            <FieldCards t={c} fields={h.fields} />
            <OverTargetList t={c} items={h.overTarget} />
          </div>
          <div class="hall-side">
            <CounterCards t={c} counters={h.counters} />
            <AtRiskList t={c} items={h.atRisk} />
          </div>
        </>
      )}
    </main>
  );
}
