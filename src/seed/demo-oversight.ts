import type { Knex } from 'knex';
import { internalAuditorGroup, type SeededAgency } from './demo-agency.js';

/** A demo user outside the departments, with the group that gives them their role. */
interface OversightUser {
  username: string;
  displayName: string;
  title: string;
}

/** The demo agency's internal auditor, who reads every instance of the agency and changes nothing. */
export const demoAuditor: OversightUser = {
  username: 'auditor',
  displayName: 'Lương Thị Thanh Bình',
  title: 'Thanh tra viên, đánh giá viên nội bộ',
};

/** The supervising agency of the demo: the province's People's Committee. */
export const demoSupervisingAgency = {
  code: 'UBND',
  name: 'Ủy ban nhân dân tỉnh An Bình',
  nameEn: "People's Committee of An Binh province",
  place: 'An Bình',
  supervisor: {
    username: 'supervisor',
    displayName: 'Hà Quang Trung',
    title: 'Chuyên viên Văn phòng UBND tỉnh',
  } satisfies OversightUser,
};

/** The group of a supervising agency whose members read the units it supervises. */
export const supervisingAuditorGroup = {
  code: 'supervising-auditor',
  name: 'Kiểm tra viên của cơ quan cấp trên',
  nameEn: 'Auditors of the supervising agency',
};

/**
 * Adds the demo's auditing roles: the internal auditor of the seeded agency, and a supervising
 * agency that supervises it with one auditor of its own. The new users share the password of the
 * seeded users, and so the demo password. The supervising agency has no ISO secretary, so no
 * procedures are deployed to it.
 */
export async function seedDemoOversight(
  trx: Knex.Transaction,
  seeded: SeededAgency,
): Promise<void> {
  const template = await trx('users')
    .where({ unit_id: seeded.unitId, username: seeded.usernames[0] })
    .first('password_hash', 'is_demo');
  const insertUser = async (
    unitId: string,
    user: OversightUser,
    groupCode: string,
    departmentId: string | null = null,
  ) => {
    const [row] = await trx('users')
      .insert({
        unit_id: unitId,
        department_id: departmentId,
        username: user.username,
        display_name: user.displayName,
        title: user.title,
        password_hash: template.password_hash,
        is_demo: template.is_demo,
      })
      .returning('id');
    const group = await trx('groups').where({ unit_id: unitId, code: groupCode }).first('id');
    await trx('memberships').insert({ group_id: group.id, user_id: row.id });
  };

  // An inspector of the agency audits the other departments, as internal auditors are staff.
  await insertUser(seeded.unitId, demoAuditor, 'internal-auditor', seeded.departmentIds.TTRA);

  const [supervisor] = await trx('units')
    .insert({
      code: demoSupervisingAgency.code,
      name: demoSupervisingAgency.name,
      name_en: demoSupervisingAgency.nameEn,
      place: demoSupervisingAgency.place,
      kind: 'agency',
    })
    .returning('id');
  const supervisorUnitId = String(supervisor.id);
  await trx('groups').insert([
    {
      unit_id: supervisorUnitId,
      code: supervisingAuditorGroup.code,
      name: supervisingAuditorGroup.name,
      name_en: supervisingAuditorGroup.nameEn,
      department_id: null,
    },
    internalAuditorGroup(supervisorUnitId),
  ]);
  await insertUser(
    supervisorUnitId,
    demoSupervisingAgency.supervisor,
    supervisingAuditorGroup.code,
  );
  await trx('unit_supervisions').insert({
    supervisor_unit_id: supervisorUnitId,
    unit_id: seeded.unitId,
  });
}
