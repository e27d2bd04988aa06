import { t } from '../i18n';

/** Codes of the dossiers whose results wait at the counter (codes only: never a name on the wall). */
export function ReadyDossiers({ codes }: { codes: string[] }) {
  if (codes.length === 0) return null;
  return (
    <section class="ready" data-testid="ready-dossiers">
      <span class="ready-title">{t().readyDossiers}:</span>
      {codes.map((code) => (
        <span key={code} class="ready-code">
          {code}
        </span>
      ))}
    </section>
  );
}
