/**
 * The printed forms of the one-stop desk and their numbers (DOMAIN.md §1).
 *
 * Circular 03/2025/TT-VPCP (Appendix I, guiding Decree 118/2025/NĐ-CP)
 * replaced the forms of Circular 01/2018/TT-VPCP: the same receipt,
 * supplement request and refusal (01–03), the apology renamed "Văn bản xin
 * lỗi và đề nghị gia hạn thời gian giải quyết" (04), a new 05 "Thông báo
 * dừng giải quyết hồ sơ", and the control slip and ledger moved to 06 and
 * 07. Some provinces still number them the 2018 way in their own
 * decisions, so the set is an office setting (`formSet`, default 2025).
 * Only the printed number and name follow it: a form is stored by what it
 * is (its `key`), never by its number.
 */

export const FORM_SETS = ['2025', '2018'] as const;
export type FormSet = (typeof FORM_SETS)[number];
export const DEFAULT_FORM_SET: FormSet = '2025';

/** What a form is, whatever its number in a set. */
export const FORM_KEYS = ['receipt', 'supplement', 'refusal', 'apology', 'stop', 'control', 'ledger'] as const;
export type FormKey = (typeof FORM_KEYS)[number];

export interface FormInfo {
  key: FormKey;
  /** `'01'` … `'07'` in the set; null when the set has no such form (the 2018 set has no stop notice) */
  number: string | null;
  /** the name as the circular prints it (sentence case; forms print it in capitals) */
  name: string;
}

const NAMES_2025: Record<FormKey, [string, string]> = {
  receipt: ['01', 'Giấy tiếp nhận hồ sơ và hẹn trả kết quả'],
  supplement: ['02', 'Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ'],
  refusal: ['03', 'Phiếu từ chối tiếp nhận giải quyết hồ sơ'],
  apology: ['04', 'Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết'],
  stop: ['05', 'Thông báo dừng giải quyết hồ sơ'],
  control: ['06', 'Phiếu kiểm soát quá trình giải quyết hồ sơ'],
  ledger: ['07', 'Sổ theo dõi hồ sơ'],
};

const NAMES_2018: Record<FormKey, [string | null, string]> = {
  receipt: ['01', 'Giấy tiếp nhận hồ sơ và hẹn trả kết quả'],
  supplement: ['02', 'Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ'],
  refusal: ['03', 'Phiếu từ chối tiếp nhận giải quyết hồ sơ'],
  apology: ['04', 'Phiếu xin lỗi và hẹn lại ngày trả kết quả'],
  // not a form of Circular 01/2018: printed unnumbered under its 2025 name
  stop: [null, 'Thông báo dừng giải quyết hồ sơ'],
  control: ['05', 'Phiếu kiểm soát quá trình giải quyết hồ sơ'],
  ledger: ['06', 'Sổ theo dõi hồ sơ'],
};

/** The form `key` in `set`: its number there and its printed name. */
export function formInfo(set: FormSet, key: FormKey): FormInfo {
  const [number, name] = (set === '2018' ? NAMES_2018 : NAMES_2025)[key];
  return { key, number, name };
}

/** Every form of `set`, in number order (the unnumbered last). */
export function formsOf(set: FormSet): FormInfo[] {
  return FORM_KEYS.map((k) => formInfo(set, k)).sort((a, b) => (a.number ?? '99').localeCompare(b.number ?? '99'));
}

/**
 * Which form `ref` names in `set`: a number (`'05'`, meaning the stop
 * notice in the 2025 set and the control slip in the 2018 set) or a key
 * (`'control'`, the same in every set). Undefined when it names none.
 */
export function resolveForm(set: FormSet, ref: string): FormInfo | undefined {
  if ((FORM_KEYS as readonly string[]).includes(ref)) return formInfo(set, ref as FormKey);
  return formsOf(set).find((f) => f.number !== null && f.number === ref);
}

/** "Mẫu số 07" — or "" for a form the set does not number. */
export function formLabel(f: FormInfo): string {
  return f.number === null ? '' : `Mẫu số ${f.number}`;
}

/**
 * The forms one dossier can print now, in `set`: the receipt and the
 * control slip always; a supplement request, refusal or apology once one
 * was issued; the stop notice once it is stopped. The ledger is office-wide.
 */
export function printableForms(set: FormSet, d: { status: string; noticeKinds: readonly string[] }): FormInfo[] {
  const has: Record<FormKey, boolean> = {
    receipt: true,
    supplement: d.noticeKinds.includes('supplement'),
    refusal: d.noticeKinds.includes('refusal'),
    apology: d.noticeKinds.includes('apology'),
    stop: d.status === 'stopped',
    control: true,
    ledger: false,
  };
  return formsOf(set).filter((f) => has[f.key]);
}

/** The office's form set from its settings (anything else than '2018' is the 2025 set). */
export function officeFormSet(settings: Record<string, unknown>): FormSet {
  return settings.formSet === '2018' ? '2018' : DEFAULT_FORM_SET;
}
