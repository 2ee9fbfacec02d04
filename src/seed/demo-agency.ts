import type { Knex } from 'knex';
import { hashPassword } from '../identity/passwords.js';
import { seedContextRegisters, type ContextRegisterContent } from './context-registers.js';
import { demoContextRegisters } from './demo-context-registers.js';

/** A department of an agency and the people in it. */
export interface DepartmentSpec {
  code: string;
  name: string;
  nameEn: string;
  head: { username: string; displayName: string; title: string };
  staff: { username: string; displayName: string; title: string };
}

/** An agency to seed: its board, its ISO secretary and its departments. */
export interface AgencySpec {
  code: string;
  name: string;
  nameEn: string;
  /** Superior agency in the letterhead of documents, such as `UBND tỉnh An Bình`. */
  superiorName?: string;
  /** Name in the letterhead when it is shorter than `name`. */
  letterheadName?: string;
  /** Place written before the date of documents. */
  place?: string;
  director: { username: string; displayName: string; title: string };
  deputy: { username: string; displayName: string; title: string };
  secretary: { username: string; displayName: string; title: string; departmentCode: string };
  departments: DepartmentSpec[];
  /** Records of the context registers (clauses 4.1 to 5.2) to start with. */
  contextRegisters?: ContextRegisterContent;
}

/** The demo agency: a provincial Department of Science and Technology of a fictitious province. */
export const demoAgency: AgencySpec = {
  code: 'SKHCN',
  name: 'Sở Khoa học và Công nghệ tỉnh An Bình',
  nameEn: 'Department of Science and Technology of An Binh province',
  superiorName: 'UBND tỉnh An Bình',
  letterheadName: 'Sở Khoa học và Công nghệ',
  place: 'An Bình',
  director: { username: 'director', displayName: 'Trần Văn Minh', title: 'Giám đốc Sở' },
  deputy: { username: 'deputy', displayName: 'Lê Thị Hồng Nhung', title: 'Phó Giám đốc Sở' },
  secretary: {
    username: 'secretary',
    displayName: 'Nguyễn Thu Hà',
    title: 'Thư ký ISO',
    departmentCode: 'VP',
  },
  departments: [
    department(
      'VP',
      'Văn phòng Sở',
      'Office',
      ['Phạm Quốc Huy', 'Chánh Văn phòng'],
      ['Đỗ Thị Lan', 'Chuyên viên Văn phòng'],
    ),
    department(
      'TTRA',
      'Thanh tra Sở',
      'Inspectorate',
      ['Vũ Đức Thắng', 'Chánh Thanh tra'],
      ['Hoàng Minh Tuấn', 'Thanh tra viên'],
    ),
    department(
      'QLKH',
      'Phòng Quản lý khoa học',
      'Science Management Division',
      ['Bùi Thị Ngọc Anh', 'Trưởng phòng'],
      ['Đặng Văn Khoa', 'Chuyên viên'],
    ),
    department(
      'QLCN',
      'Phòng Quản lý công nghệ và Đổi mới sáng tạo',
      'Technology and Innovation Division',
      ['Ngô Thanh Sơn', 'Trưởng phòng'],
      ['Trịnh Thị Mai', 'Chuyên viên'],
    ),
  ],
  contextRegisters: demoContextRegisters,
};

function department(
  code: string,
  name: string,
  nameEn: string,
  head: [string, string],
  staff: [string, string],
): DepartmentSpec {
  const lower = code.toLowerCase();
  return {
    code,
    name,
    nameEn,
    head: { username: `head.${lower}`, displayName: head[0], title: head[1] },
    staff: { username: `staff.${lower}`, displayName: staff[0], title: staff[1] },
  };
}

/** Ids of what `seedAgency` created. */
export interface SeededAgency {
  unitId: string;
  departmentIds: Record<string, string>;
  usernames: string[];
}

/**
 * Creates an agency with its board, departments, groups and users, all with
 * `password`. The demo users are flagged, so production mode can refuse to
 * start while they exist.
 */
export async function seedAgency(
  db: Knex,
  spec: AgencySpec,
  password: string,
  options: { demo: boolean } = { demo: true },
): Promise<SeededAgency> {
  // One hash for every seeded user: they share the password, and argon2 is
  // deliberately slow. Each real user gets a hash of their own.
  const passwordHash = await hashPassword(password);

  return db.transaction(async (trx) => {
    const [agency] = await trx('units')
      .insert({
        code: spec.code,
        name: spec.name,
        name_en: spec.nameEn,
        superior_name: spec.superiorName ?? null,
        letterhead_name: spec.letterheadName ?? null,
        place: spec.place ?? null,
        kind: 'agency',
      })
      .returning('id');
    const unitId = String(agency.id);
    const departmentIds: Record<string, string> = {};
    for (const [index, dept] of spec.departments.entries()) {
      const [row] = await trx('units')
        .insert({
          parent_id: unitId,
          agency_id: unitId,
          code: dept.code,
          name: dept.name,
          name_en: dept.nameEn,
          kind: 'department',
          sort_order: index,
        })
        .returning('id');
      departmentIds[dept.code] = String(row.id);
    }

    const groups = await insertGroups(trx, unitId, spec, departmentIds);
    const usernames: string[] = [];
    const addUser = async (
      user: { username: string; displayName: string; title: string },
      departmentId: string | null,
      groupCodes: string[],
    ) => {
      const [row] = await trx('users')
        .insert({
          unit_id: unitId,
          department_id: departmentId,
          username: user.username,
          display_name: user.displayName,
          title: user.title,
          password_hash: passwordHash,
          is_demo: options.demo,
        })
        .returning('id');
      await trx('memberships').insert(
        groupCodes.map((code) => ({ group_id: groups[code], user_id: row.id })),
      );
      usernames.push(user.username);
    };

    await addUser(spec.director, null, ['board']);
    await addUser(spec.deputy, null, ['board']);
    await addUser(spec.secretary, departmentIds[spec.secretary.departmentCode] ?? null, [
      'iso-secretary',
      `staff-${spec.secretary.departmentCode}`,
    ]);
    for (const dept of spec.departments) {
      await addUser(dept.head, departmentIds[dept.code], [`head-${dept.code}`]);
      await addUser(dept.staff, departmentIds[dept.code], [`staff-${dept.code}`]);
    }
    if (spec.contextRegisters) {
      await seedContextRegisters(trx, unitId, spec.contextRegisters, {
        author: spec.secretary.username,
        approver: spec.director,
      });
    }
    return { unitId, departmentIds, usernames };
  });
}

async function insertGroups(
  trx: Knex.Transaction,
  unitId: string,
  spec: AgencySpec,
  departmentIds: Record<string, string>,
): Promise<Record<string, string>> {
  const rows = [
    {
      unit_id: unitId,
      code: 'iso-secretary',
      name: 'Thư ký ISO',
      name_en: 'ISO secretary',
      department_id: null,
    },
    {
      unit_id: unitId,
      code: 'board',
      name: 'Ban Giám đốc',
      name_en: 'Board of directors',
      department_id: null,
    },
    internalAuditorGroup(unitId),
    ...spec.departments.flatMap((dept) => [
      {
        unit_id: unitId,
        code: `head-${dept.code}`,
        name: `Lãnh đạo ${dept.name}`,
        name_en: `Head of ${dept.nameEn}`,
        department_id: departmentIds[dept.code],
      },
      {
        unit_id: unitId,
        code: `staff-${dept.code}`,
        name: `Cán bộ ${dept.name}`,
        name_en: `Staff of ${dept.nameEn}`,
        department_id: departmentIds[dept.code],
      },
    ]),
  ];
  const inserted = await trx('groups').insert(rows).returning(['id', 'code']);
  return Object.fromEntries(inserted.map((row) => [row.code as string, String(row.id)]));
}

/**
 * The group of a unit's internal auditors, who read every instance and its history in their unit.
 * Every agency has one, even before anyone is trained for it.
 */
export function internalAuditorGroup(unitId: string) {
  return {
    unit_id: unitId,
    code: 'internal-auditor',
    name: 'Đánh giá viên nội bộ',
    name_en: 'Internal auditors',
    department_id: null,
  };
}
