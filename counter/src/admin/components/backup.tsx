/** Backup: download a consistent copy; the daily copies kept on the server. */
import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import type { BackupFileDto } from '@protocol/admin';
import { staffToken } from '@ui/staff-session';
import { officePath } from '@ui/office';
import { t } from '../i18n';
import { adminApi, shortTime } from '../state';

interface BackupList {
  keepDays: number;
  files: BackupFileDto[];
}

const size = (bytes: number) =>
  bytes >= 1048576 ? `${(bytes / 1048576).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`;

export function BackupSection() {
  const c = t().backup;
  const list = useSignal<BackupList | null>(null);
  const busy = useSignal(false);
  const error = useSignal<string | null>(null);
  const load = async () => (list.value = await adminApi<BackupList>('GET', '/api/admin/backups'));
  useEffect(() => {
    void load();
  }, []);

  const download = async () => {
    busy.value = true;
    error.value = null;
    try {
      const res = await fetch(officePath('/api/admin/backup'), {
        headers: { authorization: `Bearer ${staffToken.value ?? ''}` },
      });
      if (!res.ok) throw new Error(((await res.json()) as { error: { message: string } }).error.message);
      const name = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? 'motcua.sqlite';
      const url = URL.createObjectURL(await res.blob());
      const a = document.createElement('a');
      a.href = url;
      a.download = name;
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (err) {
      error.value = err instanceof Error ? err.message : String(err);
    } finally {
      busy.value = false;
    }
  };

  return (
    <section class="adm-section">
      <h2>{c.heading}</h2>
      <div class="adm-panel">
        <p>{c.downloadHelp}</p>
        <button type="button" class="adm-primary adm-big" onClick={() => void download()} disabled={busy.value}>
          {busy.value ? c.downloading : c.download}
        </button>
        {error.value && (
          <p class="adm-error" role="alert">
            {error.value}
          </p>
        )}
        <p class="adm-help">{c.restoreHelp}</p>
      </div>
      <h3>{c.daily}</h3>
      {list.value && <p>{c.dailyHelp(list.value.keepDays)}</p>}
      <button
        type="button"
        onClick={() => {
          void adminApi('POST', '/api/admin/backups/run').then(load);
        }}
      >
        {c.runNow}
      </button>
      {list.value && list.value.files.length === 0 ? (
        <p class="adm-empty">{c.empty}</p>
      ) : (
        <table class="adm-table">
          <thead>
            <tr>
              <th>{c.file}</th>
              <th>{c.createdAt}</th>
              <th>{c.size}</th>
            </tr>
          </thead>
          <tbody>
            {list.value?.files.map((f) => (
              <tr key={f.name}>
                <td class="adm-mono">{f.name}</td>
                <td>{shortTime(f.createdAt)}</td>
                <td>{size(f.bytes)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
