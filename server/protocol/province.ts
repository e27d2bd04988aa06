/**
 * A province's API (API-CONTRACT.md "Province"; docs/api.md "Offices"):
 * the province administrator's offices and the figures of every office
 * and of the province. Pages import this file with `import type`.
 */
import { z } from 'zod';
import type { Index766Group } from '../domain/index766';
import { OFFICE_CODE, type OfficeQueueFigures, type ProvinceQueueFigures } from '../domain/province';

export const officeCreateSchema = z.object({
  code: z
    .string()
    .trim()
    .regex(OFFICE_CODE, 'chỉ gồm chữ thường không dấu, chữ số và dấu gạch ngang (tối đa 40 ký tự)'),
  name: z.string().trim().min(1, 'không được để trống').max(200),
  /** `none` (default): one administrator, whose password is answered once; `demo`: the demo office's data. */
  seed: z.enum(['none', 'demo']).default('none'),
});
export type OfficeCreateBody = z.infer<typeof officeCreateSchema>;

export interface ProvinceOfficeDto {
  code: string;
  name: string;
  /** where its pages and API are: '' (the home office) or `/o/<code>` */
  basePath: string;
  /** the server process holding its live queue now (null: being taken over) */
  owner: string | null;
  /** tickets waiting now, all fields (null: its owner did not answer) */
  waiting: number | null;
}

export interface OfficeCreatedDto {
  code: string;
  name: string;
  basePath: string;
  /** the new office's first administrator (seed `none`): shown once, must change the password at first sign-in */
  admin: { username: string; password: string } | null;
}

export interface ProvinceIndex766Dto {
  from: string;
  to: string;
  offices: Array<{ code: string; name: string; groups: Index766Group[] }>;
  /** the offices' counts added up and scored as one */
  province: { groups: Index766Group[] };
}

export interface ProvinceQueueDto {
  from: string;
  to: string;
  offices: Array<OfficeQueueFigures & { code: string; name: string; satisfied: number; answers: number }>;
  province: ProvinceQueueFigures;
}
