/**
 * The citizen-facing rating pad at a counter (/counter/rate, paired with
 * ?key=demo-rating-N): idle shows the counter and clerk; after each visit
 * it asks the four-level question, in big touch targets.
 */
import { useEffect } from 'preact/hooks';
import { useSignal } from '@preact/signals';
import { takeDeviceKey } from '@ui/device-key';
import { lang, makeT, setLang } from '@ui/i18n';
import { en } from './en';
import {
  choose,
  deadline,
  errorText,
  online,
  pad,
  phase,
  reasons,
  request,
  sendWithReasons,
  start,
  toggleReason,
} from './state';
import { vi } from './vi';
import './rating-pad.css';

const t = makeT({ vi, en });
/** Mouths of the four faces, drawn (emoji fonts are missing on many office tablets). */
const MOUTHS: Record<number, string> = {
  4: 'M28 56 Q48 82 68 56 Z',
  3: 'M31 60 Q48 74 65 60',
  2: 'M32 64 L64 64',
  1: 'M31 70 Q48 56 65 70',
};

function Face(props: { score: number }) {
  return (
    <svg class="face-svg" viewBox="0 0 96 96" aria-hidden="true">
      <circle cx="48" cy="48" r="43" fill="#fff" stroke="#111827" stroke-width="5" />
      <circle cx="34" cy="38" r="5.5" fill="#111827" />
      <circle cx="62" cy="38" r="5.5" fill="#111827" />
      <path
        d={MOUTHS[props.score]}
        fill={props.score === 4 ? '#111827' : 'none'}
        stroke="#111827"
        stroke-width="5"
        stroke-linecap="round"
      />
    </svg>
  );
}
const REASONS = ['attitude', 'long_wait', 'unclear_guidance', 'late_result', 'other'];

function Countdown() {
  const now = useSignal(Date.now());
  useEffect(() => {
    const i = setInterval(() => (now.value = Date.now()), 1000);
    return () => clearInterval(i);
  }, []);
  const s = Math.max(0, Math.ceil((deadline.value - now.value) / 1000));
  return <div class="countdown">{t().secondsLeft(s)}</div>;
}

export function RatingPad() {
  const key = useSignal<string | null>(null);
  useEffect(() => {
    key.value = takeDeviceKey('rating');
    if (!key.value) return;
    return start(key.value);
  }, []);
  const c = t();
  if (key.value === null) return <main class="pad unpaired">{c.unpaired}</main>;
  const counter = pad.value?.counter;
  const req = request.value;
  return (
    <main class={`pad phase-${phase.value}`} lang={lang.value} data-testid="rating-pad">
      {!online.value && <div class="offline-banner">{c.offline}</div>}
      <button type="button" class="lang" onClick={() => setLang(lang.value === 'vi' ? 'en' : 'vi')}>
        {c.language}
      </button>

      {phase.value === 'idle' && (
        <section class="idle" data-testid="pad-idle">
          <div class="pad-counter">{counter ? c.counter(counter.name) : ''}</div>
          <div class="pad-clerk">{counter?.clerk ? c.clerk(counter.clerk.fullName) : c.noClerk}</div>
          <h1>{c.idleTitle}</h1>
          <p class="hint">{c.idleHint}</p>
        </section>
      )}

      {phase.value === 'ask' && req && (
        <section class="ask" data-testid="pad-ask">
          <div class="pad-ticket">
            {c.forTicket(req.number)} · {c.counter(`Quầy ${req.counterNumber}`)}
            {req.clerkName ? ` · ${req.clerkName}` : ''}
          </div>
          <h1>{c.question}</h1>
          <div class="faces">
            {[4, 3, 2, 1].map((score) => (
              <button
                key={score}
                type="button"
                class={`face s${score}`}
                onClick={() => choose(score)}
                data-score={score}
              >
                <Face score={score} />
                <span>{c.scores[score]}</span>
              </button>
            ))}
          </div>
          <Countdown />
        </section>
      )}

      {phase.value === 'reason' && (
        <section class="reason" data-testid="pad-reason">
          <h1>{c.reasonQuestion}</h1>
          <div class="reason-chips">
            {REASONS.map((r) => (
              <button
                key={r}
                type="button"
                class={`chip${reasons.value.includes(r) ? ' on' : ''}`}
                aria-pressed={reasons.value.includes(r)}
                onClick={() => toggleReason(r)}
              >
                {c.reasons[r]}
              </button>
            ))}
          </div>
          <div class="reason-actions">
            <button type="button" class="skip" onClick={() => sendWithReasons(true)}>
              {c.skip}
            </button>
            <button type="button" class="send" onClick={() => sendWithReasons(false)}>
              {c.send}
            </button>
          </div>
          <Countdown />
        </section>
      )}

      {phase.value === 'thanks' && (
        <section class="thanks" data-testid="pad-thanks">
          <div class="big-face">
            <Face score={4} />
          </div>
          <h1>{c.thanks}</h1>
          <p class="hint">{c.thanksSub}</p>
        </section>
      )}

      {phase.value === 'error' && (
        <section class="thanks" data-testid="pad-error">
          <h1>{errorText.value}</h1>
        </section>
      )}
    </main>
  );
}
