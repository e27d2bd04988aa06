/**
 * A real HTTP server on 127.0.0.1 that receives webhook deliveries the way
 * a province's adapter would: it verifies each signature with the secret,
 * keeps the raw bodies, and answers what the test tells it to.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

export interface Received {
  event: string;
  delivery: string;
  timestamp: string;
  signature: string;
  raw: string;
  body: { id: string; event: string; occurredAt: string; data: any };
  /** The signature matched HMAC-SHA256(secret, "<timestamp>.<raw body>"). */
  verified: boolean;
  /** What the receiver answered. */
  answered: number;
}

export interface Receiver {
  url: string;
  port: number;
  /** Every request that came, in arrival order (including those answered with an error). */
  requests: Received[];
  /** The deliveries accepted (2xx), once per delivery id, in arrival order. */
  accepted(): Received[];
  /** The secret signatures are checked with. */
  secret: string;
  /** Decides the answer of each request (default 200); `hang` never answers. */
  respond: (r: Omit<Received, 'answered'>, n: number) => number | 'hang';
  close(): Promise<void>;
}

export function verifySignature(secret: string, timestamp: string, raw: string, signature: string): boolean {
  const want = `sha256=${createHmac('sha256', secret).update(`${timestamp}.${raw}`).digest('hex')}`;
  return want.length === signature.length && timingSafeEqual(Buffer.from(want), Buffer.from(signature));
}

export async function startReceiver(port = 0): Promise<Receiver> {
  const hanging = new Set<ServerResponse>();
  const receiver: Receiver = {
    url: '',
    port: 0,
    requests: [],
    secret: '',
    respond: () => 200,
    accepted() {
      const seen = new Set<string>();
      return this.requests.filter((r) => {
        if (r.answered < 200 || r.answered >= 300 || seen.has(r.delivery)) return false;
        seen.add(r.delivery);
        return true;
      });
    },
    close: async () => {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const h = (name: string) => String(req.headers[name] ?? '');
      const r = {
        event: h('x-motcua-event'),
        delivery: h('x-motcua-delivery'),
        timestamp: h('x-motcua-timestamp'),
        signature: h('x-motcua-signature'),
        raw,
        body: JSON.parse(raw) as Received['body'],
        verified: verifySignature(receiver.secret, h('x-motcua-timestamp'), raw, h('x-motcua-signature')),
      };
      const answer = receiver.respond(r, receiver.requests.length);
      if (answer === 'hang') {
        hanging.add(res);
        receiver.requests.push({ ...r, answered: 0 });
        return;
      }
      receiver.requests.push({ ...r, answered: answer });
      res.writeHead(answer, { 'content-type': 'text/plain' });
      res.end(answer >= 300 ? 'not now' : 'ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', () => resolve()));
  const address = server.address();
  receiver.port = typeof address === 'object' && address ? address.port : 0;
  receiver.url = `http://127.0.0.1:${receiver.port}/motcua-hook`;
  return receiver;
}
