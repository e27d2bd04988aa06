/**
 * Integration: the keys other programs call the API with (shown once,
 * revocable at once) and the webhooks that tell the province's system what
 * happened, with each delivery's status, tries and last error, and resend.
 */
import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import type {
  IntegrationKeyCreatedDto,
  IntegrationKeyDto,
  WebhookCreatedDto,
  WebhookDeliveryDto,
  WebhookDto,
} from '@protocol/integration';
import { officePath } from '@ui/office';
import { t } from '../i18n';
import { adminApi, shortTime } from '../state';
import { AdminTable, ErrorLine, FormButtons, FormPanel, Input, Notice, Select, toFormError, useSubmit } from './form';

/** A secret shown once, with a copy button. */
function ShownOnce(props: { title: string; help: string; value: string; onDone: () => void }) {
  const c = t().integration;
  const copied = useSignal(false);
  return (
    <div class="adm-panel adm-once" role="region" aria-label={props.title}>
      <h3>{props.title}</h3>
      <p class="adm-warn">{props.help}</p>
      <input
        class="adm-mono adm-secret"
        name="secret-shown"
        aria-label={props.title}
        readOnly
        value={props.value}
        onFocus={(e) => e.currentTarget.select()}
      />
      <div class="adm-buttons">
        <button
          type="button"
          onClick={() => {
            void navigator.clipboard?.writeText(props.value).then(() => (copied.value = true));
          }}
        >
          {copied.value ? c.copied : c.copy}
        </button>
        <button type="button" class="adm-primary" onClick={props.onDone}>
          {c.done}
        </button>
      </div>
    </div>
  );
}

function AddKey(props: { onCreated: (k: IntegrationKeyCreatedDto) => void; onCancel: () => void }) {
  const c = t().integration;
  const { error, busy, form, submit } = useSubmit(async (d) => {
    const expires = String(d.get('expiresAt') ?? '').trim();
    const created = await adminApi<IntegrationKeyCreatedDto>('POST', '/api/admin/integration-keys', {
      name: String(d.get('name') ?? ''),
      scopes: d.getAll('scopes').map(String),
      ...(expires ? { expiresAt: expires } : {}),
    });
    props.onCreated(created);
  });
  return (
    <FormPanel formRef={form} onSubmit={submit} title={c.addKey}>
      <div class="adm-grid">
        <Input label={c.keyName} name="name" error={error.value} autoFocus />
        <Input label={c.expiresAt} name="expiresAt" type="date" error={error.value} />
      </div>
      <fieldset class="adm-fieldset adm-checks" aria-label={c.scopes}>
        <legend>{c.scopes}</legend>
        {Object.entries(c.scopeNames).map(([scope, name]) => (
          <label key={scope} class="adm-check">
            <input type="checkbox" name="scopes" value={scope} />
            <span>
              {name} <small class="adm-mono">{scope}</small>
            </span>
          </label>
        ))}
      </fieldset>
      <ErrorLine error={error.value} form={form.current} />
      <FormButtons busy={busy.value} label={c.addKey} onCancel={props.onCancel} />
    </FormPanel>
  );
}

function AddWebhook(props: { onCreated: (w: WebhookCreatedDto) => void; onCancel: () => void }) {
  const c = t().integration;
  const { error, busy, form, submit } = useSubmit(async (d) => {
    const secret = String(d.get('secret') ?? '').trim();
    const created = await adminApi<WebhookCreatedDto>('POST', '/api/admin/webhooks', {
      url: String(d.get('url') ?? ''),
      events: d.getAll('events').map(String),
      format: String(d.get('format') ?? 'motcua'),
      ...(secret ? { secret } : {}),
    });
    props.onCreated(created);
  });
  return (
    <FormPanel formRef={form} onSubmit={submit} title={c.addWebhook}>
      <div class="adm-grid">
        <Input
          label={c.url}
          name="url"
          type="url"
          placeholder="http://10.0.0.5:8080/motcua"
          error={error.value}
          autoFocus
        />
        <Select label={c.format} name="format" value="motcua" error={error.value}>
          {Object.entries(c.formats).map(([f, name]) => (
            <option key={f} value={f}>
              {name}
            </option>
          ))}
        </Select>
        <Input label={c.secret} name="secret" error={error.value} autoComplete="off" />
      </div>
      <fieldset class="adm-fieldset adm-checks" aria-label={c.events}>
        <legend>{c.events}</legend>
        {Object.entries(c.eventNames).map(([event, name]) => (
          <label key={event} class="adm-check">
            <input type="checkbox" name="events" value={event} />
            <span>
              {name} <small class="adm-mono">{event}</small>
            </span>
          </label>
        ))}
      </fieldset>
      <ErrorLine error={error.value} form={form.current} />
      <FormButtons busy={busy.value} label={c.addWebhook} onCancel={props.onCancel} />
    </FormPanel>
  );
}

function Deliveries(props: { hook: WebhookDto; onClose: () => void; onChange: () => void }) {
  const c = t().integration;
  const rows = useSignal<WebhookDeliveryDto[] | null>(null);
  const notice = useSignal<string | null>(null);
  const load = async () => {
    rows.value = await adminApi<WebhookDeliveryDto[]>('GET', `/api/admin/webhooks/${props.hook.id}/deliveries`);
    // the counts in the list above follow what is shown here
    props.onChange();
  };
  useEffect(() => {
    void load();
  }, [props.hook.id]);
  const resend = async (d: WebhookDeliveryDto) => {
    try {
      await adminApi('POST', `/api/admin/webhooks/${props.hook.id}/deliveries/${d.id}/resend`);
      notice.value = c.resent;
      await load();
    } catch (err) {
      notice.value = toFormError(err).message;
    }
  };
  return (
    <div class="adm-panel" role="region" aria-label={c.deliveriesOf(props.hook.url)}>
      <div class="adm-head">
        <h3>{c.deliveriesOf(props.hook.url)}</h3>
        <div class="adm-buttons">
          <button type="button" onClick={() => void load()}>
            {c.refresh}
          </button>
          <button type="button" onClick={props.onClose}>
            {c.close}
          </button>
        </div>
      </div>
      <Notice text={notice.value} />
      {rows.value && (
        <AdminTable
          heads={[c.events, c.occurredAt, c.status, c.attempts, c.lastError, t().actions]}
          empty={rows.value.length === 0 ? c.noDeliveries : null}
        >
          {rows.value.map((d) => (
            <tr key={d.id}>
              <td>
                {c.eventNames[d.event] ?? d.event}
                <small class="adm-sub adm-mono">{d.id}</small>
              </td>
              <td>{shortTime(d.occurredAt)}</td>
              <td>
                <span
                  class={`adm-badge${d.status === 'failed' ? ' adm-badge-bad' : d.status === 'pending' ? ' adm-badge-warn' : ''}`}
                >
                  {c.statuses[d.status]}
                </span>
                {d.status === 'pending' && d.attempts > 0 && d.nextAttemptAt && (
                  <small class="adm-sub">{c.nextAttempt(shortTime(d.nextAttemptAt))}</small>
                )}
              </td>
              <td>{d.attempts}</td>
              <td>{d.status === 'delivered' ? '' : (d.lastError ?? '')}</td>
              <td>
                {d.status !== 'pending' && (
                  <button type="button" onClick={() => void resend(d)}>
                    {c.resend}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </AdminTable>
      )}
    </div>
  );
}

export function IntegrationSection() {
  const c = t().integration;
  const keys = useSignal<IntegrationKeyDto[]>([]);
  const hooks = useSignal<WebhookDto[]>([]);
  const adding = useSignal<'key' | 'webhook' | null>(null);
  const shown = useSignal<{ title: string; help: string; value: string } | null>(null);
  const viewing = useSignal<number | null>(null);
  const error = useSignal<string | null>(null);
  const load = async () => {
    [keys.value, hooks.value] = await Promise.all([
      adminApi<IntegrationKeyDto[]>('GET', '/api/admin/integration-keys'),
      adminApi<WebhookDto[]>('GET', '/api/admin/webhooks'),
    ]);
  };
  useEffect(() => {
    void load();
  }, []);
  const act = async (fn: () => Promise<unknown>) => {
    error.value = null;
    try {
      await fn();
      await load();
    } catch (err) {
      error.value = toFormError(err).message;
    }
  };
  const viewed = hooks.value.find((h) => h.id === viewing.value);

  return (
    <section class="adm-section">
      <h2>{c.heading}</h2>
      <p>
        {c.intro}{' '}
        <a href={officePath('/docs/api/')} target="_blank" rel="noopener">
          {c.docsLink}
        </a>
      </p>
      {error.value && (
        <p class="adm-error" role="alert">
          {error.value}
        </p>
      )}
      {shown.value && <ShownOnce {...shown.value} onDone={() => (shown.value = null)} />}

      <div class="adm-head">
        <h3>{c.keys}</h3>
        <button type="button" class="adm-primary" onClick={() => (adding.value = 'key')}>
          {c.addKey}
        </button>
      </div>
      {adding.value === 'key' && (
        <AddKey
          onCancel={() => (adding.value = null)}
          onCreated={(k) => {
            adding.value = null;
            shown.value = { title: c.keyShown(k.name), help: c.keyOnce, value: k.key };
            void load();
          }}
        />
      )}
      <AdminTable
        heads={[c.keyName, c.scopes, c.prefix, c.lastUsed, c.uses, c.state, t().actions]}
        empty={keys.value.length === 0 ? c.noKeys : null}
      >
        {keys.value.map((k) => (
          <tr key={k.id}>
            <td>
              {k.name}
              {k.expiresAt && (
                <small class="adm-sub">{`${c.expiresAt.split(' (')[0]}: ${shortTime(k.expiresAt)}`}</small>
              )}
            </td>
            <td>{k.scopes.map((s) => c.scopeNames[s] ?? s).join(', ')}</td>
            <td class="adm-mono">{k.prefix}…</td>
            <td>{shortTime(k.lastUsedAt)}</td>
            <td>{k.useCount}</td>
            <td>
              <span class={`adm-badge${k.state === 'active' ? '' : ' adm-badge-bad'}`}>{c.states[k.state]}</span>
            </td>
            <td>
              {k.state === 'active' && (
                <button
                  type="button"
                  onClick={() => {
                    if (window.confirm(c.revokeConfirm(k.name)))
                      void act(() => adminApi('POST', `/api/admin/integration-keys/${k.id}/revoke`));
                  }}
                >
                  {c.revoke}
                </button>
              )}
            </td>
          </tr>
        ))}
      </AdminTable>

      <div class="adm-head">
        <h3>{c.webhooks}</h3>
        <button type="button" class="adm-primary" onClick={() => (adding.value = 'webhook')}>
          {c.addWebhook}
        </button>
      </div>
      {adding.value === 'webhook' && (
        <AddWebhook
          onCancel={() => (adding.value = null)}
          onCreated={(w) => {
            adding.value = null;
            shown.value = { title: c.secretShown, help: c.secretOnce, value: w.secret };
            void load();
          }}
        />
      )}
      <AdminTable
        heads={[c.url, c.events, c.format, c.state, c.deliveries, t().actions]}
        empty={hooks.value.length === 0 ? c.noWebhooks : null}
      >
        {hooks.value.map((h) => (
          <tr key={h.id}>
            <td class="adm-mono">{h.url}</td>
            <td>{h.events.map((e) => c.eventNames[e] ?? e).join(', ')}</td>
            <td class="adm-mono">{h.format}</td>
            <td>
              <span class={`adm-badge${h.active ? '' : ' adm-badge-warn'}`}>{h.active ? c.active : c.paused}</span>
            </td>
            <td>
              <span class={h.counts.failed > 0 ? 'adm-error-text' : ''}>{c.counts(h.counts)}</span>
            </td>
            <td class="adm-actions">
              <button type="button" onClick={() => (viewing.value = h.id)}>
                {c.deliveries}
              </button>
              <button
                type="button"
                onClick={() =>
                  void act(() =>
                    adminApi('PUT', `/api/admin/webhooks/${h.id}`, {
                      url: h.url,
                      events: h.events,
                      format: h.format,
                      active: !h.active,
                      ...(h.description ? { description: h.description } : {}),
                    }),
                  )
                }
              >
                {h.active ? c.turnOff : c.turnOn}
              </button>
              <button
                type="button"
                onClick={() => {
                  if (window.confirm(c.removeConfirm(h.url)))
                    void act(() => adminApi('DELETE', `/api/admin/webhooks/${h.id}`));
                }}
              >
                {c.remove}
              </button>
            </td>
          </tr>
        ))}
      </AdminTable>
      {viewed && <Deliveries hook={viewed} onClose={() => (viewing.value = null)} onChange={() => void load()} />}
    </section>
  );
}
