/**
 * Office administration (/counter/admin/<section>), administrators only:
 * a menu of sections on the left, one section at a time on the right.
 */
import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import type { JSX } from 'preact';
import { staffUser } from '@ui/staff-session';
import { officePath, pagePath } from '@ui/office';
import { AuditSection } from './components/audit';
import { BackupSection } from './components/backup';
import { CountersSection } from './components/counters';
import { DevicesSection } from './components/devices';
import { FieldsSection } from './components/fields';
import { OfficeSection } from './components/office';
import { HolidaysSection } from './components/holidays';
import { IntegrationSection } from './components/integration';
import { DisplaySection } from './components/display';
import { ProceduresSection } from './components/procedures';
import { StaffSection } from './components/staff';
import { t } from './i18n';
import { office, reloadAll } from './state';
import './admin.css';

const SECTIONS = {
  office: OfficeSection,
  fields: FieldsSection,
  procedures: ProceduresSection,
  counters: CountersSection,
  staff: StaffSection,
  devices: DevicesSection,
  holidays: HolidaysSection,
  display: DisplaySection,
  integration: IntegrationSection,
  backup: BackupSection,
  audit: AuditSection,
} satisfies Record<string, () => JSX.Element>;
type Section = keyof typeof SECTIONS;

function sectionOf(path: string): Section {
  const s = path.replace(/^\/counter\/admin\/?/, '').split('/')[0] ?? '';
  return s in SECTIONS ? (s as Section) : 'office';
}

export function Admin() {
  const section = useSignal<Section>(sectionOf(pagePath()));
  const ready = useSignal(false);
  const failed = useSignal<string | null>(null);
  const isAdmin = staffUser.value?.role === 'admin';

  useEffect(() => {
    if (!isAdmin) return;
    reloadAll().then(
      () => (ready.value = true),
      (err: unknown) => (failed.value = err instanceof Error ? err.message : String(err)),
    );
    const onPop = () => (section.value = sectionOf(pagePath()));
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, [isAdmin]);

  if (!isAdmin) return <main class="adm-main">{t().onlyAdmin}</main>;
  if (failed.value) {
    return (
      <main class="adm-main">
        <p class="adm-error" role="alert">
          {failed.value}
        </p>
      </main>
    );
  }
  const go = (s: Section) => (e: Event) => {
    e.preventDefault();
    section.value = s;
    window.history.pushState(null, '', officePath(`/counter/admin/${s}`));
  };
  const Current = SECTIONS[section.value];
  return (
    <div class="adm">
      <nav class="adm-nav" aria-label={t().title}>
        <h1>{t().title}</h1>
        <ul>
          {(Object.keys(SECTIONS) as Section[]).map((s) => (
            <li key={s}>
              <a
                href={officePath(`/counter/admin/${s}`)}
                onClick={go(s)}
                aria-current={section.value === s ? 'page' : undefined}
              >
                {t().sections[s]}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <main class="adm-main">
        {office.value && !office.value.setUp && (
          <p class="adm-warn" role="note">
            {t().notSetUp}
          </p>
        )}
        {ready.value ? <Current /> : <p>{t().loading}</p>}
      </main>
    </div>
  );
}
