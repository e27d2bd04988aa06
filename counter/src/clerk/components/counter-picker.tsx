import { staffUser } from '@ui/staff-session';
import { counters, fields, openCounter } from '../state';
import type { ClerkCatalogue } from '../vi';

/** Before work: choose (or confirm) the counter to open. */
export function CounterPicker(props: { t: ClerkCatalogue }) {
  const { t } = props;
  const user = staffUser.value;
  const fieldName = (id: number) => fields.value.find((f) => f.id === id)?.name ?? '';
  return (
    <main class="picker">
      <h1>{t.pick.heading}</h1>
      <p class="muted">{t.pick.intro}</p>
      <div class="picker-grid">
        {counters.value.map((c) => {
          const taken = c.clerk !== null && c.clerk.id !== user?.id;
          const yours = user?.defaultCounterId === c.id;
          return (
            <div key={c.id} class={`picker-card${yours ? ' yours' : ''}`} data-testid={`counter-card-${c.number}`}>
              <div class="picker-num">{c.name}</div>
              {yours && <div class="badge ok">{t.pick.yours}</div>}
              <div class="picker-fields">{c.fieldIds.map(fieldName).join(' · ')}</div>
              {taken ? (
                <div class="muted">{t.pick.takenBy(c.clerk!.fullName)}</div>
              ) : (
                <button type="button" class={yours ? 'primary' : 'secondary'} onClick={() => void openCounter(c.id)}>
                  {t.pick.open}
                </button>
              )}
            </div>
          );
        })}
      </div>
    </main>
  );
}
