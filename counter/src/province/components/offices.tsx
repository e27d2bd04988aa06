import type { ProvinceOfficeDto } from '@protocol/province';
import { OFFICE_TIME_ZONE } from '@ui/dates';
import type { ProvinceCatalogue } from '../vi';

const timeText = (d: Date) =>
  new Intl.DateTimeFormat('vi-VN', {
    timeZone: OFFICE_TIME_ZONE,
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hour12: false,
  }).format(d);

/** Every office: its name and code, its pages' addresses, who waits now and which server process holds its queue. */
export function OfficesTable(props: {
  t: ProvinceCatalogue;
  offices: ProvinceOfficeDto[];
  at: Date | null;
  num: (n: number) => string;
}) {
  const c = props.t.offices;
  return (
    <>
      <table class="grid-table offices" data-testid="offices">
        <thead>
          <tr>
            <th>{c.name}</th>
            <th>{c.code}</th>
            <th>{c.address}</th>
            <th class="n">{c.waiting}</th>
            <th class="nowrap">{c.owner}</th>
          </tr>
        </thead>
        <tbody>
          {props.offices.map((o) => (
            <tr key={o.code} data-testid="office-row" data-code={o.code}>
              <td class="office-name">
                {o.name}
                {o.basePath === '' && <small class="block">{c.home}</small>}
              </td>
              <td class="nowrap">
                <code>{o.code}</code>
              </td>
              <td>
                <div class="links">
                  <a href={`${o.basePath}/counter/`} target="_blank" rel="noopener">
                    {c.counterLink} <code>{o.basePath}/counter/</code>
                  </a>
                  <a href={`${o.basePath}/kiosk/`} target="_blank" rel="noopener">
                    {c.kioskLink} <code>{o.basePath}/kiosk/</code>
                  </a>
                </div>
              </td>
              <td class="n waiting" data-testid="office-waiting">
                {o.waiting === null ? (
                  <span class="muted" title={c.unknownHint}>
                    {c.unknown}
                  </span>
                ) : (
                  props.num(o.waiting)
                )}
              </td>
              <td class="nowrap" data-testid="office-owner">
                {o.owner === null ? <span class="chip moving">{c.moving}</span> : <code>{o.owner}</code>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {props.at && <p class="muted small">{c.updated(timeText(props.at))}</p>}
    </>
  );
}
