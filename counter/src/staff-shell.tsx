/** Sign-in gate and top bar of the staff app (clerk, supervisor, admin). */
import type { ComponentChildren } from 'preact';
import { useEffect } from 'preact/hooks';
import { useSignal } from '@preact/signals';
import { LoginForm } from '@ui/components/login-form';
import { lang, makeT, setLang } from '@ui/i18n';
import { restoreSession, signOut, staffUser } from '@ui/staff-session';
import { officePath } from '@ui/office';
import { ChangePassword } from './change-password';
import { en } from './shell-en';
import { vi } from './shell-vi';

const t = makeT({ vi, en });

export function StaffShell(props: { children: ComponentChildren }) {
  const ready = useSignal(false);
  useEffect(() => {
    restoreSession().finally(() => (ready.value = true));
  }, []);
  if (!ready.value) return null;
  const user = staffUser.value;
  if (!user) return <LoginForm labels={t().login} onSignedIn={() => undefined} />;
  const links: Array<[string, string]> = [['/counter/', t().nav.counter]];
  if (user.role !== 'clerk') links.push(['/counter/hall', t().nav.hall]);
  if (user.role !== 'clerk') links.push(['/counter/reports', t().nav.reports]);
  if (user.role === 'admin') links.push(['/counter/admin', t().nav.admin]);
  return (
    <div class="staff-app">
      <header
        class="staff-bar"
        style={{
          display: 'flex',
          flexWrap: 'wrap',
          gap: '4px 16px',
          alignItems: 'center',
          padding: '6px 16px',
          background: 'var(--primary)',
          color: 'var(--primary-fg)',
        }}
      >
        <strong>motcua</strong>
        <nav style={{ display: 'flex', gap: 12 }}>
          {links.map(([href, label]) => (
            <a key={href} href={officePath(href)} style={{ color: 'inherit', fontWeight: 600 }}>
              {label}
            </a>
          ))}
        </nav>
        <span style={{ marginLeft: 'auto' }}>{user.fullName}</span>
        <button
          type="button"
          onClick={() => setLang(lang.value === 'vi' ? 'en' : 'vi')}
          aria-label={t().switchLanguage}
        >
          {lang.value === 'vi' ? 'EN' : 'VI'}
        </button>
        <button
          type="button"
          onClick={() => {
            void signOut();
          }}
        >
          {t().signOut}
        </button>
      </header>
      {user.mustChangePassword ? <ChangePassword labels={t().changePassword} /> : props.children}
    </div>
  );
}
