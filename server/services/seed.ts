/**
 * The demo office an empty database starts with, so a new user sees a
 * working system at once (API-CONTRACT.md "Start-up and demo").
 * With `demo` the credentials are the documented fixed ones; otherwise
 * they are random and returned once for the start-up log.
 */
import type { Database } from '../db/database';
import * as countersDb from '../db/queries/counters';
import * as devicesDb from '../db/queries/devices';
import * as fieldsDb from '../db/queries/fields';
import * as officeDb from '../db/queries/office';
import * as staffDb from '../db/queries/staff';
import { insertAudit } from '../db/queries/audit';
import type { Field } from '../domain/model';
import { OFFICE_TIME_ZONE } from '../domain/time';
import { hashPassword, randomPassword, randomToken, sha256 } from './auth';

export interface SeedOptions {
  demo: boolean;
  demoPassword: string;
  now: Date;
}

export interface SeededCredentials {
  staff: Array<{ username: string; password: string; role: string }>;
  devices: Array<{ name: string; kind: string; key: string }>;
}

type FieldSeed = Omit<Field, 'id' | 'active' | 'sortOrder' | 'nameEn'> & { nameEn: string };

const FIELDS: FieldSeed[] = [
  {
    code: 'HT',
    name: 'Tư pháp – Hộ tịch',
    nameEn: 'Justice – Civil status',
    numbering: 'prefix',
    prefix: 'A',
    rangeStart: null,
    rangeEnd: null,
    dailyCap: null,
    avgServiceMinutes: 8,
  },
  {
    code: 'CT',
    name: 'Chứng thực',
    nameEn: 'Certification',
    numbering: 'prefix',
    prefix: 'B',
    rangeStart: null,
    rangeEnd: null,
    dailyCap: null,
    avgServiceMinutes: 5,
  },
  {
    code: 'DD',
    name: 'Đất đai',
    nameEn: 'Land',
    numbering: 'prefix',
    prefix: 'C',
    rangeStart: null,
    rangeEnd: null,
    dailyCap: 150,
    avgServiceMinutes: 15,
  },
  {
    code: 'LD',
    name: 'Lao động – Thương binh và Xã hội',
    nameEn: 'Labour, invalids and social affairs',
    numbering: 'prefix',
    prefix: 'D',
    rangeStart: null,
    rangeEnd: null,
    dailyCap: null,
    avgServiceMinutes: 10,
  },
  {
    code: 'XD',
    name: 'Xây dựng',
    nameEn: 'Construction',
    numbering: 'prefix',
    prefix: 'E',
    rangeStart: null,
    rangeEnd: null,
    dailyCap: null,
    avgServiceMinutes: 12,
  },
  {
    code: 'KD',
    name: 'Đăng ký kinh doanh',
    nameEn: 'Business registration',
    numbering: 'range',
    prefix: '',
    rangeStart: 1001,
    rangeEnd: 1999,
    dailyCap: null,
    avgServiceMinutes: 12,
  },
];

/** [field code, procedure code, name, processing days, unit, fees] */
const PROCEDURES: Array<[string, string, string, number, 'days' | 'hours', string]> = [
  ['HT', '1.001193', 'Đăng ký khai sinh', 0, 'days', 'Miễn lệ phí'],
  ['HT', '1.000894', 'Đăng ký kết hôn', 0, 'days', 'Miễn lệ phí'],
  ['HT', '1.000656', 'Đăng ký khai tử', 0, 'days', 'Miễn lệ phí'],
  ['HT', '1.004873', 'Cấp Giấy xác nhận tình trạng hôn nhân', 3, 'days', '15.000 đồng/trường hợp'],
  ['HT', '2.000635', 'Cấp bản sao Trích lục hộ tịch', 0, 'days', '8.000 đồng/bản sao'],
  [
    'CT',
    '2.000815',
    'Chứng thực bản sao từ bản chính giấy tờ, văn bản',
    0,
    'days',
    '2.000 đồng/trang; từ trang thứ 3 trở lên 1.000 đồng/trang',
  ],
  ['CT', '2.000884', 'Chứng thực chữ ký trong các giấy tờ, văn bản', 0, 'days', '10.000 đồng/trường hợp'],
  [
    'CT',
    '2.001035',
    'Chứng thực hợp đồng, giao dịch liên quan đến tài sản là động sản, quyền sử dụng đất và nhà ở',
    2,
    'days',
    '50.000 đồng/hợp đồng',
  ],
  [
    'DD',
    '1.004227',
    'Đăng ký biến động quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất',
    10,
    'days',
    'Theo quy định của HĐND tỉnh',
  ],
  ['DD', '1.005399', 'Hòa giải tranh chấp đất đai', 30, 'days', 'Không'],
  ['DD', '2.000889', 'Cấp lại Giấy chứng nhận quyền sử dụng đất do bị mất', 10, 'days', 'Theo quy định của HĐND tỉnh'],
  [
    'LD',
    '1.001776',
    'Xác nhận hộ gia đình làm nông nghiệp, lâm nghiệp, ngư nghiệp có mức sống trung bình',
    7,
    'days',
    'Không',
  ],
  ['LD', '2.000286', 'Trợ cấp xã hội hằng tháng đối với đối tượng bảo trợ xã hội', 7, 'days', 'Không'],
  ['LD', '1.010805', 'Giải quyết chế độ ưu đãi đối với người có công với cách mạng', 12, 'days', 'Không'],
  ['XD', '1.009994', 'Cấp giấy phép xây dựng nhà ở riêng lẻ', 15, 'days', '75.000 đồng/giấy phép'],
  ['XD', '1.009995', 'Gia hạn giấy phép xây dựng', 5, 'days', '15.000 đồng/giấy phép'],
  ['KD', '2.000575', 'Đăng ký thành lập hộ kinh doanh', 3, 'days', '100.000 đồng/lần'],
  ['KD', '2.000720', 'Đăng ký thay đổi nội dung đăng ký hộ kinh doanh', 3, 'days', '100.000 đồng/lần'],
  ['KD', '2.000589', 'Tạm ngừng hoạt động hộ kinh doanh', 0.5, 'days', 'Miễn phí'],
];

/** Counters 1–6 and the fields each serves, in calling order. */
const COUNTERS: Array<[number, string[]]> = [
  [1, ['HT', 'CT']],
  [2, ['HT', 'CT']],
  [3, ['DD', 'XD']],
  [4, ['LD', 'HT']],
  [5, ['KD', 'XD']],
  [6, ['CT', 'HT']],
];

const CLERK_NAMES = [
  'Nguyễn Thị Hà',
  'Trần Văn Minh',
  'Lê Thị Thu Trang',
  'Phạm Quốc Huy',
  'Hoàng Thị Lan',
  'Vũ Đức Anh',
];

/** True when the database has no office yet. */
export async function isEmpty(db: Database): Promise<boolean> {
  return (await db.read((q) => officeDb.getOffice(q))) === undefined;
}

export async function seedDemoOffice(db: Database, opts: SeedOptions): Promise<SeededCredentials> {
  const secret = (fixed: string) => (opts.demo ? fixed : randomPassword(12));
  const staffSeeds = [
    { username: 'admin', fullName: 'Quản trị hệ thống', role: 'admin' as const, counter: null as number | null },
    { username: 'giamsat', fullName: 'Đỗ Thị Mai', role: 'supervisor' as const, counter: null },
    ...CLERK_NAMES.map((fullName, i) => ({
      username: `canbo${i + 1}`,
      fullName,
      role: 'clerk' as const,
      counter: i + 1,
    })),
  ].map((s) => ({ ...s, password: secret(opts.demoPassword) }));
  const hashes = await Promise.all(staffSeeds.map((s) => hashPassword(s.password)));
  const deviceSeeds = [
    {
      name: 'Kiosk sảnh chính',
      kind: 'kiosk' as const,
      key: opts.demo ? 'demo-kiosk-1' : randomToken(18),
      counter: null as number | null,
    },
    {
      name: 'Màn hình sảnh chờ',
      kind: 'display' as const,
      key: opts.demo ? 'demo-display-1' : randomToken(18),
      counter: null,
    },
    ...COUNTERS.map(([n]) => ({
      name: `Máy đánh giá quầy ${n}`,
      kind: 'rating' as const,
      key: opts.demo ? `demo-rating-${n}` : randomToken(18),
      counter: n,
    })),
  ];

  await db.tx(async (q) => {
    await officeDb.insertOffice(q, {
      name: 'Bộ phận Tiếp nhận và Trả kết quả',
      parentName: 'UBND XÃ HÒA AN',
      level: 'xa',
      code: 'X12.34',
      address: 'Số 1 đường Trung tâm, xã Hòa An',
      timeZone: OFFICE_TIME_ZONE,
      settings: { maxPriorityInRow: 2 },
    });
    const fieldIds = new Map<string, number>();
    for (const [i, f] of FIELDS.entries()) {
      fieldIds.set(f.code, await fieldsDb.insertField(q, { ...f, active: true, sortOrder: i }));
    }
    for (const [fieldCode, code, name, days, unit, fees] of PROCEDURES) {
      await fieldsDb.insertProcedure(q, {
        code,
        name,
        fieldId: fieldIds.get(fieldCode)!,
        processingDays: days,
        processingUnit: unit,
        fees,
        documents: [],
        channels: ['direct', 'online', 'postal'],
        active: true,
      });
    }
    const counterIds = new Map<number, number>();
    for (const [n, codes] of COUNTERS) {
      counterIds.set(
        n,
        await countersDb.insertCounter(q, {
          number: n,
          name: `Quầy ${n}`,
          fieldIds: codes.map((c) => fieldIds.get(c)!),
        }),
      );
    }
    for (const [i, s] of staffSeeds.entries()) {
      await staffDb.insertStaff(
        q,
        {
          username: s.username,
          fullName: s.fullName,
          role: s.role,
          passwordHash: hashes[i]!,
          mustChangePassword: !opts.demo && s.role === 'admin',
          disabled: false,
          defaultCounterId: s.counter === null ? null : counterIds.get(s.counter)!,
        },
        opts.now,
      );
    }
    for (const d of deviceSeeds) {
      await devicesDb.insertDevice(
        q,
        {
          kind: d.kind,
          name: d.name,
          keyHash: sha256(d.key),
          counterId: d.counter === null ? null : counterIds.get(d.counter)!,
        },
        opts.now,
      );
    }
    await insertAudit(
      q,
      { actorKind: 'system', actorId: null, action: 'office.seeded', after: { demo: opts.demo } },
      opts.now,
    );
  });

  return {
    staff: staffSeeds.map((s) => ({ username: s.username, password: s.password, role: s.role })),
    devices: deviceSeeds.map((d) => ({ name: d.name, kind: d.kind, key: d.key })),
  };
}

/**
 * A real office starts empty (`MOTCUA_SEED=none`): the office row waiting
 * for its details and one administrator whose random password is printed
 * once and must be changed at the first sign-in. Everything else is set
 * up from the staff app (/counter/admin).
 */
export async function seedEmptyOffice(db: Database, now: Date): Promise<SeededCredentials> {
  const password = randomPassword(12);
  const hash = await hashPassword(password);
  await db.tx(async (q) => {
    await officeDb.insertOffice(q, {
      name: 'Bộ phận Tiếp nhận và Trả kết quả',
      parentName: '',
      level: 'xa',
      code: '',
      address: '',
      timeZone: OFFICE_TIME_ZONE,
      settings: { maxPriorityInRow: 2, setUp: false },
    });
    await staffDb.insertStaff(
      q,
      {
        username: 'admin',
        fullName: 'Quản trị hệ thống',
        role: 'admin',
        passwordHash: hash,
        mustChangePassword: true,
        disabled: false,
        defaultCounterId: null,
      },
      now,
    );
    await insertAudit(q, { actorKind: 'system', actorId: null, action: 'office.seeded', after: { empty: true } }, now);
  });
  return { staff: [{ username: 'admin', password, role: 'admin' }], devices: [] };
}
