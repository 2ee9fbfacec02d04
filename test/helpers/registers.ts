import { expect } from 'vitest';
import type { Knex } from 'knex';
import type { AgencySpec } from '../../src/seed/demo-agency.js';
import { seedAgency } from '../../src/seed/demo-agency.js';
import { demoPassword, type TestSession } from './test-app.js';

/** A second agency without register content, whose users must never see the demo agency's records. */
export const otherAgency: AgencySpec = {
  code: 'SKHCN-HL',
  name: 'Sở Khoa học và Công nghệ tỉnh Hòa Lâm',
  nameEn: 'Department of Science and Technology of Hoa Lam province',
  director: { username: 'director.hl', displayName: 'Phan Văn Đức', title: 'Giám đốc Sở' },
  deputy: { username: 'deputy.hl', displayName: 'Mai Thị Thu', title: 'Phó Giám đốc Sở' },
  secretary: {
    username: 'secretary.hl',
    displayName: 'Lý Thị Hạnh',
    title: 'Thư ký ISO',
    departmentCode: 'VP',
  },
  departments: [
    {
      code: 'VP',
      name: 'Văn phòng Sở',
      nameEn: 'Office',
      head: { username: 'head.vp.hl', displayName: 'Tạ Quang Vinh', title: 'Chánh Văn phòng' },
      staff: { username: 'staff.vp.hl', displayName: 'Cao Thị Yến', title: 'Chuyên viên' },
    },
  ],
};

/** Seeds `otherAgency` into the test database, with the demo password. */
export async function seedOtherAgency(db: Knex): Promise<string> {
  const seeded = await seedAgency(db, otherAgency, demoPassword);
  return seeded.unitId;
}

/** A record as the register API returns it. */
export type RegisterItem = Record<string, unknown> & {
  id: string;
  status?: string;
  locked: boolean;
};

/** A page of a register list. */
export interface RegisterPage {
  items: RegisterItem[];
  total: number;
  page: number;
  pageSize: number;
}

/** A valid new context issue. */
export const floodIssue = {
  issueType: 'external',
  category: 'environment',
  description:
    'Bão số 5 gây mất điện diện rộng, hệ thống một cửa điện tử ngừng hoạt động hai ngày.',
  impact:
    'Hồ sơ trực tuyến không được tiếp nhận; cần máy phát điện dự phòng và phương án thông báo.',
  climateRelated: true,
  reviewDate: '2026-09-30',
};

/** GETs a register list as `session` and expects 200. */
export async function listRegister(
  session: TestSession,
  name: string,
  query = '',
): Promise<RegisterPage> {
  const response = await session.request('GET', `/api/registers/${name}${query}`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as RegisterPage;
}

/** POSTs a record as `session` and expects 201. */
export async function createRecord(
  session: TestSession,
  name: string,
  body: Record<string, unknown>,
): Promise<RegisterItem> {
  const response = await session.request('POST', `/api/registers/${name}`, body);
  expect(response.statusCode, response.body).toBe(201);
  return response.json() as RegisterItem;
}

/** Counts a unit's rows in `table` and its unit history events. */
export async function countRows(db: Knex, table: string, unitId: string) {
  const [{ rows }] = await db(table).where({ unit_id: unitId }).count({ rows: '*' });
  const [{ events }] = await db('history_events')
    .where({ unit_id: unitId })
    .whereNull('process_instance_key')
    .count({ events: '*' });
  return { rows: Number(rows), events: Number(events) };
}

/** Returns the id of the demo agency's unit. */
export async function demoUnitId(db: Knex): Promise<string> {
  const unit = await db('units').where({ code: 'SKHCN', kind: 'agency' }).first('id');
  return String(unit.id);
}
