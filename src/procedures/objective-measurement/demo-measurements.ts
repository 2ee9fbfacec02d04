import type { Knex } from 'knex';
import type { DemoAgencyContext } from '../procedure-module.js';
import { loadUnitSettings } from '../../settings/unit-settings.js';
import {
  addDays,
  periodBefore,
  periodEndedBefore,
  periodKindOfCycle,
  periodName,
  type MeasurementPeriod,
} from './measurement-period.js';
import { directionOf, isAchieved } from './target-direction.js';

/** A quality objective of the demo agency, with the values its department measured. */
interface DemoObjective {
  title: string;
  indicator: string;
  formula: string;
  targetValue: number;
  targetUnit: string;
  direction: 'at_least' | 'at_most' | null;
  department: string;
  evaluationMethod: string;
  /** Measured value of January, February, ... (or of each quarter), repeated when the year runs longer. */
  values: number[];
  /** A value that misses the target, measured in August or, earlier in the year, in the last period. */
  missedValue?: number;
  evidence: string;
}

// Typical objectives of a provincial department: on-time dossiers, apologies for late ones,
// satisfaction, online filing, complaints within the legal limit, and a count of late dossiers as
// the one target that is a maximum. The on-time rate of August misses its target, the one missed
// measurement of the demo.
const demoObjectives: DemoObjective[] = [
  {
    title: 'Giải quyết hồ sơ thủ tục hành chính đúng hạn',
    indicator: 'Tỷ lệ hồ sơ thủ tục hành chính được giải quyết đúng hoặc trước hạn',
    formula: 'Số hồ sơ giải quyết đúng và trước hạn / Tổng số hồ sơ đã giải quyết × 100%',
    targetValue: 98,
    targetUnit: '%',
    direction: null,
    department: 'VP',
    evaluationMethod: 'Thống kê hằng tháng từ Hệ thống thông tin giải quyết thủ tục hành chính',
    values: [98.6, 98.9, 99.1, 98.4, 99, 98.8, 99.3, 98.5, 98.7, 99.2, 99.4, 99.1],
    missedValue: 96.5,
    evidence: 'Báo cáo thống kê hồ sơ của Hệ thống thông tin giải quyết thủ tục hành chính tỉnh',
  },
  {
    title: 'Xin lỗi và hẹn lại ngày trả kết quả khi hồ sơ trễ hạn',
    indicator: 'Tỷ lệ hồ sơ trễ hạn có phiếu xin lỗi và hẹn lại ngày trả kết quả',
    formula: 'Số hồ sơ trễ hạn có phiếu xin lỗi / Tổng số hồ sơ trễ hạn × 100%',
    targetValue: 100,
    targetUnit: '%',
    direction: null,
    department: 'VP',
    evaluationMethod: 'Đối chiếu sổ theo dõi hồ sơ với phiếu xin lỗi hằng tháng',
    values: [100],
    evidence: 'Sổ theo dõi hồ sơ và bản lưu phiếu xin lỗi, hẹn lại ngày trả kết quả',
  },
  {
    title: 'Nâng cao sự hài lòng của người dân, doanh nghiệp',
    indicator: 'Tỷ lệ người dân, doanh nghiệp hài lòng với việc giải quyết thủ tục hành chính',
    formula: 'Số phiếu đánh giá hài lòng / Tổng số phiếu đánh giá × 100%',
    targetValue: 90,
    targetUnit: '%',
    direction: null,
    department: 'VP',
    evaluationMethod: 'Tổng hợp phiếu đánh giá trên Cổng dịch vụ công hằng tháng',
    values: [91.2, 92, 91.5, 93.1, 92.8, 93.4, 92.2, 90.6, 92.9, 93.5, 94, 93.8],
    evidence: 'Kết quả đánh giá mức độ hài lòng trên Cổng dịch vụ công của tỉnh',
  },
  {
    title: 'Đẩy mạnh nộp hồ sơ trực tuyến',
    indicator: 'Tỷ lệ hồ sơ thủ tục hành chính được nộp trực tuyến toàn trình',
    formula: 'Số hồ sơ nộp trực tuyến toàn trình / Tổng số hồ sơ tiếp nhận × 100%',
    targetValue: 50,
    targetUnit: '%',
    direction: null,
    department: 'QLCN',
    evaluationMethod: 'Thống kê hằng tháng từ Cổng dịch vụ công',
    values: [51.4, 52.8, 54.1, 55.6, 56.3, 58, 59.2, 60.5, 61.1, 62.4, 63, 64.2],
    evidence: 'Báo cáo tình hình tiếp nhận hồ sơ trực tuyến trên Cổng dịch vụ công',
  },
  {
    title: 'Giải quyết khiếu nại, phản ánh đúng thời hạn luật định',
    indicator: 'Tỷ lệ đơn khiếu nại, phản ánh được trả lời trong thời hạn luật định',
    formula: 'Số đơn trả lời đúng hạn / Tổng số đơn phải trả lời trong kỳ × 100%',
    targetValue: 100,
    targetUnit: '%',
    direction: null,
    department: 'TTRA',
    evaluationMethod: 'Đối chiếu sổ tiếp nhận đơn với văn bản trả lời hằng tháng',
    values: [100],
    evidence: 'Sổ tiếp nhận, xử lý đơn thư của Thanh tra Sở',
  },
  {
    title: 'Hạn chế hồ sơ lĩnh vực khoa học và công nghệ bị trễ hạn',
    indicator: 'Số hồ sơ lĩnh vực khoa học và công nghệ giải quyết trễ hạn trong tháng',
    formula: 'Đếm số hồ sơ trả kết quả sau ngày hẹn',
    targetValue: 2,
    targetUnit: 'hồ sơ trễ hạn',
    direction: 'at_most',
    department: 'QLKH',
    evaluationMethod: 'Thống kê hằng tháng từ Hệ thống thông tin giải quyết thủ tục hành chính',
    values: [1, 0, 2, 1, 0, 1, 0, 2, 1, 0, 1, 0],
    evidence: 'Danh sách hồ sơ trễ hạn xuất từ Hệ thống thông tin giải quyết thủ tục hành chính',
  },
];

interface SeededObjective {
  id: string;
  position: number;
  spec: DemoObjective;
}

async function seedObjectives(
  trx: Knex.Transaction,
  agency: DemoAgencyContext,
  year: number,
): Promise<SeededObjective[]> {
  const approvedAt = `${year}-01-15T09:00:00+07:00`;
  const seeded: SeededObjective[] = [];
  for (const [index, spec] of demoObjectives.entries()) {
    const [row] = await trx('objectives')
      .insert({
        unit_id: agency.unitId,
        year,
        position: index + 1,
        title: spec.title,
        indicator: spec.indicator,
        formula: spec.formula,
        target_value: spec.targetValue,
        target_unit: spec.targetUnit,
        direction: spec.direction,
        owner_department_id: agency.departmentIds[spec.department] ?? null,
        deadline: `${year}-12-31`,
        evaluation_method: spec.evaluationMethod,
        status: 'disseminated',
        approved_at: approvedAt,
        approved_by: agency.director.username,
        disseminated_at: `${year}-01-20T09:00:00+07:00`,
      })
      .returning('id');
    seeded.push({ id: String(row.id), position: index + 1, spec });
  }
  return seeded;
}

/** Lists the periods of `year` that ended before `now`, oldest first. */
function endedPeriods(kind: MeasurementPeriod['kind'], year: number, now: Date) {
  const periods: MeasurementPeriod[] = [];
  let period = periodEndedBefore(kind, now);
  while (period.year === year) {
    periods.unshift(period);
    period = periodBefore(period);
  }
  return periods;
}

function measurementRows(
  agency: DemoAgencyContext,
  objective: SeededObjective,
  periods: MeasurementPeriod[],
) {
  const { spec } = objective;
  const direction = directionOf(spec.direction, spec.targetUnit);
  const head = agency.heads[spec.department];
  const missedIndex = Math.min(7, periods.length - 1);
  return periods.map((period, index) => {
    const measuredValue =
      spec.missedValue !== undefined && index === missedIndex
        ? spec.missedValue
        : spec.values[index % spec.values.length];
    return {
      unit_id: agency.unitId,
      objective_id: objective.id,
      year: period.year,
      period: period.label,
      period_start: period.start,
      period_end: period.end,
      objective_position: objective.position,
      objective_title: spec.title,
      measured_value: measuredValue,
      target_value: spec.targetValue,
      target_unit: spec.targetUnit,
      direction,
      achieved: isAchieved(measuredValue, spec.targetValue, direction),
      department_id: agency.departmentIds[spec.department] ?? null,
      department_code: spec.department,
      evidence: `${spec.evidence}, ${periodName(period)}`,
      comment: isAchieved(measuredValue, spec.targetValue, direction)
        ? null
        : 'Nhiều hồ sơ tồn do cán bộ một cửa nghỉ phép dài ngày, chưa bố trí người thay thế.',
      measured_by: head?.username ?? agency.secretary,
      measured_by_name: head?.displayName ?? null,
      measured_at: `${addDays(period.end, 3)}T09:00:00+07:00`,
    };
  });
}

/**
 * Writes the demo agency's measurements of the current year's objectives for the periods that
 * have ended, with one missed target. When the year has no approved objectives yet, it first
 * writes a realistic approved set.
 */
export async function seedDemoMeasurements(
  trx: Knex.Transaction,
  agency: DemoAgencyContext,
): Promise<void> {
  const year = agency.now.getFullYear();
  const existing = await trx('objectives')
    .where({ unit_id: agency.unitId, year })
    .whereIn('status', ['approved', 'disseminated'])
    .first('id');
  // Objectives that another seed wrote have no demo values of their own, so they stay unmeasured.
  if (existing) return;

  const settings = await loadUnitSettings(trx, agency.unitId);
  const kind = periodKindOfCycle(settings.measurementCycle);
  const objectives = await seedObjectives(trx, agency, year);
  const periods = endedPeriods(kind, year, agency.now);
  const rows = objectives.flatMap((objective) => measurementRows(agency, objective, periods));
  if (rows.length > 0) await trx('objective_measurements').insert(rows);
}
