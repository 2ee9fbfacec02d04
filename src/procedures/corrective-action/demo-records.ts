import type { Knex } from 'knex';
import { defaultUnitSettings } from '../../settings/unit-settings.js';
import type { DemoAgencyContext } from '../procedure-module.js';
import { addDays, agencyDate } from './agency-calendar.js';
import type { PlannedAction } from './plan-workers.js';

/** A demo corrective action. Its dates are counted in days from the seed's day. */
interface DemoAction {
  number: number;
  source: string;
  sourceReference: string | null;
  title: string;
  description: string;
  evidence: string;
  departmentCode: string;
  raisedDaysAgo: number;
  status: string;
  classification?: string;
  triageNote?: string;
  correction?: string;
  rootCauseMethod?: 'five-whys' | 'fishbone';
  whys?: string[];
  causeCategory?: string;
  rootCause?: string;
  actions?: { action: string; owner: string; dueInDays: number }[];
  implementationReport?: string;
  implementedDaysAgo?: number;
  effectiveness?: { result: 'effective' | 'not-effective'; note: string };
  reopenedCount?: number;
  closedDaysAgo?: number;
}

const demoActions: DemoAction[] = [
  {
    number: 1,
    source: 'audit',
    sourceReference: 'DG-{year}-001 / PH-02',
    title: 'Quy trình cấp giấy chứng nhận chưa cập nhật theo nghị định mới',
    description:
      'Quy trình cấp giấy chứng nhận hoạt động khoa học và công nghệ vẫn áp dụng thành phần hồ sơ theo nghị định đã hết hiệu lực.',
    evidence: 'Quy trình QT-QLCN-03 lần ban hành 2; nghị định mới có hiệu lực từ ngày 01/7.',
    departmentCode: 'QLCN',
    raisedDaysAgo: 150,
    status: 'closed',
    classification: 'major',
    triageNote: 'Không đáp ứng yêu cầu pháp luật áp dụng cho thủ tục hành chính.',
    correction: 'Tạm dừng áp dụng biểu mẫu cũ, hướng dẫn công dân nộp hồ sơ theo thành phần mới.',
    rootCauseMethod: 'five-whys',
    whys: [
      'Tại sao quy trình chưa cập nhật? Vì chưa ai rà soát văn bản mới.',
      'Tại sao chưa rà soát? Vì chưa phân công người theo dõi văn bản pháp luật mới.',
    ],
    causeCategory: 'method',
    rootCause: 'Chưa có cơ chế theo dõi văn bản pháp luật mới để cập nhật quy trình.',
    actions: [
      {
        action: 'Sửa đổi quy trình QT-QLCN-03 theo nghị định mới',
        owner: 'Ngô Thanh Sơn',
        dueInDays: -110,
      },
      {
        action: 'Phân công chuyên viên theo dõi văn bản pháp luật hằng tháng',
        owner: 'Trịnh Thị Mai',
        dueInDays: -100,
      },
    ],
    implementationReport: 'Đã ban hành quy trình lần 3 và quyết định phân công theo dõi văn bản.',
    implementedDaysAgo: 100,
    effectiveness: {
      result: 'effective',
      note: 'Ba tháng liền không còn hồ sơ bị yêu cầu bổ sung theo thành phần cũ.',
    },
    reopenedCount: 1,
    closedDaysAgo: 8,
  },
  {
    number: 2,
    source: 'complaint',
    sourceReference: 'PA-{year}-014',
    title: 'Trả kết quả hồ sơ trễ hạn không có phiếu xin lỗi',
    description:
      'Hồ sơ cấp phép trễ hạn 3 ngày nhưng bộ phận một cửa không gửi phiếu xin lỗi và hẹn lại ngày trả kết quả.',
    evidence: 'Phản ánh của công dân trên cổng thông tin; sổ theo dõi hồ sơ tháng 3.',
    departmentCode: 'VP',
    raisedDaysAgo: 80,
    status: 'checking',
    classification: 'minor',
    triageNote: 'Vi phạm yêu cầu 100% hồ sơ trễ hạn có phiếu xin lỗi.',
    correction: 'Đã gửi phiếu xin lỗi cho công dân và trả kết quả.',
    rootCauseMethod: 'fishbone',
    causeCategory: 'people',
    rootCause: 'Cán bộ một cửa mới chưa được hướng dẫn lập phiếu xin lỗi.',
    actions: [
      {
        action: 'Tập huấn quy định về phiếu xin lỗi cho cán bộ một cửa',
        owner: 'Phạm Quốc Huy',
        dueInDays: -40,
      },
    ],
    implementationReport: 'Đã tổ chức tập huấn ngày 15, có danh sách ký tham dự.',
    implementedDaysAgo: 35,
  },
  {
    number: 3,
    source: 'objective',
    sourceReference: 'MTCL-{year} / MT-01',
    title: 'Tỷ lệ hồ sơ giải quyết đúng hạn quý I đạt 95%, thấp hơn chỉ tiêu 98%',
    description: 'Kết quả đo lường mục tiêu chất lượng quý I: 95% hồ sơ giải quyết đúng hạn.',
    evidence: 'Báo cáo thống kê hồ sơ từ hệ thống một cửa điện tử quý I.',
    departmentCode: 'QLKH',
    raisedDaysAgo: 45,
    status: 'implementing',
    classification: 'major',
    triageNote: 'Không đạt mục tiêu chất lượng đã công bố.',
    correction: 'Rà soát và ưu tiên giải quyết các hồ sơ sắp đến hạn.',
    rootCauseMethod: 'fishbone',
    causeCategory: 'people',
    rootCause: 'Hồ sơ bị chậm khi chuyên viên thụ lý nghỉ phép mà không có người thay thế.',
    actions: [
      {
        action: 'Phân công người thay thế khi chuyên viên nghỉ phép',
        owner: 'Bùi Thị Ngọc Anh',
        dueInDays: 10,
      },
      {
        action: 'Cài đặt cảnh báo hồ sơ sắp đến hạn trên hệ thống một cửa',
        owner: 'Đặng Văn Khoa',
        dueInDays: 20,
      },
    ],
  },
  {
    number: 4,
    source: 'inspection',
    sourceReference: 'Biên bản kiểm tra số 12/BB-TTRA',
    title: 'Hồ sơ lưu trữ thiếu phiếu kiểm soát quá trình giải quyết',
    description: 'Kiểm tra ngẫu nhiên 20 hồ sơ, 4 hồ sơ không có phiếu kiểm soát quá trình.',
    evidence: 'Biên bản kiểm tra số 12/BB-TTRA.',
    departmentCode: 'TTRA',
    raisedDaysAgo: 12,
    status: 'planned',
    classification: 'minor',
    triageNote: 'Không tuân thủ yêu cầu kiểm soát hồ sơ.',
    correction: 'Bổ sung phiếu kiểm soát cho 4 hồ sơ.',
    rootCauseMethod: 'five-whys',
    whys: ['Tại sao thiếu phiếu? Vì phiếu chỉ lập trên giấy và dễ thất lạc khi chuyển phòng.'],
    causeCategory: 'material',
    rootCause: 'Phiếu kiểm soát lập trên giấy, không đi kèm hồ sơ điện tử.',
    actions: [
      {
        action: 'Lập phiếu kiểm soát trên hệ thống một cửa điện tử',
        owner: 'Vũ Đức Thắng',
        dueInDays: 30,
      },
    ],
  },
  {
    number: 5,
    source: 'other',
    sourceReference: null,
    title: 'Cổng dịch vụ công ngừng hoạt động nửa ngày không có thông báo',
    description:
      'Sáng thứ Hai cổng dịch vụ công ngừng hoạt động, công dân không nộp được hồ sơ trực tuyến.',
    evidence: 'Ảnh chụp màn hình lỗi; ghi nhận của bộ phận một cửa.',
    departmentCode: 'VP',
    raisedDaysAgo: 2,
    status: 'raised',
  },
  {
    number: 6,
    source: 'other',
    sourceReference: null,
    title: 'Máy lấy số thứ tự tại bộ phận một cửa in mờ',
    description: 'Máy lấy số in phiếu mờ, công dân khó đọc số thứ tự.',
    evidence: 'Phiếu số thứ tự ngày 12.',
    departmentCode: 'VP',
    raisedDaysAgo: 30,
    status: 'rejected',
    classification: 'not-nonconformity',
    triageNote:
      'Hỏng hóc thiết bị đã được xử lý theo kế hoạch bảo trì, không phải sự không phù hợp của hệ thống.',
    closedDaysAgo: 29,
  },
];

function plannedActions(demo: DemoAction, today: string): PlannedAction[] {
  return (demo.actions ?? []).map((entry) => ({
    action: entry.action,
    owner: entry.owner,
    deadline: addDays(today, entry.dueInDays),
  }));
}

const checkDays = defaultUnitSettings.effectivenessCheckDays;

function demoRow(demo: DemoAction, agency: DemoAgencyContext, today: string) {
  const year = today.slice(0, 4);
  const actions = plannedActions(demo, today);
  const approved = ['approved', 'implementing', 'checking', 'closed'].includes(demo.status);
  const daysAgo = (days: number | undefined) => (days === undefined ? null : addDays(today, -days));
  return {
    unit_id: agency.unitId,
    code: `KPH-${year}-D${String(demo.number).padStart(2, '0')}`,
    source: demo.source,
    source_reference: demo.sourceReference?.replace('{year}', year) ?? null,
    title: demo.title,
    description: demo.description,
    evidence: demo.evidence,
    department_code: demo.departmentCode,
    classification: demo.classification ?? null,
    triage_note: demo.triageNote ?? null,
    triaged_by: demo.classification ? agency.secretary : null,
    correction: demo.correction ?? null,
    root_cause_method: demo.rootCauseMethod ?? null,
    whys: JSON.stringify((demo.whys ?? []).map((why) => ({ why }))),
    cause_category: demo.causeCategory ?? null,
    root_cause: demo.rootCause ?? null,
    actions: JSON.stringify(actions),
    deadline:
      actions
        .map((action) => action.deadline)
        .sort()
        .at(-1) ?? null,
    implementation_report: demo.implementationReport ?? null,
    implemented_on: daysAgo(demo.implementedDaysAgo),
    check_due_on:
      demo.implementedDaysAgo === undefined
        ? null
        : addDays(today, checkDays - demo.implementedDaysAgo),
    effectiveness_result: demo.effectiveness?.result ?? null,
    effectiveness_note: demo.effectiveness?.note ?? null,
    checked_by: demo.effectiveness ? agency.secretary : null,
    reopened_count: demo.reopenedCount ?? 0,
    status: demo.status,
    raised_on: addDays(today, -demo.raisedDaysAgo),
    raised_by: agency.heads[demo.departmentCode]?.username ?? agency.secretary,
    approved_at: approved ? `${addDays(today, -demo.raisedDaysAgo + 7)}T09:00:00+07:00` : null,
    approved_by: approved ? agency.director.username : null,
    approved_by_name: approved ? agency.director.displayName : null,
    closed_on: daysAgo(demo.closedDaysAgo),
  };
}

/**
 * Writes the demo agency's corrective actions, one at each step of the procedure. They have no
 * process instance, and their codes carry a `D` (KPH-2027-D01) so they never take a business key
 * that the procedure hands out.
 */
export async function seedCorrectiveActions(
  trx: Knex.Transaction,
  agency: DemoAgencyContext,
): Promise<void> {
  const today = agencyDate(agency.now);
  await trx('corrective_actions').insert(demoActions.map((demo) => demoRow(demo, agency, today)));
}
