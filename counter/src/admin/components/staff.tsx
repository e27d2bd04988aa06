/** Staff: create, edit, disable (never delete), reset password, roles. */
import { useSignal } from '@preact/signals';
import { useRef } from 'preact/hooks';
import type { AdminStaffDto, StaffCreateBody, StaffUpdateBody } from '@protocol/admin';
import type { Role } from '@protocol/schemas';
import { staffUser } from '@ui/staff-session';
import { t } from '../i18n';
import { adminApi, counters, loginLocks, reload, staff } from '../state';
import type { LoginLockDto } from '@protocol/admin';
import {
  AdminSection,
  AdminTable,
  ErrorLine,
  FormButtons,
  FormPanel,
  Input,
  Notice,
  Select,
  toFormError,
  useSubmit,
  type FormError,
} from './form';

const ROLES: Role[] = ['clerk', 'supervisor', 'admin'];

const localTime = (iso: string) => new Date(iso).toLocaleTimeString('vi-VN', { hour: '2-digit', minute: '2-digit' });

/** Accounts or computers locked after too many wrong passwords; the administrator lifts a lock here. */
function LoginLocks(props: { onDone: (msg: string) => void }) {
  const c = t().staff;
  const error = useSignal<string | null>(null);
  if (loginLocks.value.length === 0) return null;
  const label = (l: LoginLockDto) => (l.kind === 'account' ? c.lockAccount(l.name) : c.lockAddress(l.name));
  const unlock = async (l: LoginLockDto) => {
    try {
      loginLocks.value = await adminApi<LoginLockDto[]>('POST', '/api/admin/login-locks/unlock', {
        kind: l.kind,
        name: l.name,
      });
      props.onDone(c.unlocked(label(l)));
    } catch (err) {
      error.value = toFormError(err).message;
    }
  };
  return (
    <section class="adm-locks" data-testid="login-locks">
      <h3>{c.locksHeading}</h3>
      {error.value && (
        <p class="adm-error" role="alert">
          {error.value}
        </p>
      )}
      <ul>
        {loginLocks.value.map((l) => (
          <li key={`${l.kind}:${l.name}`}>
            <strong>{label(l)}</strong> {c.lockedUntil(localTime(l.until))}{' '}
            <button type="button" onClick={() => void unlock(l)}>
              {c.unlock}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

function StaffForm(props: { person: AdminStaffDto | null; onDone: (msg: string) => void; onCancel: () => void }) {
  const s = props.person;
  const c = t().staff;
  const { error, busy, form, submit } = useSubmit(async (d) => {
    const counter = String(d.get('defaultCounterId') ?? '');
    const common: StaffUpdateBody = {
      fullName: String(d.get('fullName') ?? ''),
      role: String(d.get('role')) as Role,
      defaultCounterId: counter ? Number(counter) : null,
    };
    if (s) await adminApi('PUT', `/api/admin/staff/${s.id}`, common);
    else {
      const body: StaffCreateBody = {
        ...common,
        username: String(d.get('username') ?? ''),
        password: String(d.get('password') ?? ''),
      };
      await adminApi('POST', '/api/admin/staff', body);
    }
    await reload.staff();
    props.onDone(t().saved);
  });

  return (
    <FormPanel formRef={form} onSubmit={submit} title={s ? c.editing : c.add}>
      <div class="adm-grid">
        {!s && <Input label={c.username} name="username" error={error.value} autoComplete="off" autoFocus />}
        <Input label={c.fullName} name="fullName" defaultValue={s?.fullName ?? ''} error={error.value} />
        <Select label={c.role} name="role" value={s?.role ?? 'clerk'} error={error.value}>
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {c.roles[r]}
            </option>
          ))}
        </Select>
        <Select
          label={c.defaultCounter}
          name="defaultCounterId"
          value={String(s?.defaultCounterId ?? '')}
          error={error.value}
        >
          <option value="">{t().none}</option>
          {counters.value.map((k) => (
            <option key={k.id} value={String(k.id)}>
              {k.name}
            </option>
          ))}
        </Select>
        {!s && (
          <Input label={c.password} name="password" type="password" autoComplete="new-password" error={error.value} />
        )}
      </div>
      <ErrorLine error={error.value} form={form.current} />
      <FormButtons busy={busy.value} onCancel={props.onCancel} />
    </FormPanel>
  );
}

function ResetForm(props: { person: AdminStaffDto; onDone: (msg: string) => void; onCancel: () => void }) {
  const c = t().staff;
  const error = useSignal<FormError | null>(null);
  const form = useRef<HTMLFormElement>(null);
  const submit = async (e: Event) => {
    e.preventDefault();
    const password = String(new FormData(form.current!).get('password') ?? '');
    try {
      await adminApi('POST', `/api/admin/staff/${props.person.id}/reset-password`, { password });
      await reload.staff();
      props.onDone(c.resetDone(props.person.fullName));
    } catch (err) {
      error.value = toFormError(err);
    }
  };
  return (
    <form ref={form} class="adm-form adm-panel" onSubmit={submit} aria-label={c.resetPassword}>
      <h3>
        {c.resetPassword}: {props.person.fullName}
      </h3>
      <Input
        label={c.newPassword}
        name="password"
        type="password"
        autoComplete="new-password"
        error={error.value}
        autoFocus
      />
      <ErrorLine error={error.value} form={form.current} />
      <FormButtons label={c.resetPassword} onCancel={props.onCancel} />
    </form>
  );
}

export function StaffSection() {
  const c = t().staff;
  const editing = useSignal<AdminStaffDto | 'new' | null>(null);
  const resetting = useSignal<AdminStaffDto | null>(null);
  const confirming = useSignal<number | null>(null);
  const notice = useSignal<string | null>(null);
  const error = useSignal<string | null>(null);
  const counterName = new Map(counters.value.map((k) => [k.id, k.name]));
  const me = staffUser.value?.id;

  const close = (msg: string | null) => {
    editing.value = null;
    resetting.value = null;
    notice.value = msg;
  };
  const setDisabled = async (s: AdminStaffDto, disabled: boolean) => {
    error.value = null;
    try {
      await adminApi('POST', `/api/admin/staff/${s.id}/${disabled ? 'disable' : 'enable'}`);
      confirming.value = null;
      await Promise.all([reload.staff(), reload.counters()]);
      notice.value = t().saved;
    } catch (err) {
      error.value = toFormError(err).message;
    }
  };

  return (
    <AdminSection
      heading={c.heading}
      add={c.add}
      onAdd={() => ((editing.value = 'new'), (resetting.value = null), (notice.value = null))}
    >
      <p class="adm-help">{c.neverDeleted}</p>
      {editing.value && (
        <StaffForm
          person={editing.value === 'new' ? null : editing.value}
          onDone={close}
          onCancel={() => close(null)}
        />
      )}
      {resetting.value && <ResetForm person={resetting.value} onDone={close} onCancel={() => close(null)} />}
      <Notice text={notice.value} />
      {error.value && (
        <p class="adm-error" role="alert">
          {error.value}
        </p>
      )}
      <LoginLocks onDone={(msg) => (notice.value = msg)} />
      <AdminTable heads={[c.fullName, c.username, c.role, c.defaultCounter, c.status, t().actions]}>
        {staff.value.map((s) => (
          <tr key={s.id} class={s.disabled ? 'adm-muted' : ''}>
            <td>
              <strong>{s.fullName}</strong>
            </td>
            <td class="adm-mono">{s.username}</td>
            <td>{c.roles[s.role]}</td>
            <td>{s.defaultCounterId === null ? '—' : (counterName.get(s.defaultCounterId) ?? '')}</td>
            <td>
              {s.disabled ? <span class="adm-badge adm-badge-bad">{c.disabled}</span> : c.active}
              {s.mustChangePassword && !s.disabled && <small class="adm-sub">{c.mustChange}</small>}
            </td>
            <td class="adm-actions">
              {confirming.value === s.id ? (
                <>
                  <span>{c.confirmDisable(s.fullName)}</span>
                  <button type="button" class="adm-danger" onClick={() => void setDisabled(s, true)}>
                    {c.confirm}
                  </button>
                  <button type="button" onClick={() => (confirming.value = null)}>
                    {t().cancel}
                  </button>
                </>
              ) : (
                <>
                  <button
                    type="button"
                    onClick={() => ((editing.value = s), (resetting.value = null), (notice.value = null))}
                  >
                    {t().edit}
                  </button>
                  <button
                    type="button"
                    onClick={() => ((resetting.value = s), (editing.value = null), (notice.value = null))}
                  >
                    {c.resetPassword}
                  </button>
                  {s.disabled ? (
                    <button type="button" onClick={() => void setDisabled(s, false)}>
                      {c.enable}
                    </button>
                  ) : (
                    s.id !== me && (
                      <button type="button" class="adm-danger" onClick={() => (confirming.value = s.id)}>
                        {c.disable}
                      </button>
                    )
                  )}
                </>
              )}
            </td>
          </tr>
        ))}
      </AdminTable>
    </AdminSection>
  );
}
