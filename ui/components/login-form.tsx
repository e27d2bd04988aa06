/** Staff sign-in form shared by the staff pages. Labels come from the page's catalogue. */
import { useSignal } from '@preact/signals';
import { ApiFailure } from '../api';
import { signIn } from '../staff-session';
import type { UserDto } from '@protocol/dto';

export interface LoginLabels {
  title: string;
  username: string;
  password: string;
  submit: string;
  busy: string;
}

export function LoginForm(props: { labels: LoginLabels; onSignedIn: (user: UserDto) => void }) {
  const username = useSignal('');
  const password = useSignal('');
  const error = useSignal<string | null>(null);
  const busy = useSignal(false);
  const { labels } = props;

  const submit = async (e: Event) => {
    e.preventDefault();
    busy.value = true;
    error.value = null;
    try {
      props.onSignedIn(await signIn(username.value.trim(), password.value));
    } catch (err) {
      error.value = err instanceof ApiFailure ? err.message : String(err);
    } finally {
      busy.value = false;
    }
  };

  return (
    <form class="login-form" onSubmit={submit} style={{ maxWidth: 420, margin: '10vh auto', display: 'grid', gap: 12 }}>
      <h1>{labels.title}</h1>
      <label>
        {labels.username}
        <input
          name="username"
          autoComplete="username"
          value={username.value}
          onInput={(e) => (username.value = e.currentTarget.value)}
          style={{ display: 'block', width: '100%', fontSize: '1.25rem', padding: 10 }}
        />
      </label>
      <label>
        {labels.password}
        <input
          name="password"
          type="password"
          autoComplete="current-password"
          value={password.value}
          onInput={(e) => (password.value = e.currentTarget.value)}
          style={{ display: 'block', width: '100%', fontSize: '1.25rem', padding: 10 }}
        />
      </label>
      {error.value && (
        <p role="alert" style={{ color: 'var(--accent)', fontWeight: 600 }}>
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
        {busy.value ? labels.busy : labels.submit}
      </button>
    </form>
  );
}
