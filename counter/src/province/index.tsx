/**
 * /counter/province — the province administrator's page (docs/api/province.md),
 * on the home office only: the offices and their addresses, adding one (its
 * administrator's password shown once), and the province's figures for a
 * period, office by office and for the whole province.
 */
import { useEffect } from 'preact/hooks';
import { lang, makeT } from '@ui/i18n';
import { officeCode } from '@ui/office';
import { AddOfficeForm, CreatedOffice } from './components/add-office';
import { Figures, type Formats } from './components/figures';
import { OfficesTable } from './components/offices';
import { en } from './en';
import { created, forbidden, loadFigures, offices, officesAt, officesError, watchOffices } from './state';
import { vi } from './vi';
import '@ui/desk.css';
import './province.css';

const t = makeT({ vi, en });

const locale = () => (lang.value === 'vi' ? 'vi-VN' : 'en-GB');
const formats: Formats = {
  num: (n) => new Intl.NumberFormat(locale()).format(n),
  pct: (n) => `${new Intl.NumberFormat(locale(), { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(n)}%`,
  mins: (s) =>
    s === null
      ? t().none
      : t().figures.minutes(
          new Intl.NumberFormat(locale(), { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(s / 60),
        ),
  dmy: (iso) => iso.slice(0, 10).split('-').reverse().join('/'),
};

export function Province() {
  const home = officeCode() === null;
  useEffect(() => {
    if (!home) return undefined;
    void loadFigures();
    return watchOffices();
  }, [home]);
  const c = t();
  if (!home) {
    return (
      <main class="desk province">
        <h1>{c.title}</h1>
        <p class="error" role="alert">
          {c.notHome}
        </p>
        <p>
          <a href="/counter/province">{c.openAtHome}</a>
        </p>
      </main>
    );
  }
  if (forbidden.value) {
    return (
      <main class="desk province">
        <h1>{c.title}</h1>
        <p class="error" role="alert" data-testid="province-forbidden">
          {forbidden.value}
        </p>
      </main>
    );
  }
  return (
    <main class="desk province">
      <h1>{c.title}</h1>
      <p class="muted">{c.intro}</p>
      <section class="card" aria-labelledby="offices-h">
        <h2 id="offices-h">{c.offices.title}</h2>
        {officesError.value && (
          <p class="error" role="alert">
            {officesError.value}
          </p>
        )}
        {offices.value ? (
          <OfficesTable t={c} offices={offices.value} at={officesAt.value} num={formats.num} />
        ) : (
          <p class="muted">{c.offices.loading}</p>
        )}
      </section>
      <section class="card" aria-labelledby="add-h">
        <h2 id="add-h">{c.add.title}</h2>
        {created.value && <CreatedOffice t={c} office={created.value} />}
        <AddOfficeForm t={c} />
      </section>
      <section class="card" aria-labelledby="figures-h">
        <h2 id="figures-h">{c.figures.title}</h2>
        <Figures t={c} f={formats} />
      </section>
    </main>
  );
}
