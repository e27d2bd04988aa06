import { t } from '../i18n';

/** Shown while the server cannot be reached; the socket keeps retrying underneath. */
export function OfflineBanner({ online }: { online: boolean }) {
  if (online) return null;
  return (
    <div class="offline-banner" role="alert" data-testid="offline">
      {t().disconnected}
    </div>
  );
}
