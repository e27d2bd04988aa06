/**
 * The hall display board, read from the back of the hall: the newest call
 * huge, every counter's number, the last calls, waiting per field, clock,
 * notice line. Landscape and portrait TVs (1920×1080 … 3840×2160).
 */
import { useSignal, useSignalEffect } from '@preact/signals';
import { t } from './i18n';
import { board, connected, fatal, newestCall } from './state';
import { Clock } from './components/clock';
import { CounterGrid } from './components/counter-grid';
import { NewestCall } from './components/newest-call';
import { NoticeLine } from './components/notice-line';
import { ReadyDossiers } from './components/ready-dossiers';
import { RecentCalls } from './components/recent-calls';
import { SoundButton } from './components/sound-button';
import { WaitingBar } from './components/waiting-bar';

function usePortrait() {
  const portrait = useSignal(window.innerHeight > window.innerWidth);
  useSignalEffect(() => {
    const onResize = () => (portrait.value = window.innerHeight > window.innerWidth);
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  });
  return portrait.value;
}

export function App() {
  const portrait = usePortrait();
  const state = board.value;
  const problem = fatal.value;
  if (problem) {
    return (
      <main class="board board-message" data-testid="board-problem">
        <h1>{problem === 'badKey' ? t().badKey : t().notPaired}</h1>
        {problem === 'notPaired' && <p>{t().notPairedHint}</p>}
      </main>
    );
  }
  const newest = newestCall.value;
  const recent = state
    ? state.recentCalls.filter((c) => !(newest && c.ticketId === newest.ticketId && c.calledAt === newest.calledAt))
    : [];
  const title = state?.board?.settings.title ?? (state?.officeParentName || state?.officeName) ?? '';
  const subtitle = state && title !== state.officeName ? state.officeName : '';
  return (
    <main class={`board ${portrait ? 'board-portrait' : 'board-landscape'}${connected.value ? '' : ' board-offline'}`}>
      {!connected.value && (
        <div class="offline" role="alert" data-testid="offline">
          {t().offline}
        </div>
      )}
      <header class="board-header">
        <div class="board-title">
          <h1 data-testid="title">{title}</h1>
          {subtitle && <div class="board-subtitle">{subtitle}</div>}
        </div>
        <Clock />
      </header>
      <div class="board-main">
        <div class="board-calls">
          <NewestCall />
          {!portrait && <RecentCalls calls={recent.slice(0, 6)} />}
        </div>
        <CounterGrid counters={state?.counters ?? []} portrait={portrait} />
        {portrait && <RecentCalls calls={recent.slice(0, 6)} />}
      </div>
      <footer class="board-footer">
        <WaitingBar waiting={state?.waiting ?? []} />
        <ReadyDossiers codes={state?.readyDossiers ?? []} />
        <NoticeLine text={state?.display.notice ?? ''} />
      </footer>
      <SoundButton />
    </main>
  );
}
