/** Sign-in gate and top bar of the staff app (clerk, supervisor, admin). */
import type { ComponentChildren } from 'preact';
import { useEffect } from 'preact/hooks';
import { useSignal } from '@preact/signals';
import { LoginForm } from '@ui/components/login-form';
import { lang, makeT, setLang } from '@ui/i18n';
import { api } from '@ui/api';
import { restoreSession, signOut, staffToken, staffUser } from '@ui/staff-session';
import { officeCode, officePath } from '@ui/office';
import { ChangePassword } from './change-password';
import { en } from './shell-en';
import { vi } from './shell-vi';

const t = makeT({ vi, en });

export function StaffShell(props: { children: ComponentChildren }) {
  const ready = useSignal(false);
  useEffect(() => {
    restoreSession().finally(() => (ready.value = true));
  }, []);
  const user = staffUser.value;
  const province = useProvinceAdmin(user?.id ?? null, user?.role === 'admin' && !user.mustChangePassword);
  if (!ready.value) return null;
  if (!user) return <LoginForm labels={t().login} onSignedIn={() => undefined} />;
  const links: Array<[string, string]> = [['/counter/', t().nav.counter]];
  if (user.role !== 'clerk') links.push(['/counter/hall', t().nav.hall]);
  if (user.role !== 'clerk') links.push(['/counter/reports', t().nav.reports]);
  if (user.role === 'admin') links.push(['/counter/admin', t().nav.admin]);
  if (province) links.push(['/counter/province', t().nav.province]);
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

/**
 * Whether the signed-in admin is a province administrator: only the home
 * office offers the province's page, and only the server knows who is one,
 * so the shell asks the province's office list once per admin (403: not one).
 */
function useProvinceAdmin(userId: number | null, admin: boolean): boolean {
  const allowed = useSignal(false);
  useEffect(() => {
    allowed.value = false;
    if (userId === null || !admin || officeCode() !== null) return undefined;
    let current = true;
    api('GET', '/api/province/offices', { auth: { token: staffToken.value } }).then(
      () => {
        if (current) allowed.value = true;
      },
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [userId, admin]);
  return allowed.value;
}
