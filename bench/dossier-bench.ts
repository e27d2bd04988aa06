/** Dossier report paths timed by reports.bench.ts (year 2025 of the generated office). */
export const dossierBenchPaths: Array<[string, string, string?]> = [
  [
    'dossier report JSON, year (contract)',
    '/api/reports/dossiers?from=2025-01-01&to=2025-12-31',
    'report_dossiers_year_ms',
  ],
  [
    'dossier report JSON, Decree 09 month',
    '/api/reports/dossiers?from=2025-02-15&to=2025-03-14',
    'report_dossiers_month_ms',
  ],
  ['dossier breakdown by field/procedure, year', '/api/reports/dossiers/breakdown?from=2025-01-01&to=2025-12-31'],
  ['supervisor list at risk', '/api/reports/dossiers/at-risk'],
  ['everything in one .xlsx, year', '/api/reports/export?from=2025-01-01&to=2025-12-31&format=xlsx'],
  ['dossier CSV export, one month', '/api/reports/dossiers/export?from=2025-03-01&to=2025-03-31&format=csv'],
];
