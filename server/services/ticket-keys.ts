/**
 * Proof of holding a ticket: its key is HMAC-SHA256(office secret, ticket
 * id), printed in the ticket's QR (the phone link) and never shown on the
 * board or in any list. The public id alone lets anyone follow a ticket's
 * position, not rate its visit.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Database } from '../db/database';
import { getSecret } from '../db/queries/secrets';

export class TicketKeys {
  private constructor(private readonly secret: Buffer) {}

  static async load(db: Database): Promise<TicketKeys> {
    const hex = await db.read((q) => getSecret(q, 'ticket_key'));
    if (!hex)
      throw new Error('Thiếu khóa bí mật của phiếu (server_secrets.ticket_key): cơ sở dữ liệu chưa được cập nhật.');
    return new TicketKeys(Buffer.from(hex, 'hex'));
  }

  /** 22 base64url characters (128 bits): short enough for a small QR. */
  keyFor(ticketId: string): string {
    return createHmac('sha256', this.secret).update(ticketId).digest('base64url').slice(0, 22);
  }

  matches(ticketId: string, key: string | undefined): boolean {
    if (typeof key !== 'string') return false;
    const want = Buffer.from(this.keyFor(ticketId));
    const got = Buffer.from(key);
    return got.length === want.length && timingSafeEqual(got, want);
  }

  /** The phone page's address for a ticket: `<base>/kiosk/t/<id>?k=<key>`. */
  phoneUrl(base: string, ticketId: string): string {
    return `${base.replace(/\/+$/, '')}/kiosk/t/${ticketId}?k=${this.keyFor(ticketId)}`;
  }
}
