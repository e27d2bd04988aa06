/**
 * The hall display boards: the office-wide notice line and voice, and for
 * each board its heading, counters and lists (storage and API: the board's
 * area, docs/api/display.md).
 */
import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import type {
  BoardDto,
  BoardSettingsBody,
  DisplaySettingsBody,
  DisplaySettingsDto,
  VoiceKind,
} from '@protocol/display';
import { t } from '../i18n';
import { adminApi, counters, shortTime } from '../state';
import { Check, ErrorLine, FormPanel, Input, Notice, Select, numberOrNull, useSubmit } from './form';

const VOICE_KINDS: VoiceKind[] = ['auto', 'browser', 'server'];

function OfficeWide(props: { settings: DisplaySettingsDto; onSaved: (s: DisplaySettingsDto) => void }) {
  const c = t().display;
  const s = props.settings;
  const voice = useSignal(s.voiceEnabled);
  const chime = useSignal(s.chime);
  const notice = useSignal<string | null>(null);
  const { error, form, submit } = useSubmit(async (d) => {
    const body: DisplaySettingsBody = {
      notice: String(d.get('notice') ?? ''),
      voiceEnabled: voice.value,
      volume: numberOrNull(d.get('volume')) ?? 0,
      voiceKind: String(d.get('voiceKind')) as VoiceKind,
      repeat: Number(d.get('repeat')),
      chime: chime.value,
    };
    notice.value = null;
    props.onSaved(await adminApi<DisplaySettingsDto>('PUT', '/api/admin/display', body));
    notice.value = t().saved;
  });
  return (
    <FormPanel formRef={form} onSubmit={submit} title={c.all}>
      <label class="adm-input">
        <span>{c.notice}</span>
        <textarea name="notice" rows={2} maxLength={500} aria-label={c.notice} defaultValue={s.notice} />
      </label>
      <div class="adm-row">
        <Check label={c.voiceEnabled} name="voiceEnabled" checked={voice.value} onChange={(v) => (voice.value = v)} />
        <Check label={c.chime} name="chime" checked={chime.value} onChange={(v) => (chime.value = v)} />
      </div>
      <div class="adm-grid">
        <Input
          label={c.volume}
          name="volume"
          type="number"
          min={0}
          max={100}
          defaultValue={String(s.volume)}
          error={error.value}
        />
        <Select label={c.repeat} name="repeat" value={String(s.repeat)} error={error.value}>
          {[1, 2, 3].map((n) => (
            <option key={n} value={String(n)}>
              {n}
            </option>
          ))}
        </Select>
        <Select label={c.voiceKind} name="voiceKind" value={s.voiceKind} error={error.value}>
          {VOICE_KINDS.map((k) => (
            <option key={k} value={k}>
              {c.voiceKinds[k]}
            </option>
          ))}
        </Select>
      </div>
      <p class="adm-help">{c.voiceHelp}</p>
      <ErrorLine error={error.value} form={form.current} />
      <Notice text={notice.value} />
      <div class="adm-buttons">
        <button type="submit" class="adm-primary">
          {t().save}
        </button>
      </div>
    </FormPanel>
  );
}

function BoardForm(props: { board: BoardDto; onSaved: (b: BoardDto) => void }) {
  const c = t().display;
  const b = props.board;
  const all = useSignal(b.settings.counterIds === null);
  const chosen = useSignal<number[]>(b.settings.counterIds ?? counters.value.map((k) => k.id));
  const waiting = useSignal(b.settings.showWaiting);
  const notice = useSignal<string | null>(null);
  const { error, form, submit } = useSubmit(async (d) => {
    const title = String(d.get('title') ?? '').trim();
    const body: BoardSettingsBody = {
      title: title || null,
      counterIds: all.value ? null : counters.value.map((k) => k.id).filter((id) => chosen.value.includes(id)),
      showWaiting: waiting.value,
      recentCount: numberOrNull(d.get('recentCount')) ?? 0,
    };
    notice.value = null;
    props.onSaved(await adminApi<BoardDto>('PUT', `/api/admin/display/boards/${b.id}`, body));
    notice.value = t().saved;
  });
  return (
    <form ref={form} class="adm-form adm-panel" onSubmit={submit} aria-label={b.name}>
      <h3>
        {b.name}
        <small class="adm-sub">
          {c.lastSeen}: {b.lastSeenAt ? shortTime(b.lastSeenAt) : t().devices.never}
        </small>
      </h3>
      <div class="adm-grid">
        <Input label={c.title} name="title" defaultValue={b.settings.title ?? ''} error={error.value} />
        <Input
          label={c.recentCount}
          name="recentCount"
          type="number"
          min={0}
          max={12}
          defaultValue={String(b.settings.recentCount)}
          error={error.value}
        />
      </div>
      <fieldset class="adm-fieldset">
        <legend>{c.counters}</legend>
        <Check label={c.allCounters} name="allCounters" checked={all.value} onChange={(v) => (all.value = v)} />
        {!all.value && (
          <div class="adm-row">
            {counters.value.map((k) => (
              <Check
                key={k.id}
                label={k.name}
                name={`counter-${k.id}`}
                checked={chosen.value.includes(k.id)}
                onChange={(v) => (chosen.value = v ? [...chosen.value, k.id] : chosen.value.filter((x) => x !== k.id))}
              />
            ))}
          </div>
        )}
      </fieldset>
      <Check label={c.showWaiting} name="showWaiting" checked={waiting.value} onChange={(v) => (waiting.value = v)} />
      <ErrorLine error={error.value} form={form.current} />
      <Notice text={notice.value} />
      <div class="adm-buttons">
        <button type="submit" class="adm-primary" aria-label={c.saveBoard(b.name)}>
          {t().save}
        </button>
      </div>
    </form>
  );
}

export function DisplaySection() {
  const c = t().display;
  const settings = useSignal<DisplaySettingsDto | null>(null);
  const boards = useSignal<BoardDto[] | null>(null);
  useEffect(() => {
    void adminApi<DisplaySettingsDto>('GET', '/api/admin/display').then((s) => (settings.value = s));
    void adminApi<BoardDto[]>('GET', '/api/admin/display/boards').then((b) => (boards.value = b));
  }, []);
  return (
    <section class="adm-section">
      <h2>{c.heading}</h2>
      {settings.value ? (
        <OfficeWide settings={settings.value} onSaved={(s) => (settings.value = s)} />
      ) : (
        <p>{t().loading}</p>
      )}
      <h3>{c.boards}</h3>
      {boards.value?.length === 0 && <p class="adm-empty">{c.noBoards}</p>}
      {boards.value?.map((b) => (
        <BoardForm
          key={b.id}
          board={b}
          onSaved={(next) => (boards.value = boards.value!.map((x) => (x.id === next.id ? next : x)))}
        />
      ))}
    </section>
  );
}
