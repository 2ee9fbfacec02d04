import type { FastifyInstance } from 'fastify';
import { acceptedDateRange, agencyDate, calendarDateProblem } from '../../agency-time.js';
import { EisoError } from '../../errors.js';
import { addDays } from '../../history/digests.js';
import { loadReadableInstance, readableUnitIds } from '../../history/instance-access.js';
import { verifyInstance, verifyUnitPeriod } from '../../history/verification.js';
import type { Principal } from '../../identity/principal.js';
import { requirePrincipal } from '../plugins/auth.js';
import { requestLanguage } from '../request-language.js';
import type { FieldLabels } from '../schema-messages.js';

/** Longest period of one unit verification request, so the page requests one period after another. */
export const maxVerificationDays = 92;

/** Groups whose members verify a unit's whole history. */
export const historyVerifierGroups = [
  'board',
  'iso-secretary',
  'internal-auditor',
  'supervising-auditor',
];

const keyParams = {
  type: 'object',
  required: ['key'],
  properties: { key: { type: 'string', pattern: '^[0-9]{1,18}$' } },
} as const;

const periodQuery = {
  type: 'object',
  additionalProperties: false,
  required: ['from', 'to'],
  properties: {
    from: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' },
    to: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' },
    unitId: { type: 'string', pattern: '^[0-9]{1,18}$' },
    lang: { type: 'string', enum: ['vi', 'en'] },
  },
} as const;

interface PeriodQuery {
  from: string;
  to: string;
  unitId?: string;
}

/** Recomputation of the hash chains and daily digests, for auditors. */
export async function historyVerificationRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app.services;

  app.get<{ Params: { key: string } }>(
    '/process-instances/:key/verification',
    { schema: { params: keyParams } },
    async (request) => {
      const principal = requirePrincipal(request);
      await loadReadableInstance(db, principal, request.params.key);
      const result = await verifyInstance(db, request.params.key);
      return { processInstanceKey: request.params.key, ...result };
    },
  );

  app.get<{ Querystring: PeriodQuery }>(
    '/audit/verification',
    { schema: { querystring: periodQuery }, config: { fieldLabels: periodLabels } },
    async (request) => {
      const principal = requirePrincipal(request);
      const vi = requestLanguage(request) === 'vi';
      assertVerifier(principal, vi);
      const unitId = await readableUnit(db, principal, request.query.unitId, vi);
      const { from, to } = request.query;
      assertPeriod(from, to, agencyDate(app.services.now()), vi);
      const result = await verifyUnitPeriod(db, unitId, from, to, app.services.now());
      return { unitId, from, to, ...result };
    },
  );
}

function assertVerifier(principal: Principal, vi: boolean): void {
  // A supervisor reading a supervised unit has no groups there; their own unit's groups count.
  const groups = principal.home?.groups ?? principal.groups;
  if (groups.some((group) => historyVerifierGroups.includes(group))) return;
  throw new EisoError(
    'EISO_ERR_FORBIDDEN',
    vi
      ? 'Chỉ Ban Giám đốc, Thư ký ISO và đánh giá viên được kiểm tra toàn bộ lịch sử của đơn vị.'
      : "Only the board, the ISO secretary and auditors may verify the unit's whole history.",
  );
}

async function readableUnit(
  db: FastifyInstance['services']['db'],
  principal: Principal,
  requested: string | undefined,
  vi: boolean,
): Promise<string> {
  const units = await readableUnitIds(db, principal);
  const unitId = requested ?? principal.unitId;
  if (units.includes(unitId)) return unitId;
  throw new EisoError(
    'EISO_ERR_NOT_FOUND',
    vi ? `Không tìm thấy đơn vị ${unitId}.` : `Unit ${unitId} was not found.`,
  );
}

// Labels of the period's query parameters, so that no message names a bare `to`.
const periodLabels: FieldLabels = {
  '/from': { vi: 'Từ ngày', en: 'Start date' },
  '/to': { vi: 'Đến ngày', en: 'End date' },
  '/unitId': { vi: 'Đơn vị', en: 'Unit' },
};

function assertPeriod(from: string, to: string, today: string, vi: boolean): void {
  const invalid = (path: string, message: { vi: string; en: string }) =>
    new EisoError('EISO_ERR_VALIDATION', vi ? message.vi : message.en, [
      { path, message: vi ? message.vi : message.en },
    ]);
  for (const [path, value] of [
    ['/from', from],
    ['/to', to],
  ] as const) {
    const label = periodLabels[path];
    const name = path.slice(1);
    const problem = calendarDateProblem(value);
    if (problem === 'notReal')
      throw invalid(path, {
        vi: `${label.vi} (${name}) = ${value} không phải ngày có thật; dùng dạng YYYY-MM-DD.`,
        en: `${label.en} (${name}) = ${value} is not a real date; use YYYY-MM-DD.`,
      });
    const { from: first, to: last } = acceptedDateRange;
    if (problem === 'outOfRange')
      throw invalid(path, {
        vi: `${label.vi} (${name}) = ${value} nằm ngoài khoảng ngày được nhận; chọn ngày từ ${first} đến ${last}.`,
        en: `${label.en} (${name}) = ${value} is outside the accepted dates; choose a date from ${first} to ${last}.`,
      });
  }
  if (to < from)
    throw invalid('/to', {
      vi: `Đến ngày (to) ${to} trước từ ngày (from) ${from}; hãy chọn đến ngày từ ${from} trở đi.`,
      en: `End date (to) ${to} is before the start date (from) ${from}; choose an end date on or after ${from}.`,
    });
  if (to > today)
    throw invalid('/to', {
      vi: `Đến ngày (to) ${to} ở tương lai; hãy chọn đến ngày muộn nhất là hôm nay (${today}).`,
      en: `End date (to) ${to} is in the future; choose today (${today}) at the latest.`,
    });
  const lastDay = addDays(from, maxVerificationDays - 1);
  if (lastDay < to)
    throw invalid('/to', {
      vi: `Mỗi lần kiểm tra tối đa ${maxVerificationDays} ngày; hãy chọn đến ngày (to) không muộn hơn ${lastDay}.`,
      en: `One verification covers at most ${maxVerificationDays} days; choose an end date (to) up to ${lastDay}.`,
    });
}
