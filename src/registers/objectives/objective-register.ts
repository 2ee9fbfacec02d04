import type { Knex } from 'knex';

function isoOrNull(value: unknown): string | null {
  return value ? new Date(value as string).toISOString() : null;
}

function dateOnly(value: unknown): string | null {
  if (!value) return null;
  if (typeof value === 'string') return value.slice(0, 10);
  const date = value as Date;
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
}

/** Reads the objectives register of a unit for one year, with the approvals and acknowledgements. */
export async function readObjectiveRegister(db: Knex, unitId: string, year: number | null) {
  const years = (
    await db('objectives').where({ unit_id: unitId }).distinct('year').orderBy('year', 'desc')
  ).map((row) => Number(row.year));
  const selectedYear = year ?? years[0] ?? new Date().getFullYear();

  const objectives = await db('objectives')
    .leftJoin('units', 'units.id', 'objectives.owner_department_id')
    .where({ 'objectives.unit_id': unitId, 'objectives.year': selectedYear })
    .orderBy(['objectives.process_instance_key', 'objectives.position'])
    .select('objectives.*', 'units.code as department_code', 'units.name as department_name');
  // Objectives written without the procedure, such as demo records, have no instance.
  const instanceKeys = [
    ...new Set(
      objectives
        .filter((row) => row.process_instance_key !== null)
        .map((row) => String(row.process_instance_key)),
    ),
  ];

  const approvals = await db('approvals')
    .whereIn('process_instance_key', instanceKeys)
    .andWhere({ unit_id: unitId })
    .orderBy('decided_at');
  const acknowledgements = await db('acknowledgements')
    .join('units', 'units.id', 'acknowledgements.department_id')
    .whereIn('acknowledgements.process_instance_key', instanceKeys)
    .andWhere({ 'acknowledgements.unit_id': unitId })
    .orderBy('units.sort_order')
    .select('acknowledgements.*', 'units.code as department_code', 'units.name as department_name');

  return {
    year: selectedYear,
    years: years.includes(selectedYear) ? years : [selectedYear, ...years],
    items: objectives.map((row) => ({
      id: String(row.id),
      year: Number(row.year),
      position: Number(row.position),
      title: row.title,
      indicator: row.indicator,
      formula: row.formula,
      targetValue: Number(row.target_value),
      targetUnit: row.target_unit,
      ownerDepartment: row.department_code
        ? { code: row.department_code, name: row.department_name }
        : null,
      deadline: dateOnly(row.deadline),
      resources: row.resources,
      evaluationMethod: row.evaluation_method,
      status: row.status,
      approvedAt: isoOrNull(row.approved_at),
      approvedBy: row.approved_by,
      disseminatedAt: isoOrNull(row.disseminated_at),
      processInstanceKey:
        row.process_instance_key === null ? null : String(row.process_instance_key),
    })),
    approvals: approvals.map((row) => ({
      decision: row.decision,
      comment: row.comment,
      actor: row.actor,
      actorName: row.actor_name,
      decidedAt: isoOrNull(row.decided_at),
      processInstanceKey: String(row.process_instance_key),
    })),
    acknowledgements: acknowledgements.map((row) => ({
      department: { code: row.department_code, name: row.department_name },
      actor: row.actor,
      note: row.note,
      acknowledgedAt: isoOrNull(row.acknowledged_at),
      processInstanceKey: String(row.process_instance_key),
    })),
  };
}
