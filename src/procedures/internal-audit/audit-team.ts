import type { Knex } from 'knex';

/** A member of an audit team as the plan stores it. */
export interface TeamMember {
  username: string;
  name: string;
  title: string;
  role: 'lead' | 'member';
}

/** Why a team cannot audit a department: the member at fault and the rule, in both languages. */
export interface TeamProblem {
  /** JSON pointer of the form field at fault, such as `/auditors/1`. */
  path: string;
  vi: string;
  en: string;
}

/** The team of a submitted plan and the problems that keep it from auditing its department. */
export interface CheckedTeam {
  members: TeamMember[];
  problems: TeamProblem[];
}

interface UserRow {
  username: string;
  display_name: string;
  title: string | null;
  department_id: string | null;
  department_name: string | null;
}

/**
 * Builds the team of a plan from the lead auditor and the other auditors and checks it. ISO 9001
 * clause 9.2.2 c) requires auditors who ensure objectivity and impartiality, so an auditor may not
 * audit their own department. Each auditor must also be an active user of the unit.
 */
export async function checkAuditTeam(
  db: Knex | Knex.Transaction,
  unitId: string,
  departmentId: string,
  leadAuditor: unknown,
  auditors: unknown,
): Promise<CheckedTeam> {
  const lead = typeof leadAuditor === 'string' ? leadAuditor : '';
  const others = Array.isArray(auditors) ? auditors.map(String) : [];
  const usernames = [lead, ...others.filter((username) => username !== lead)];
  const rows: UserRow[] = await db('users')
    .leftJoin('units', 'units.id', 'users.department_id')
    .where({ 'users.unit_id': unitId, 'users.disabled': false })
    .whereIn('users.username', usernames)
    .select(
      'users.username',
      'users.display_name',
      'users.title',
      'users.department_id',
      'units.name as department_name',
    );
  const byUsername = new Map(rows.map((row) => [row.username, row]));

  const members: TeamMember[] = [];
  const problems: TeamProblem[] = [];
  usernames.forEach((username, index) => {
    const path = index === 0 ? '/leadAuditor' : `/auditors/${others.indexOf(username)}`;
    const user = byUsername.get(username);
    if (!user) {
      problems.push({
        path,
        vi: `Không tìm thấy đánh giá viên '${username}' trong đơn vị; hãy chọn một cán bộ của đơn vị.`,
        en: `Auditor '${username}' is not an active user of the unit; choose a user of the unit.`,
      });
      return;
    }
    if (String(user.department_id) === String(departmentId)) {
      const department = user.department_name ?? '';
      problems.push({
        path,
        vi: `Đánh giá viên ${user.display_name} (${username}) thuộc ${department}, là phòng được đánh giá; hãy chọn đánh giá viên của phòng khác.`,
        en: `Auditor ${user.display_name} (${username}) belongs to ${department}, the department audited; choose an auditor from another department.`,
      });
    }
    members.push({
      username,
      name: user.display_name,
      title: user.title ?? '',
      role: index === 0 ? 'lead' : 'member',
    });
  });
  return { members, problems };
}
