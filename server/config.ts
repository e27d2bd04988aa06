/** Configuration from the environment (documented in README.md). */
import { resolve } from 'node:path';
import { OFFICE_CODE } from './domain/province';

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  demo: boolean;
  demoPassword: string;
  demoPrinter: string | null;
  /** Address phones use to reach this server (the QR on a ticket); default: the address the kiosk used. */
  publicUrl: string | null;
  /** What an empty database starts with: the demo office, or nothing but one administrator. */
  seed: 'demo' | 'none';
  /** Daily automatic backups kept this many days in DATA_DIR/backups (0: none). */
  backupDays: number;
  /** PostgreSQL instead of the SQLite file in DATA_DIR (docs/deployment.md "PostgreSQL mode"). */
  databaseUrl: string | null;
  /** PostgreSQL: the schema the tables live in (default: the connection's search_path, usually "public"). */
  databaseSchema: string | null;
  /** REDIS_URL: several processes share the socket.io traffic (with DATABASE_URL; docs/deployment.md "A province"). */
  redisUrl: string | null;
  /** MOTCUA_OFFICE_CODE: the home office's code in the province registry (its /o/<code>/ address too). */
  officeCode: string;
  /** MOTCUA_NODE_URL: where the other processes reach this one (default http://127.0.0.1:PORT). */
  nodeUrl: string | null;
  /** MOTCUA_CLUSTER_POLL_MS: how often a process heartbeats and looks for offices without an owner. */
  clusterPollMs: number;
  /** MOTCUA_WEBHOOK_RETRY_MS: webhook retry waits in ms, comma-separated (tests); null: the default schedule. */
  webhookRetryMs: number[] | null;
}

export function configFromEnv(env: NodeJS.ProcessEnv = process.env): Config {
  const port = env.PORT === undefined || env.PORT === '' ? 3000 : Number(env.PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT không hợp lệ: "${env.PORT}" (cần số từ 0 đến 65535)`);
  }
  const seed = env.MOTCUA_SEED || 'demo';
  if (seed !== 'demo' && seed !== 'none') {
    throw new Error(`MOTCUA_SEED không hợp lệ: "${env.MOTCUA_SEED}" (cần "demo" hoặc "none")`);
  }
  const backupDays =
    env.MOTCUA_BACKUP_DAYS === undefined || env.MOTCUA_BACKUP_DAYS === '' ? 14 : Number(env.MOTCUA_BACKUP_DAYS);
  if (!Number.isInteger(backupDays) || backupDays < 0 || backupDays > 3650) {
    throw new Error(`MOTCUA_BACKUP_DAYS không hợp lệ: "${env.MOTCUA_BACKUP_DAYS}" (cần số ngày từ 0 đến 3650)`);
  }
  const databaseUrl = env.DATABASE_URL || null;
  if (databaseUrl !== null && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new Error('DATABASE_URL không hợp lệ (cần dạng postgres://người_dùng@máy:5432/tên_csdl)');
  }
  const databaseSchema = env.DATABASE_SCHEMA || null;
  if (databaseSchema !== null && !/^[a-z_][a-z0-9_]{0,62}$/.test(databaseSchema)) {
    throw new Error(`DATABASE_SCHEMA không hợp lệ: "${databaseSchema}" (chữ thường, số, dấu gạch dưới)`);
  }
  const redisUrl = env.REDIS_URL || null;
  if (redisUrl !== null && !/^rediss?:\/\//.test(redisUrl)) {
    throw new Error('REDIS_URL không hợp lệ (cần dạng redis://máy:6379)');
  }
  const officeCode = env.MOTCUA_OFFICE_CODE || 'trung-tam';
  if (!OFFICE_CODE.test(officeCode)) {
    throw new Error(`MOTCUA_OFFICE_CODE không hợp lệ: "${officeCode}" (chữ thường không dấu, số, dấu gạch ngang)`);
  }
  const nodeUrl = env.MOTCUA_NODE_URL || null;
  if (nodeUrl !== null && !/^https?:\/\/[^/]+$/.test(nodeUrl)) {
    throw new Error(`MOTCUA_NODE_URL không hợp lệ: "${nodeUrl}" (cần dạng http://máy:cổng, không có đường dẫn)`);
  }
  const clusterPollMs = env.MOTCUA_CLUSTER_POLL_MS ? Number(env.MOTCUA_CLUSTER_POLL_MS) : 500;
  if (!Number.isInteger(clusterPollMs) || clusterPollMs < 50 || clusterPollMs > 60_000) {
    throw new Error(`MOTCUA_CLUSTER_POLL_MS không hợp lệ: "${env.MOTCUA_CLUSTER_POLL_MS}" (50–60000 ms)`);
  }
  const retry = env.MOTCUA_WEBHOOK_RETRY_MS ? env.MOTCUA_WEBHOOK_RETRY_MS.split(',').map(Number) : null;
  if (retry && retry.some((n) => !Number.isInteger(n) || n < 0)) {
    throw new Error(
      `MOTCUA_WEBHOOK_RETRY_MS không hợp lệ: "${env.MOTCUA_WEBHOOK_RETRY_MS}" (cần các số ms, cách nhau bởi dấu phẩy)`,
    );
  }
  return {
    seed,
    databaseUrl,
    databaseSchema,
    redisUrl,
    officeCode,
    nodeUrl,
    clusterPollMs,
    webhookRetryMs: retry,
    backupDays,
    port,
    host: env.HOST || '0.0.0.0',
    dataDir: resolve(env.DATA_DIR || './data'),
    demo: env.MOTCUA_DEMO === '1' || env.MOTCUA_DEMO === 'true',
    demoPassword: env.MOTCUA_DEMO_PASSWORD || 'demo123',
    demoPrinter: env.MOTCUA_DEMO_PRINTER || null,
    publicUrl: env.MOTCUA_PUBLIC_URL || null,
  };
}
