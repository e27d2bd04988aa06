/** Dossier report paths timed by reports.bench.ts. */
export const dossierBenchPaths: Array<[string, string]> = [];
