/**
 * The dossier as the national portal names it (DOMAIN.md §10): the fields
 * of the provinces' sync call `DongBoHoSoMC`, so a province's adapter has
 * nothing to translate. Used by the `dvcqg` webhook format and the portal
 * export (GET /api/dossiers/portal-export). The mapping is written out in
 * docs/api/integration.md.
 */

/** TrangThaiHoSo codes as the provincial systems send them. */
export const PORTAL_STATUS = {
  received: 2, // Được tiếp nhận
  rejected: 3, // Không được tiếp nhận
  processing: 4, // Đang xử lý
  supplement: 5, // Yêu cầu bổ sung giấy tờ
  withdrawn: 7, // Công dân yêu cầu rút hồ sơ
  stopped: 8, // Dừng xử lý
  resolved: 9, // Đã xử lý xong
  returned: 10, // Đã trả kết quả
} as const;

/** HinhThuc: how the dossier was handed in. */
export const PORTAL_CHANNEL = { direct: 0, online: 1, postal: 2 } as const;

/** What the mapping reads of a dossier (the API's DossierDto has all of it). */
export interface PortalDossierInput {
  code: string;
  procedureCode: string;
  procedureName: string;
  fieldCode: string;
  status: 'received' | 'supplement' | 'processing' | 'resolved' | 'returned' | 'rejected' | 'stopped';
  stopRequestedBy: string | null;
  channel: 'direct' | 'online' | 'postal';
  receivedAt: string;
  currentDueAt: string;
  returnedAt: string | null;
  applicant: {
    fullName: string;
    idNumber: string | null;
    phone: string | null;
    address: string | null;
    email: string | null;
  };
  documents: ReadonlyArray<{ name: string; copy: string; count: number }>;
  notices: ReadonlyArray<{
    kind: string;
    issuedAt: string;
    reason: string | null;
    items: readonly string[];
    fulfilledAt: string | null;
  }>;
  steps: ReadonlyArray<{ toUnit: string }>;
  resultNote?: string | null;
}

/** The portal's record of one dossier, field names as in `DongBoHoSoMC`. */
export interface PortalDossier {
  MaHoSo: string;
  MaTTHC: string;
  TenTTHC: string;
  MaLinhVuc: string;
  TenLinhVuc: string;
  ChuHoSo: string;
  LoaiDoiTuong: 1 | 2;
  MaDoiTuong: string;
  DiaChi: string;
  Email: string;
  SoDienThoai: string;
  TrichYeuHoSo: string;
  NgayTiepNhan: string;
  NgayHenTra: string;
  TrangThaiHoSo: number;
  NgayTra: string;
  HinhThuc: number;
  DonViXuLy: string;
  TaiLieuNop: Array<{ TenTaiLieu: string; LoaiBan: string; SoLuong: number }>;
  DanhSachLePhi: Array<{ TenPhiLePhi: string; MucPhi: number }>;
  DanhSachHoSoBoSung: Array<{ NgayYeuCau: string; NoiDungYeuCau: string; NgayBoSung: string }>;
  DanhSachGiayToKetQua: Array<{ TenGiayTo: string }>;
}

/**
 * `yyyyMMddHHmmss` in the office's own time, from an ISO time that carries
 * the office's offset (as every time of the API does); "" for none.
 */
export function portalDate(iso: string | null): string {
  if (!iso) return '';
  return iso.slice(0, 19).replace(/\D/g, '');
}

const COPY_NAMES: Record<string, string> = { original: 'Bản chính', copy: 'Bản sao', certified: 'Bản sao chứng thực' };

/** Maps one dossier to the portal's names. `fieldName` and `agency` come from the office's catalogue. */
export function toPortalDossier(d: PortalDossierInput, fieldName: string, agency: string): PortalDossier {
  const status =
    d.status === 'stopped' && d.stopRequestedBy === 'citizen' ? PORTAL_STATUS.withdrawn : PORTAL_STATUS[d.status];
  return {
    MaHoSo: d.code,
    MaTTHC: d.procedureCode,
    TenTTHC: d.procedureName,
    MaLinhVuc: d.fieldCode,
    TenLinhVuc: fieldName,
    ChuHoSo: d.applicant.fullName,
    LoaiDoiTuong: 1,
    MaDoiTuong: d.applicant.idNumber ?? '',
    DiaChi: d.applicant.address ?? '',
    Email: d.applicant.email ?? '',
    SoDienThoai: d.applicant.phone ?? '',
    TrichYeuHoSo: `${d.procedureName} — ${d.applicant.fullName}`,
    NgayTiepNhan: portalDate(d.receivedAt),
    NgayHenTra: portalDate(d.currentDueAt),
    TrangThaiHoSo: status,
    NgayTra: portalDate(d.returnedAt),
    HinhThuc: PORTAL_CHANNEL[d.channel],
    DonViXuLy: d.steps.at(-1)?.toUnit || agency,
    TaiLieuNop: d.documents.map((x) => ({
      TenTaiLieu: x.name,
      LoaiBan: COPY_NAMES[x.copy] ?? x.copy,
      SoLuong: x.count,
    })),
    DanhSachLePhi: [],
    DanhSachHoSoBoSung: d.notices
      .filter((n) => n.kind === 'supplement')
      .map((n) => ({
        NgayYeuCau: portalDate(n.issuedAt),
        NoiDungYeuCau: [n.reason ?? '', ...n.items].filter(Boolean).join('; '),
        NgayBoSung: portalDate(n.fulfilledAt),
      })),
    DanhSachGiayToKetQua: d.resultNote ? [{ TenGiayTo: d.resultNote }] : [],
  };
}

/** The columns of the CSV export, in order (the same names). */
export const PORTAL_CSV_COLUMNS = [
  'MaHoSo',
  'MaTTHC',
  'TenTTHC',
  'MaLinhVuc',
  'TenLinhVuc',
  'ChuHoSo',
  'LoaiDoiTuong',
  'MaDoiTuong',
  'DiaChi',
  'Email',
  'SoDienThoai',
  'TrichYeuHoSo',
  'NgayTiepNhan',
  'NgayHenTra',
  'TrangThaiHoSo',
  'NgayTra',
  'HinhThuc',
  'DonViXuLy',
] as const satisfies ReadonlyArray<keyof PortalDossier>;

function cell(v: string | number): string {
  const s = String(v);
  // a cell starting with = + - @ would be a formula in a spreadsheet: quoted with a leading apostrophe
  const safe = /^[=+\-@]/.test(s) ? `'${s}` : s;
  return /[",\r\n;]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** The portal export as CSV (UTF-8, header of the portal's names; lists are left to the JSON export). */
export function portalCsv(rows: readonly PortalDossier[]): string {
  const lines = [PORTAL_CSV_COLUMNS.join(',')];
  for (const r of rows) lines.push(PORTAL_CSV_COLUMNS.map((c) => cell(r[c] as string | number)).join(','));
  return `${lines.join('\r\n')}\r\n`;
}
