/**
 * Devices: add a kiosk / board / rating pad and show its pairing link and
 * QR code (the key, shown once); revoke; last contact and printer state.
 */
import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import type { AdminDeviceDto, DeviceCreateBody, DevicePairingDto } from '@protocol/admin';
import type { PrinterStatusDto } from '@protocol/dto';
import type { DeviceKind } from '@protocol/schemas';
import { t } from '../i18n';
import { adminApi, counters, devices, reload, shortTime } from '../state';
import {
  AdminSection,
  AdminTable,
  ErrorLine,
  FormButtons,
  FormPanel,
  Input,
  Select,
  toFormError,
  useSubmit,
} from './form';

const KINDS: DeviceKind[] = ['kiosk', 'display', 'rating'];

function Pairing(props: { pairing: DevicePairingDto; onDone: () => void }) {
  const c = t().devices;
  const url = `${window.location.origin}${props.pairing.pairingPath}`;
  const svg = useSignal('');
  const copied = useSignal(false);
  useEffect(() => {
    // drawn by the server: the page bundles no QR library
    void adminApi<{ svg: string }>('POST', '/api/admin/qr', { text: url }).then((r) => (svg.value = r.svg));
  }, [url]);
  const local = /^(localhost|127\.|\[::1\])/.test(window.location.hostname);
  return (
    <div class="adm-panel adm-pairing" role="region" aria-label={c.pairingTitle(props.pairing.device.name)}>
      <h3>{c.pairingTitle(props.pairing.device.name)}</h3>
      <div class="adm-pairing-body">
        <div class="adm-qr" aria-hidden="true" dangerouslySetInnerHTML={{ __html: svg.value }} />
        <div>
          <p>{c.pairingHelp}</p>
          <label class="adm-input">
            <span>{c.pairingLink}</span>
            <input class="adm-mono" name="pairingLink" readOnly value={url} onFocus={(e) => e.currentTarget.select()} />
          </label>
          {local && <p class="adm-warn">{c.localhostWarning}</p>}
          <div class="adm-buttons">
            <button
              type="button"
              onClick={() => {
                void navigator.clipboard?.writeText(url).then(() => (copied.value = true));
              }}
            >
              {copied.value ? c.copied : c.copy}
            </button>
            <button type="button" class="adm-primary" onClick={props.onDone}>
              {c.done}
            </button>
          </div>
        </div>
      </div>
    </div>
  );
}

function AddDevice(props: { onPaired: (p: DevicePairingDto) => void; onCancel: () => void }) {
  const c = t().devices;
  const kind = useSignal<DeviceKind>('kiosk');
  const { error, busy, form, submit } = useSubmit(async (d) => {
    const counter = String(d.get('counterId') ?? '');
    const body: DeviceCreateBody = {
      kind: kind.value,
      name: String(d.get('name') ?? ''),
      counterId: kind.value === 'rating' && counter ? Number(counter) : null,
    };
    const pairing = await adminApi<DevicePairingDto>('POST', '/api/admin/devices', body);
    await Promise.all([reload.devices(), reload.counters()]);
    props.onPaired(pairing);
  });
  return (
    <FormPanel formRef={form} onSubmit={submit} title={c.add}>
      <div class="adm-grid">
        <Select
          label={c.kind}
          name="kind"
          value={kind.value}
          onChange={(e) => (kind.value = e.currentTarget.value as DeviceKind)}
        >
          {KINDS.map((k) => (
            <option key={k} value={k}>
              {c.kinds[k]}
            </option>
          ))}
        </Select>
        <Input label={c.name} name="name" error={error.value} autoFocus />
        {kind.value === 'rating' && (
          <Select label={c.counter} name="counterId" value="" error={error.value}>
            <option value="">{t().none}</option>
            {counters.value.map((k) => (
              <option key={k.id} value={String(k.id)}>
                {k.name}
              </option>
            ))}
          </Select>
        )}
      </div>
      <ErrorLine error={error.value} form={form.current} />
      <FormButtons busy={busy.value} label={c.add} onCancel={props.onCancel} />
    </FormPanel>
  );
}

/** A kiosk's printer: the live state when the print service knows it, else the last one recorded. */
function PrinterCell(props: { device: AdminDeviceDto; live: PrinterStatusDto | undefined }) {
  const c = t().devices;
  const { device: d, live } = props;
  if (d.kind !== 'kiosk') return <>—</>;
  if (live) {
    return (
      <>
        <span class={`adm-badge adm-printer-${live.state}`}>{c.printerStates[live.state]}</span>
        <small class="adm-sub">{live.address}</small>
        {live.state !== 'ok' && <small class="adm-sub">{live.message}</small>}
        {live.pending > 0 && <small class="adm-sub">{c.pending(live.pending)}</small>}
      </>
    );
  }
  if (d.printer?.message) return <small>{d.printer.message}</small>;
  return <small class="adm-sub">{c.noPrinter}</small>;
}

function PrinterForm(props: { device: AdminDeviceDto; live: PrinterStatusDto | undefined; onDone: () => void }) {
  const c = t().devices;
  const { error, form, submit } = useSubmit(async (d) => {
    await adminApi('PUT', `/api/printers/${props.device.id}`, {
      address: String(d.get('address') ?? '').trim() || 'none',
      route: String(d.get('route')),
      widthDots: Number(d.get('widthDots')),
    });
    props.onDone();
  });
  return (
    <FormPanel formRef={form} onSubmit={submit} title={c.printerOf(props.device.name)}>
      <div class="adm-grid">
        <Input
          label={c.printerAddress}
          name="address"
          defaultValue={props.live?.address ?? ''}
          placeholder="192.168.1.50:9100"
          error={error.value}
          autoFocus
        />
        <Select label={c.printerRoute} name="route" value={props.live?.route ?? 'codepage'} error={error.value}>
          <option value="codepage">{c.routes.codepage}</option>
          <option value="raster">{c.routes.raster}</option>
        </Select>
        <Select
          label={c.printerWidth}
          name="widthDots"
          value={String(props.live?.widthDots ?? 576)}
          error={error.value}
        >
          <option value="576">80 mm</option>
          <option value="384">58 mm</option>
        </Select>
      </div>
      <p class="adm-help">{c.printerHelp}</p>
      <ErrorLine error={error.value} form={form.current} />
      <FormButtons onCancel={props.onDone} />
    </FormPanel>
  );
}

export function DevicesSection() {
  const c = t().devices;
  const adding = useSignal(false);
  const pairing = useSignal<DevicePairingDto | null>(null);
  const confirming = useSignal<number | null>(null);
  const error = useSignal<string | null>(null);
  const printers = useSignal<PrinterStatusDto[]>([]);
  const configuring = useSignal<AdminDeviceDto | null>(null);
  const counterName = new Map(counters.value.map((k) => [k.id, k.name]));
  const loadPrinters = async () => {
    printers.value = (await adminApi<{ printers: PrinterStatusDto[] }>('GET', '/api/printers')).printers;
  };
  useEffect(() => {
    void loadPrinters();
  }, []);
  const liveOf = (id: number) => printers.value.find((p) => p.deviceId === id);

  const revoke = async (d: AdminDeviceDto) => {
    error.value = null;
    try {
      await adminApi('POST', `/api/admin/devices/${d.id}/revoke`);
      confirming.value = null;
      await Promise.all([reload.devices(), reload.counters()]);
    } catch (err) {
      error.value = toFormError(err).message;
    }
  };

  return (
    <AdminSection heading={c.heading} add={c.add} onAdd={() => ((adding.value = true), (pairing.value = null))}>
      {adding.value && (
        <AddDevice
          onPaired={(p) => ((pairing.value = p), (adding.value = false))}
          onCancel={() => (adding.value = false)}
        />
      )}
      {pairing.value && <Pairing pairing={pairing.value} onDone={() => (pairing.value = null)} />}
      {configuring.value && (
        <PrinterForm
          device={configuring.value}
          live={liveOf(configuring.value.id)}
          onDone={() => {
            configuring.value = null;
            void Promise.all([loadPrinters(), reload.devices()]);
          }}
        />
      )}
      {error.value && (
        <p class="adm-error" role="alert">
          {error.value}
        </p>
      )}
      <AdminTable
        heads={[c.name, c.kind, c.counter, c.lastSeen, c.printer, t().actions]}
        empty={devices.value.length === 0 ? c.empty : null}
      >
        {devices.value.map((d) => (
          <tr key={d.id} class={d.revokedAt ? 'adm-muted' : ''}>
            <td>
              <strong>{d.name}</strong>
            </td>
            <td>{c.kinds[d.kind]}</td>
            <td>{d.counterId === null ? '—' : (counterName.get(d.counterId) ?? '')}</td>
            <td>{d.lastSeenAt ? shortTime(d.lastSeenAt) : c.never}</td>
            <td>
              <PrinterCell device={d} live={liveOf(d.id)} />
            </td>
            <td class="adm-actions">
              {d.revokedAt ? (
                <span class="adm-badge adm-badge-bad">
                  {c.revoked} {shortTime(d.revokedAt)}
                </span>
              ) : confirming.value === d.id ? (
                <>
                  <button type="button" class="adm-danger" onClick={() => void revoke(d)}>
                    {c.confirmRevoke}
                  </button>
                  <button type="button" onClick={() => (confirming.value = null)}>
                    {t().cancel}
                  </button>
                </>
              ) : (
                <>
                  {d.kind === 'kiosk' && (
                    <button type="button" onClick={() => (configuring.value = d)} aria-label={c.printerOf(d.name)}>
                      {c.printer}
                    </button>
                  )}
                  <button
                    type="button"
                    class="adm-danger"
                    onClick={() => (confirming.value = d.id)}
                    aria-label={`${c.revoke} ${d.name}`}
                  >
                    {c.revoke}
                  </button>
                </>
              )}
            </td>
          </tr>
        ))}
      </AdminTable>
    </AdminSection>
  );
}
