/**
 * The staff app and the counter's citizen-facing pad share this page:
 *   /counter/          clerk terminal (signed-in staff)
 *   /counter/rate      rating pad (device key, citizen-facing)
 *   /counter/reports   reports and dossier follow-up (supervisor, admin)
 *   /counter/admin     office administration (admin)
 *   /counter/hall      the live hall (supervisor, admin)
 *   /counter/province  the province's offices and figures (a province administrator, home office only)
 * Each route's screens live in their own folder with their own catalogue.
 */
import { lazy, Suspense } from 'preact/compat';
import { pagePath } from '@ui/office';
import { StaffShell } from './staff-shell';

const ClerkScreen = lazy(() => import('./clerk').then((m) => ({ default: m.ClerkScreen })));
const RatingPad = lazy(() => import('./rating-pad').then((m) => ({ default: m.RatingPad })));
const Reports = lazy(() => import('./reports').then((m) => ({ default: m.Reports })));
const Admin = lazy(() => import('./admin').then((m) => ({ default: m.Admin })));
const Hall = lazy(() => import('./hall').then((m) => ({ default: m.Hall })));
const Province = lazy(() => import('./province').then((m) => ({ default: m.Province })));

export function route(path: string): 'clerk' | 'rate' | 'reports' | 'admin' | 'hall' | 'province' {
  const rest = path.replace(/^\/counter\/?/, '').split('/')[0];
  if (rest === 'rate' || rest === 'reports' || rest === 'admin' || rest === 'hall' || rest === 'province') return rest;
  return 'clerk';
}

export function App() {
  const which = route(pagePath());
  if (which === 'rate') {
    return (
      <Suspense fallback={null}>
        <RatingPad />
      </Suspense>
    );
  }
  return (
    <StaffShell>
      <Suspense fallback={null}>
        {which === 'reports' ? (
          <Reports />
        ) : which === 'admin' ? (
          <Admin />
        ) : which === 'hall' ? (
          <Hall />
        ) : which === 'province' ? (
          <Province />
        ) : (
          <ClerkScreen />
        )}
      </Suspense>
    </StaffShell>
  );
}
