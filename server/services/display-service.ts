/**
 * The hall display boards: office-wide settings (notice line, voice), each
 * board's own choice of counters and fields, and the server-side voice.
 * Writes run in one transaction, then `display:changed` is published so
 * every board gets a fresh snapshot.
 */
import * as devicesDb from '../db/queries/devices';
import * as displayDb from '../db/queries/display';
import * as officeDb from '../db/queries/office';
import { insertAudit } from '../db/queries/audit';
import { boardSettingsOf, buildAnnouncement, type BoardSettings, type DisplaySettings } from '../domain/display';
import { notFound } from '../domain/errors';
import type { Device, Staff } from '../domain/model';
import { toIsoWithOffset } from '../domain/time';
import type { BoardDto, BoardSettingsBody, DisplaySettingsBody } from '../protocol/display';
import type { ServiceContext } from './context';
import type { VoiceClip, VoiceService } from './voice-service';

const boardNotFound = (id: number) =>
  notFound('BOARD_NOT_FOUND', `Không có màn hình hiển thị mã ${id}.`, { field: 'boardId' });

export class DisplayService {
  constructor(
    private readonly ctx: ServiceContext,
    private readonly voice: VoiceService,
  ) {}

  /** The authority the office belongs to, for the board's heading. */
  async officeParentName(): Promise<string> {
    return this.ctx.db.read(async (q) => (await officeDb.getOffice(q))?.parentName ?? '');
  }

  /** Dossiers whose results wait at the counter (code and field only). */
  async readyDossiers(): Promise<displayDb.ReadyDossier[]> {
    return this.ctx.db.read((q) => displayDb.listReadyDossiers(q, 200));
  }

  /** Kept in memory (every call asks it before pre-rendering its clip); `updateSettings` is the one writer. */
  private settingsKept: Promise<DisplaySettings> | null = null;

  async settings(): Promise<DisplaySettings> {
    const kept = (this.settingsKept ??= this.ctx.db.read((q) => displayDb.getDisplaySettings(q)));
    return kept.catch((err: unknown) => {
      if (this.settingsKept === kept) this.settingsKept = null;
      throw err;
    });
  }

  async updateSettings(staff: Staff, body: DisplaySettingsBody): Promise<DisplaySettings> {
    const now = this.ctx.clock();
    const after = await this.ctx.db.tx(async (q) => {
      const before = await displayDb.getDisplaySettings(q);
      const next: DisplaySettings = { ...before, ...body };
      await displayDb.updateDisplaySettings(q, next, now);
      await insertAudit(
        q,
        {
          actorKind: 'staff',
          actorId: staff.id,
          action: 'display.settings',
          entity: 'display_settings',
          entityId: 1,
          before,
          after: next,
        },
        now,
      );
      return next;
    });
    this.settingsKept = Promise.resolve(after);
    this.ctx.bus.emit('display:changed');
    return after;
  }

  private toBoardDto(d: Device, timeZone: string): BoardDto {
    return {
      id: d.id,
      name: d.name,
      lastSeenAt: d.lastSeenAt ? toIsoWithOffset(d.lastSeenAt, timeZone) : null,
      settings: boardSettingsOf(d.settings),
    };
  }

  async listBoards(): Promise<BoardDto[]> {
    return this.ctx.db.read(async (q) => {
      const tz = (await officeDb.getOffice(q))?.timeZone;
      return (await devicesDb.listDevices(q))
        .filter((d) => d.kind === 'display' && d.revokedAt === null)
        .map((d) => this.toBoardDto(d, tz ?? 'Asia/Ho_Chi_Minh'));
    });
  }

  async getBoard(id: number): Promise<BoardDto> {
    const board = (await this.listBoards()).find((b) => b.id === id);
    if (!board) throw boardNotFound(id);
    return board;
  }

  /** Each live board's settings by device id (the socket layer filters snapshots with them). */
  async boardSettingsById(): Promise<Map<number, { name: string; settings: BoardSettings }>> {
    const boards = await this.listBoards();
    return new Map(boards.map((b) => [b.id, { name: b.name, settings: b.settings }]));
  }

  async updateBoard(staff: Staff, id: number, body: BoardSettingsBody): Promise<BoardDto> {
    const now = this.ctx.clock();
    await this.ctx.db.tx(async (q) => {
      const device = await devicesDb.getDevice(q, id);
      if (!device || device.kind !== 'display' || device.revokedAt !== null) throw boardNotFound(id);
      const before = boardSettingsOf(device.settings);
      const board: BoardSettings = { ...before, ...body };
      await devicesDb.updateDeviceSettings(q, id, { ...device.settings, board });
      await insertAudit(
        q,
        {
          actorKind: 'staff',
          actorId: staff.id,
          action: 'display.board',
          entity: 'device',
          entityId: id,
          before,
          after: board,
        },
        now,
      );
    });
    this.ctx.bus.emit('display:changed');
    return this.getBoard(id);
  }

  /**
   * Renders a call's clip ahead of the boards asking for it (when the server
   * voice may be used); failures are only logged: a board falls back to its chime.
   */
  prerender(number: string, counterNumber: number): Promise<void> {
    const job = this.render(number, counterNumber).finally(() => this.renders.delete(job));
    this.renders.add(job);
    return job;
  }

  private readonly renders = new Set<Promise<void>>();

  /** Resolves when pre-renders in flight are done (shutdown: the data dir must outlive them). */
  async idle(): Promise<void> {
    await Promise.all([...this.renders]);
  }

  /** Renders finished; the voice helper process stops (server shutdown). */
  async close(): Promise<void> {
    await this.idle();
    this.voice.close();
  }

  private async render(number: string, counterNumber: number): Promise<void> {
    try {
      const settings = await this.settings();
      if (!settings.voiceEnabled || settings.voiceKind === 'browser') return;
      await this.voice.prepare(buildAnnouncement({ number: number.toUpperCase(), counterNumber }).speech);
    } catch (err) {
      console.warn('[voice] pre-render failed', err instanceof Error ? err.message : err);
    }
  }

  /** The spoken call as a WAV: the server builds the sentence from the number and counter. */
  async announcementAudio(number: string, counterNumber: number): Promise<VoiceClip> {
    return this.voice.clip(buildAnnouncement({ number: number.toUpperCase(), counterNumber }).speech);
  }
}
