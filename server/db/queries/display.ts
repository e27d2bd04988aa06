import type { Executor } from '../database';
import type { DisplaySettings, VoiceKind } from '../../domain/display';

interface DisplaySettingsRow {
  notice: string;
  voice_enabled: number;
  volume: number;
  voice_kind: VoiceKind;
  repeat_count: number;
  chime: number;
}

export async function getDisplaySettings(q: Executor): Promise<DisplaySettings> {
  const r = await q.get<DisplaySettingsRow>('SELECT * FROM display_settings WHERE id = 1');
  if (!r) throw new Error('display_settings row missing (migration 0004 not applied?)');
  return {
    notice: r.notice,
    voiceEnabled: r.voice_enabled === 1,
    volume: r.volume,
    voiceKind: r.voice_kind,
    repeat: r.repeat_count,
    chime: r.chime === 1,
  };
}

export async function updateDisplaySettings(q: Executor, s: DisplaySettings, now: Date): Promise<void> {
  await q.run(
    `UPDATE display_settings SET notice = ?, voice_enabled = ?, volume = ?, voice_kind = ?, repeat_count = ?, chime = ?, updated_at = ?
     WHERE id = 1`,
    [s.notice, s.voiceEnabled ? 1 : 0, s.volume, s.voiceKind, s.repeat, s.chime ? 1 : 0, now.getTime()],
  );
}

/** A dossier whose result waits at the counter: only its code (never a name) reaches a board. */
export interface ReadyDossier {
  code: string;
  fieldId: number | null;
}

/** Dossiers resolved and waiting to be picked up at the counter, newest result first. */
export async function listReadyDossiers(q: Executor, limit: number): Promise<ReadyDossier[]> {
  const rows = await q.all<{ code: string; field_id: number | null }>(
    `SELECT code, field_id FROM dossiers
     WHERE status = 'resolved' AND preferred_return_channel = 'counter'
     ORDER BY resolved_at DESC, id DESC LIMIT ?`,
    [limit],
  );
  return rows.map((r) => ({ code: r.code, fieldId: r.field_id }));
}
