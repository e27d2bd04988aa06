/** The audit log: who changed what, when, before → after. */
import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import type { AuditEntryDto } from '@protocol/admin';
import { t } from '../i18n';
import { adminApi, shortTime } from '../state';
import { Check } from './form';

const PAGE = 50;

const show = (v: unknown): string =>
  v === null || v === undefined ? '∅' : typeof v === 'string' ? v : JSON.stringify(v);

/** Only what changed: "key: before → after" for each differing key. */
function Change(props: { before: unknown; after: unknown }) {
  const b = (props.before ?? {}) as Record<string, unknown>;
  const a = (props.after ?? {}) as Record<string, unknown>;
  if (typeof b !== 'object' || typeof a !== 'object') return <span>{show(props.after)}</span>;
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])].filter(
    (k) => JSON.stringify(b[k]) !== JSON.stringify(a[k]),
  );
  if (keys.length === 0) return null;
  return (
    <ul class="adm-diff">
      {keys.map((k) => (
        <li key={k}>
          <span class="adm-key">{t().audit.keys[k] ?? k}</span>: {props.before ? <del>{show(b[k])}</del> : null}
          {props.before ? ' → ' : ''}
          <ins>{show(a[k])}</ins>
        </li>
      ))}
    </ul>
  );
}

export function AuditSection() {
  const c = t().audit;
  const entries = useSignal<AuditEntryDto[]>([]);
  const more = useSignal(true);
  const adminOnly = useSignal(true);
  const load = async (before?: number) => {
    const query = `limit=${PAGE}&adminOnly=${adminOnly.value ? 1 : 0}${before ? `&before=${before}` : ''}`;
    const page = await adminApi<AuditEntryDto[]>('GET', `/api/admin/audit?${query}`);
    entries.value = before ? [...entries.value, ...page] : page;
    more.value = page.length === PAGE;
  };
  useEffect(() => {
    void load();
  }, []);
  return (
    <section class="adm-section">
      <h2>{c.heading}</h2>
      <Check
        label={c.adminOnly}
        name="adminOnly"
        checked={adminOnly.value}
        onChange={(v) => {
          adminOnly.value = v;
          void load();
        }}
      />
      {entries.value.length === 0 ? (
        <p class="adm-empty">{c.empty}</p>
      ) : (
        <table class="adm-table adm-audit">
          <thead>
            <tr>
              <th>{c.at}</th>
              <th>{c.actor}</th>
              <th>{c.action}</th>
              <th>{c.change}</th>
            </tr>
          </thead>
          <tbody>
            {entries.value.map((e) => (
              <tr key={e.id}>
                <td class="adm-nowrap">{shortTime(e.at)}</td>
                <td>{e.actorKind === 'system' ? c.system : e.actor}</td>
                <td>
                  {c.actions[e.action] ?? e.action}
                  {e.entityId && e.entityId !== '-' && e.entityId !== '*' && (
                    <small class="adm-sub">#{e.entityId}</small>
                  )}
                </td>
                <td>
                  <Change before={e.before} after={e.after} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {more.value && entries.value.length > 0 && (
        <button type="button" onClick={() => void load(entries.value[entries.value.length - 1]!.id)}>
          {c.more}
        </button>
      )}
    </section>
  );
}
