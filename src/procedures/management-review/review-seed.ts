import type { Knex } from 'knex';
import type { ReviewInputKey } from '../../documents/index.js';
import type { DemoAgencyContext } from '../procedure-module.js';
import type { OutputType, RecordedOutput } from './review-outputs.js';
import {
  departmentsOf,
  inputRow,
  type DepartmentReport,
  type ReportAssignment,
} from './review-store.js';

// The inputs that each department reported on at the demo review.
const assignedInputs: Record<string, ReviewInputKey[]> = {
  VP: ['previousActions', 'objectives', 'processPerformance', 'resources'],
  TTRA: ['nonconformities', 'auditResults'],
  QLKH: ['customerSatisfaction', 'monitoring', 'externalProviders'],
  QLCN: ['contextChanges', 'risksAndOpportunities', 'improvement'],
};

function demoInputs(year: number): Record<ReviewInputKey, string> {
  return {
    previousActions: `05/06 hành động từ lần xem xét năm ${year - 1} đã hoàn thành. Hành động cập nhật quy trình cấp giấy phép bưu chính sau khi tiếp nhận lĩnh vực thông tin và truyền thông đang thực hiện.`,
    contextChanges:
      'Chính quyền địa phương hai cấp từ ngày 01/7/2025; Sở tiếp nhận chức năng quản lý nhà nước về bưu chính, viễn thông; nghị định mới về thực hiện thủ tục hành chính theo cơ chế một cửa, một cửa liên thông.',
    customerSatisfaction:
      'Khảo sát 1.245 lượt người dân, tổ chức: 92,4% hài lòng (mục tiêu ≥ 90%). 03 phản ánh, kiến nghị đều được trả lời trong thời hạn.',
    objectives:
      '03/04 mục tiêu chất lượng đạt: 98,6% hồ sơ giải quyết đúng hoặc trước hạn (mục tiêu ≥ 98%); 100% hồ sơ trễ hạn có văn bản xin lỗi và hẹn lại; 92,4% người dân hài lòng. Chưa đạt: 46% hồ sơ nộp trực tuyến toàn trình (mục tiêu ≥ 50%).',
    processPerformance:
      'Giải quyết 2.318 hồ sơ thủ tục hành chính, 2.286 hồ sơ đúng hoặc trước hạn. 32 hồ sơ trễ hạn tập trung ở thủ tục cấp giấy phép tiến hành công việc bức xạ do thiếu chuyên viên thẩm định.',
    nonconformities:
      'Ghi nhận 05 sự không phù hợp (02 từ đánh giá nội bộ, 02 từ phản ánh của người dân, 01 từ kiểm tra cải cách hành chính); 04 đã khắc phục và có hiệu lực, 01 đang thực hiện.',
    monitoring:
      'Các chỉ số theo dõi hằng tháng trên hệ thống một cửa điện tử được báo cáo đầy đủ; tỷ lệ hồ sơ trực tuyến tăng từ 38% lên 46%.',
    auditResults:
      'Đánh giá nội bộ tại 04 phòng: 02 điểm không phù hợp nhẹ, 05 điểm lưu ý; đoàn kiểm tra cải cách hành chính của tỉnh không phát hiện điểm không phù hợp.',
    externalProviders:
      'Nhà cung cấp phần mềm một cửa điện tử và dịch vụ bưu chính công ích đáp ứng yêu cầu; 02 lần gián đoạn hệ thống dưới 4 giờ, được khắc phục trong ngày.',
    resources:
      'Nhân lực cơ bản đáp ứng; thiếu 01 chuyên viên thẩm định an toàn bức xạ; máy quét tài liệu tại Bộ phận Một cửa đã xuống cấp.',
    risksAndOpportunities:
      '04/05 rủi ro mức Cao đã được xử lý có hiệu lực; rủi ro thất lạc hồ sơ giữa các phòng giảm từ mức Cao xuống Trung bình sau khi số hóa hồ sơ đầu vào.',
    improvement:
      'Ký số toàn bộ văn bản đi; chuẩn hóa biểu mẫu điện tử cho 11 thủ tục hành chính; kết nối dữ liệu với Cổng dịch vụ công quốc gia.',
  };
}

/** One decided output of the demo review and how far its action got. */
interface DemoAction {
  output: RecordedOutput;
  completed: { on: string; note: string } | null;
}

function output(
  outputType: OutputType,
  description: string,
  ownerDepartment: string,
  ownerName: string,
  deadline: string,
): RecordedOutput {
  return {
    outputType,
    description,
    ownerDepartment,
    ownerName,
    deadline,
    openCorrectiveAction: false,
  };
}

function addDays(date: string, days: number): string {
  const value = new Date(`${date}T00:00:00Z`);
  value.setUTCDate(value.getUTCDate() + days);
  return value.toISOString().slice(0, 10);
}

// The meeting is in June of the previous year, so two actions were done before the current year,
// one fell due in December and is overdue on any day of the current year, and one is due in two
// months from today.
function demoActions(
  meetingDate: string,
  today: string,
  heads: DemoAgencyContext['heads'],
): DemoAction[] {
  return [
    {
      output: output(
        'improvement',
        'Triển khai ký số toàn bộ văn bản đi trên hệ thống quản lý văn bản và điều hành',
        'VP',
        heads.VP.displayName,
        addDays(meetingDate, 90),
      ),
      completed: {
        on: addDays(meetingDate, 80),
        note: 'Toàn bộ văn bản đi được ký số từ tháng 9; đã hướng dẫn các phòng.',
      },
    },
    {
      output: output(
        'resources',
        'Mua sắm 01 máy quét tài liệu khổ A3 cho Bộ phận Một cửa',
        'VP',
        heads.VP.displayName,
        addDays(meetingDate, 150),
      ),
      completed: {
        on: addDays(meetingDate, 140),
        note: 'Máy quét đã bàn giao và đưa vào sử dụng.',
      },
    },
    {
      output: output(
        'improvement',
        'Chuẩn hóa biểu mẫu điện tử cho 11 thủ tục hành chính để nâng tỷ lệ hồ sơ nộp trực tuyến toàn trình',
        'QLCN',
        heads.QLCN.displayName,
        addDays(meetingDate, 180),
      ),
      completed: null,
    },
    {
      output: output(
        'qms-change',
        'Cập nhật phạm vi hệ thống quản lý chất lượng và danh mục thủ tục hành chính sau khi tiếp nhận lĩnh vực bưu chính',
        'QLKH',
        heads.QLKH.displayName,
        addDays(today, 60),
      ),
      completed: null,
    },
  ];
}

function departmentReports(
  assignments: ReportAssignment[],
  inputs: Record<ReviewInputKey, string>,
  heads: DemoAgencyContext['heads'],
  reportedAt: string,
): DepartmentReport[] {
  return assignments.map(({ department: code, departmentName, inputs: keys }) => ({
    department: code,
    departmentName,
    reportedBy: heads[code].username,
    reportedByName: heads[code].displayName,
    reportedAt,
    report: Object.fromEntries(keys.map((key) => [key, inputs[key]])),
  }));
}

/**
 * Writes the demo agency's management review of the previous year, held in June and approved
 * with four actions: two done, one overdue and one still due.
 */
export async function seedManagementReview(
  trx: Knex.Transaction,
  agency: DemoAgencyContext,
): Promise<void> {
  const year = agency.now.getUTCFullYear() - 1;
  const meetingDate = `${year}-06-20`;
  const inputs = demoInputs(year);
  const departments = await departmentsOf(trx, agency.unitId);
  const assignments: ReportAssignment[] = Object.entries(assignedInputs).map(([code, keys]) => ({
    department: code,
    departmentName: departments.get(code)?.name ?? code,
    inputs: keys,
  }));
  const participants = [
    'Ban Giám đốc Sở',
    'Lãnh đạo các phòng, đơn vị thuộc Sở',
    'Thư ký ISO Nguyễn Thu Hà',
  ];
  const actions = demoActions(meetingDate, agency.now.toISOString().slice(0, 10), agency.heads);
  const approvedBy = {
    by: agency.director.username,
    name: agency.director.displayName,
  };

  const [review] = await trx('management_reviews')
    .insert({
      unit_id: agency.unitId,
      reference: `XXLD-${year}-001`,
      year,
      status: 'approved',
      period_from: `${year - 1}-07-01`,
      period_to: `${year}-05-31`,
      meeting_date: meetingDate,
      meeting_start: '08:00',
      venue: 'Phòng họp số 1, trụ sở Sở Khoa học và Công nghệ',
      participants: JSON.stringify(participants),
      report_due_date: `${year}-06-10`,
      assignments: JSON.stringify(assignments),
      notice_approved_at: `${year}-05-25T09:00:00+07:00`,
      notice_approved_by: approvedBy.by,
      notice_approved_by_name: approvedBy.name,
      department_reports: JSON.stringify(
        departmentReports(assignments, inputs, agency.heads, `${year}-06-08T10:00:00+07:00`),
      ),
      ...inputRow(inputs),
      held_on: meetingDate,
      held_start: '08:00',
      held_venue: 'Phòng họp số 1, trụ sở Sở Khoa học và Công nghệ',
      held_participants: JSON.stringify(participants),
      minutes:
        'Thư ký ISO trình bày báo cáo tổng hợp các đầu vào; lãnh đạo các phòng báo cáo bổ sung; Ban Giám đốc thảo luận và thống nhất các quyết định về cải tiến, thay đổi hệ thống và nguồn lực.',
      conclusion:
        'Hệ thống quản lý chất lượng của Sở phù hợp với TCVN ISO 9001:2015, được duy trì thỏa đáng và có hiệu lực; cần tập trung nâng tỷ lệ hồ sơ trực tuyến và bổ sung nhân lực thẩm định an toàn bức xạ.',
      outputs: JSON.stringify(actions.map((action) => action.output)),
      report_approved_at: `${year}-06-23T15:00:00+07:00`,
      report_approved_by: approvedBy.by,
      report_approved_by_name: approvedBy.name,
      created_at: `${year}-05-20T08:30:00+07:00`,
      updated_at: `${year}-06-23T15:00:00+07:00`,
    })
    .returning('id');

  await trx('review_actions').insert(
    actions.map((action, index) => ({
      unit_id: agency.unitId,
      management_review_id: review.id,
      position: index + 1,
      year,
      output_type: action.output.outputType,
      description: action.output.description,
      owner_department_id: agency.departmentIds[action.output.ownerDepartment],
      owner_department_code: action.output.ownerDepartment,
      owner_name: action.output.ownerName,
      deadline: action.output.deadline,
      status: action.completed ? 'done' : 'open',
      completed_on: action.completed?.on ?? null,
      completed_by: action.completed ? agency.secretary : null,
      completion_note: action.completed?.note ?? null,
    })),
  );
}
