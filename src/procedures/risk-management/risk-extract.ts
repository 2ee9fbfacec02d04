import type { Knex } from 'knex';
import type { RiskEntry, RiskRegisterExtractData } from '../../documents/index.js';
import { EisoError } from '../../errors.js';
import { readAgencyLetterhead } from '../../registers/objectives/objective-decision.js';
import { vietnamDate } from './review-dates.js';
import { levelLabels } from './risk-matrix.js';
import { readDepartments, readOpenRisks, type RiskRecord } from './risk-records.js';
import { treatmentOptions } from './risk-register.js';

/** Maximum number of risks in one extract, the row limit of the document schemas. */
const maxExtractRisks = 500;

/** Highest rating that the extract's document schema accepts. */
const maxExtractRating = 5;

// The extract lists risks whose treatment is planned: earlier ones have no treatment or owner yet.
function isExtractable(risk: RiskRecord): boolean {
  return Boolean(risk.treatmentActions && risk.ownerName && risk.reviewDate);
}

function treatmentText(risk: RiskRecord): string {
  const option = treatmentOptions.find((entry) => entry.value === risk.treatmentOption);
  const lines = [
    option ? `${option.label.vi}: ${risk.treatmentActions}` : String(risk.treatmentActions),
  ];
  if (risk.residualScore !== null && risk.residualLevel !== null) {
    lines.push(
      `Sau xử lý: ${risk.residualLikelihood} × ${risk.residualSeverity} = ${risk.residualScore} (${levelLabels[risk.residualLevel].vi})`,
    );
  }
  return lines.join('. ');
}

function toEntry(risk: RiskRecord): RiskEntry {
  return {
    code: risk.code,
    description: risk.description,
    process: risk.departmentName ? `${risk.process} (${risk.departmentName})` : risk.process,
    cause: risk.cause,
    likelihood: risk.likelihood,
    severity: risk.severity,
    score: risk.score,
    level: risk.level,
    treatment: treatmentText(risk),
    owner: risk.ownerName as string,
    reviewDate: risk.reviewDate as string,
  };
}

function assertPrintable(risks: RiskRecord[]): void {
  if (risks.length > maxExtractRisks) {
    throw new EisoError(
      'EISO_ERR_VALIDATION',
      `The extract would list ${risks.length} risks, more than the maximum of ${maxExtractRisks}; choose a department with ?department=CODE.`,
      [{ path: '/department', message: 'Choose a department to narrow the extract.' }],
    );
  }
  const wide = risks.find((risk) => Math.max(risk.likelihood, risk.severity) > maxExtractRating);
  if (wide) {
    throw new EisoError(
      'EISO_ERR_VALIDATION',
      `Risk ${wide.code} is rated on a scale above ${maxExtractRating}, which the extract template cannot print; export the register to Excel instead.`,
    );
  }
}

// The extract is a copy for distribution: the ISO secretary signs the printed copy by hand.
async function secretarySigner(db: Knex, unitId: string) {
  const secretary = await db('users')
    .join('memberships', 'memberships.user_id', 'users.id')
    .join('groups', 'groups.id', 'memberships.group_id')
    .where({ 'groups.unit_id': unitId, 'groups.code': 'iso-secretary', 'users.disabled': false })
    .orderBy('users.id')
    .first('users.display_name', 'users.title');
  return {
    title: (secretary?.title as string | undefined) ?? 'Thư ký ISO',
    name: (secretary?.display_name as string | undefined) ?? 'Thư ký ISO',
    signed: false,
  };
}

/**
 * Builds the extract of a unit's risk register: every risk that is not closed and has a
 * treatment plan, of one department or of all, as of `now`.
 */
export async function buildRiskExtract(
  db: Knex,
  unitId: string,
  departmentCode: string | null,
  now: Date,
): Promise<RiskRegisterExtractData> {
  const departments = await readDepartments(db, unitId);
  const department = departmentCode ? departments.get(departmentCode) : undefined;
  if (departmentCode && !department) {
    const known = [...departments.keys()].join(', ');
    throw new EisoError(
      'EISO_ERR_VALIDATION',
      `No department has the code ${departmentCode}; use one of ${known}.`,
      [
        {
          path: '/department',
          message: `Unknown department ${departmentCode}; use one of ${known}.`,
        },
      ],
    );
  }

  const risks = (await readOpenRisks(db, unitId, departmentCode)).filter(isExtractable);
  if (risks.length === 0) {
    throw new EisoError(
      'EISO_ERR_NOT_FOUND',
      'No risk with a treatment plan is in the register yet: plan the treatment through the risk-management procedure first.',
    );
  }
  assertPrintable(risks);

  const today = vietnamDate(now);
  return {
    agency: await readAgencyLetterhead(db, unitId),
    date: today,
    year: Number(today.slice(0, 4)),
    selection: department
      ? `các rủi ro của ${department.name} đang xử lý và theo dõi`
      : 'các rủi ro đang xử lý và theo dõi',
    asOf: today,
    risks: risks.map(toEntry),
    signer: await secretarySigner(db, unitId),
    recipients: ['Ban Giám đốc;', 'Các phòng, đơn vị có liên quan;', 'Lưu: VT, ISO.'],
  };
}
