/** Sections whose storage another part of the system provides, until it is in. */
import { t } from '../i18n';

export function DisplaySection() {
  return (
    <section class="adm-section">
      <h2>{t().display.heading}</h2>
      <p class="adm-panel">{t().display.pending}</p>
    </section>
  );
}
