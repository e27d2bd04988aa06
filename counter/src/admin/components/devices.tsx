/**
 * Devices: add a kiosk / board / rating pad and show its pairing link and
 * QR code (the key, shown once); revoke; last contact and printer state.
 */
import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import type { AdminDeviceDto, DeviceCreateBody, DevicePairingDto } from '@protocol/admin';
import type { PrinterStatusDto } from '@protocol/dto';
import type { DeviceKind } from '@protocol/schemas';
import { officePath } from '@ui/office';
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
  const url = window.location.origin + officePath(props.pairing.pairingPath);
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
function PrinterCell(props: { device: AdminDeviceDto; live: PrinterStatusDto | undefined; onChange: () => void }) {
  const c = t().devices;
  const { device: d, live } = props;
  const drop = async () => {
    await adminApi('POST', `/api/printers/${d.id}/drop`, {});
    props.onChange();
  };
  if (d.kind !== 'kiosk') return <>—</>;
  if (live) {
    return (
      <>
        <span class={`adm-badge adm-printer-${live.state}`}>{c.printerStates[live.state]}</span>
        <small class="adm-sub">{live.address}</small>
        {live.state !== 'ok' && <small class="adm-sub">{live.message}</small>}
        {live.pending > 0 && <small class="adm-sub">{c.pending(live.pending)}</small>}
        {live.pending > 0 && live.state !== 'ok' && live.state !== 'paper-low' && (
          <button type="button" onClick={() => void drop()}>
            {c.dropHeld}
          </button>
        )}
      </>
    );
  }
  if (d.printer?.message) return <small>{d.printer.message}</small>;
  return <small class="adm-sub">{c.noPrinter}</small>;
}

interface ProfileOption {
  id: string;
  name: string;
}
interface Attached {
  usb: Array<{ address: string; vendorId: number; productId: number }>;
  serial: Array<{ address: string; path: string; manufacturer: string | null }>;
}

const hex = (n: number) => n.toString(16).padStart(4, '0');

/**
 * A kiosk's or counter's printer: a model (profile) or the route and width
 * by hand, the address typed or picked from what is plugged into the
 * server (USB by vendor/product id, serial ports), and "print a test page".
 */
export function PrinterForm(props: {
  /** Whose printer: the kiosk's or the counter's name. */
  name: string;
  /** PUT here to save; POST `${path}/test-page` prints the test page. */
  path: string;
  live: PrinterStatusDto | undefined;
  onDone: () => void;
}) {
  const c = t().devices;
  const profiles = useSignal<ProfileOption[]>([]);
  const attached = useSignal<Attached>({ usb: [], serial: [] });
  const address = useSignal(props.live?.address ?? '');
  const notice = useSignal<string | null>(null);
  useEffect(() => {
    void adminApi<{ profiles: ProfileOption[] }>('GET', '/api/printers/profiles').then(
      (r) => (profiles.value = r.profiles),
    );
    void adminApi<Attached>('GET', '/api/printers/attached').then((r) => (attached.value = r));
  }, []);
  const { error, form, submit } = useSubmit(async (d) => {
    const body: Record<string, unknown> = { address: address.value.trim() || 'none' };
    const profile = String(d.get('profile') ?? '');
    if (profile) body.profile = profile;
    const route = String(d.get('route') ?? '');
    if (route) body.route = route;
    const width = String(d.get('widthDots') ?? '');
    if (width) body.widthDots = Number(width);
    const page = String(d.get('codePage') ?? '').trim();
    if (page) body.codePage = Number(page);
    await adminApi('PUT', props.path, body);
    props.onDone();
  });
  const testPage = async () => {
    notice.value = null;
    try {
      await adminApi('POST', `${props.path}/test-page`);
      notice.value = c.testPageSent;
    } catch (err) {
      notice.value = toFormError(err).message;
    }
  };
  const plugged = [...attached.value.usb, ...attached.value.serial];
  return (
    <FormPanel formRef={form} onSubmit={submit} title={c.printerOf(props.name)}>
      <div class="adm-grid">
        <Select label={c.printerProfile} name="profile" value={props.live?.profile ?? ''} error={error.value}>
          <option value="">{c.noProfile}</option>
          {profiles.value.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </Select>
        <Input
          label={c.printerAddress}
          name="address"
          value={address.value}
          onInput={(e) => (address.value = e.currentTarget.value)}
          placeholder="192.168.1.50:9100"
          hint={c.printerAddressHint}
          error={error.value}
          autoFocus
        />
        <Select
          label={c.plugged}
          name="plugged"
          value=""
          onChange={(e) => {
            if (e.currentTarget.value) address.value = e.currentTarget.value;
          }}
        >
          <option value="">{plugged.length ? c.pickPlugged : c.nonePlugged}</option>
          {attached.value.usb.map((u) => (
            <option key={u.address} value={u.address}>
              USB {hex(u.vendorId)}:{hex(u.productId)}
            </option>
          ))}
          {attached.value.serial.map((p) => (
            <option key={p.address} value={p.address}>
              {p.path}
              {p.manufacturer ? ` (${p.manufacturer})` : ''}
            </option>
          ))}
        </Select>
        <Select
          label={c.printerRoute}
          name="route"
          value={props.live?.profile ? '' : (props.live?.route ?? '')}
          error={error.value}
        >
          <option value="">{c.fromProfile}</option>
          <option value="codepage">{c.routes.codepage}</option>
          <option value="tcvn3">{c.routes.tcvn3}</option>
          <option value="raster">{c.routes.raster}</option>
        </Select>
        <Select
          label={c.printerWidth}
          name="widthDots"
          value={props.live?.profile ? '' : String(props.live?.widthDots ?? '')}
          error={error.value}
        >
          <option value="">{c.fromProfile}</option>
          <option value="576">80 mm</option>
          <option value="384">58 mm</option>
        </Select>
        <Input label={c.codePage} name="codePage" inputMode="numeric" error={error.value} />
      </div>
      <p class="adm-help">{c.printerHelp}</p>
      <ErrorLine error={error.value} form={form.current} />
      {notice.value && (
        <p class="adm-notice" role="status">
          {notice.value}
        </p>
      )}
      <div class="adm-buttons">
        {props.live && (
          <button type="button" onClick={() => void testPage()}>
            {c.testPage}
          </button>
        )}
      </div>
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
  const liveOf = (id: number) => printers.value.find((p) => p.kind === 'kiosk' && p.deviceId === id);

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
          name={configuring.value.name}
          path={`/api/printers/${configuring.value.id}`}
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
              <PrinterCell device={d} live={liveOf(d.id)} onChange={() => void loadPrinters()} />
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
