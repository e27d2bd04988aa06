/**
 * The first sign-in with an initial or reset password: the person chooses
 * their own before anything else (the server refuses other calls until then).
 */
import { useSignal } from '@preact/signals';
import type { UserDto } from '@protocol/dto';
import { api, ApiFailure } from '@ui/api';
import { staffToken, staffUser } from '@ui/staff-session';
import type { ShellCatalogue } from './shell-vi';

export function ChangePassword(props: { labels: ShellCatalogue['changePassword'] }) {
  const l = props.labels;
  const current = useSignal('');
  const next = useSignal('');
  const repeat = useSignal('');
  const error = useSignal<string | null>(null);
  const busy = useSignal(false);

  const submit = async (e: Event) => {
    e.preventDefault();
    if (next.value !== repeat.value) {
      error.value = l.mismatch;
      return;
    }
    busy.value = true;
    error.value = null;
    try {
      staffUser.value = await api<UserDto>('POST', '/api/auth/change-password', {
        auth: { token: staffToken.value },
        body: { currentPassword: current.value, newPassword: next.value },
      });
    } catch (err) {
      if (err instanceof ApiFailure) {
        // a validation issue in its own words, not the API's field name
        const issues = err.error.details?.issues as Array<{ message: string }> | undefined;
        error.value = err.error.code === 'VALIDATION_ERROR' && issues?.[0] ? issues[0].message : err.message;
      } else error.value = String(err);
    } finally {
      busy.value = false;
    }
  };

  const input = (label: string, name: string, value: typeof current, auto: string) => (
    <label style={{ display: 'grid', gap: 4, fontWeight: 600 }}>
      {label}
      <input
        name={name}
        type="password"
        autoComplete={auto}
        value={value.value}
        onInput={(e) => (value.value = e.currentTarget.value)}
        style={{ fontSize: '1.25rem', padding: 10, minHeight: 48, borderRadius: 10, border: '2px solid var(--border)' }}
      />
    </label>
  );

  return (
    <form
      class="change-password"
      onSubmit={submit}
      style={{ maxWidth: 480, margin: '8vh auto', display: 'grid', gap: 14, padding: '0 16px' }}
    >
      <h1 style={{ margin: 0 }}>{l.title}</h1>
      <p style={{ margin: 0, color: 'var(--muted)' }}>{l.why}</p>
      {input(l.current, 'currentPassword', current, 'current-password')}
      {input(l.next, 'newPassword', next, 'new-password')}
      {input(l.repeat, 'repeatPassword', repeat, 'new-password')}
      {error.value && (
        <p role="alert" style={{ color: 'var(--accent)', fontWeight: 600, margin: 0 }}>
          {error.value}
        </p>
      )}
      <button
        type="submit"
        disabled={busy.value}
        style={{
          fontSize: '1.25rem',
          background: 'var(--primary)',
          color: 'var(--primary-fg)',
          border: 0,
          borderRadius: 10,
        }}
      >
        {busy.value ? l.busy : l.submit}
      </button>
    </form>
  );
}
