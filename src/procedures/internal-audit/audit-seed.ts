import type { Knex } from 'knex';
import type { DemoAgencyContext } from '../procedure-module.js';
import { programmeReference } from './audit-workers.js';
import type { TeamMember } from './audit-team.js';

interface DemoFinding {
  type: 'major' | 'minor' | 'observation' | 'opportunity';
  clause: string;
  requirement: string;
  evidence: string;
  statement: string;
  /** Sequence of the corrective action of a nonconformity, and whether it is closed. */
  action?: { sequence: number; closed: boolean };
}

interface DemoAudit {
  department: string;
  month: number;
  days: [number, number];
  processes: string;
  clauses: string;
  lead: string;
  member: string;
  summary: string;
  findings: DemoFinding[];
}

// Four audits of the year before the demo's current year, one per department, each by auditors
// of other departments, with the kinds of finding an agency's internal audit typically records.
const demoAudits: DemoAudit[] = [
  {
    department: 'VP',
    month: 6,
    days: [15, 16],
    processes: 'Tiếp nhận và trả kết quả thủ tục hành chính; kiểm soát thông tin dạng văn bản',
    clauses: '7.5, 8.2, 8.5',
    lead: 'head.ttra',
    member: 'staff.qlkh',
    summary:
      'Đoàn đánh giá đã làm việc với Chánh Văn phòng và 03 chuyên viên, xem xét 40 hồ sơ thủ tục hành chính.',
    findings: [
      {
        type: 'minor',
        clause: '7.5.3',
        requirement: 'Thông tin dạng văn bản phải được kiểm soát để sẵn có và thích hợp khi cần.',
        evidence: 'Sổ theo dõi văn bản đến tháng 5 thiếu 03 văn bản đã tiếp nhận.',
        statement: 'Việc cập nhật sổ theo dõi văn bản đến chưa đầy đủ.',
        action: { sequence: 1, closed: true },
      },
      {
        type: 'opportunity',
        clause: '9.1.2',
        requirement: 'Tổ chức phải theo dõi cảm nhận của người dân về mức độ đáp ứng nhu cầu.',
        evidence: 'Phiếu khảo sát chỉ thu thập được tại bộ phận một cửa.',
        statement: 'Nên bổ sung khảo sát trực tuyến để tăng số phiếu phản hồi.',
      },
    ],
  },
  {
    department: 'QLKH',
    month: 6,
    days: [17, 17],
    processes: 'Quản lý nhiệm vụ khoa học và công nghệ cấp tỉnh',
    clauses: '8.1, 8.5, 9.1',
    lead: 'head.vp',
    member: 'staff.ttra',
    summary: 'Đoàn đánh giá đã xem xét 12 hồ sơ nhiệm vụ khoa học và công nghệ đang thực hiện.',
    findings: [
      {
        type: 'observation',
        clause: '8.5.1',
        requirement: 'Việc cung cấp dịch vụ phải được thực hiện trong điều kiện được kiểm soát.',
        evidence: '02 hồ sơ nghiệm thu thiếu chữ ký của thư ký hội đồng trên biên bản.',
        statement: 'Cần kiểm tra đầy đủ chữ ký trên biên bản trước khi lưu hồ sơ.',
      },
    ],
  },
  {
    department: 'TTRA',
    month: 10,
    days: [12, 13],
    processes: 'Giải quyết khiếu nại, tố cáo; tiếp công dân',
    clauses: '7.1.6, 8.2, 9.1.2',
    lead: 'head.qlcn',
    member: 'staff.vp',
    summary: 'Đoàn đánh giá đã làm việc với Chánh Thanh tra và xem xét sổ tiếp công dân năm.',
    findings: [
      {
        type: 'minor',
        clause: '8.2.1',
        requirement: 'Thông tin về dịch vụ phải được trao đổi với người dân đầy đủ và kịp thời.',
        evidence:
          'Bảng niêm yết quy trình giải quyết khiếu nại tại phòng tiếp dân chưa cập nhật theo quyết định mới.',
        statement: 'Thông tin niêm yết về thủ tục giải quyết khiếu nại chưa được cập nhật.',
        action: { sequence: 2, closed: false },
      },
    ],
  },
  {
    department: 'QLCN',
    month: 10,
    days: [14, 15],
    processes: 'Cấp giấy chứng nhận đăng ký chuyển giao công nghệ; hỗ trợ đổi mới sáng tạo',
    clauses: '6.1, 8.5, 8.7',
    lead: 'head.qlkh',
    member: 'secretary',
    summary:
      'Đoàn đánh giá đã xem xét 25 hồ sơ thủ tục hành chính, trong đó có 02 hồ sơ giải quyết quá hạn.',
    findings: [
      {
        type: 'major',
        clause: '8.7',
        requirement:
          'Hồ sơ trễ hạn phải có văn bản xin lỗi người dân và hẹn lại thời gian trả kết quả.',
        evidence:
          '02 hồ sơ chuyển giao công nghệ trả kết quả quá hạn 05 ngày không có phiếu xin lỗi và hẹn lại.',
        statement: 'Không thực hiện xin lỗi và hẹn lại thời gian đối với hồ sơ trễ hạn.',
        action: { sequence: 3, closed: false },
      },
      {
        type: 'observation',
        clause: '6.1',
        requirement: 'Tổ chức phải xác định rủi ro cần giải quyết để đảm bảo kết quả dự kiến.',
        evidence: 'Sổ rủi ro của phòng chưa có rủi ro trễ hạn khi cán bộ thụ lý nghỉ phép.',
        statement: 'Nên bổ sung rủi ro trễ hạn hồ sơ khi cán bộ vắng mặt vào sổ rủi ro.',
      },
    ],
  },
];

async function teamOf(trx: Knex.Transaction, unitId: string, audit: DemoAudit) {
  const users = await trx('users')
    .where({ unit_id: unitId })
    .whereIn('username', [audit.lead, audit.member])
    .select('username', 'display_name', 'title');
  const byName = new Map(users.map((user) => [user.username as string, user]));
  return [audit.lead, audit.member].map((username, index): TeamMember => ({
    username,
    name: byName.get(username)?.display_name ?? username,
    title: byName.get(username)?.title ?? '',
    role: index === 0 ? 'lead' : 'member',
  }));
}

function findingStatus(finding: DemoFinding): 'open' | 'noted' | 'closed' {
  if (!finding.action) return 'noted';
  return finding.action.closed ? 'closed' : 'open';
}

function day(year: number, month: number, dayOfMonth: number): string {
  return `${year}-${String(month).padStart(2, '0')}-${String(dayOfMonth).padStart(2, '0')}`;
}

/** Writes the previous year's concluded audit programme with its plans and findings. */
export async function seedDemoAudits(
  trx: Knex.Transaction,
  agency: DemoAgencyContext,
): Promise<void> {
  const year = agency.now.getUTCFullYear() - 1;
  const reference = programmeReference(year);
  const director = agency.director;
  const [programme] = await trx('audit_programmes')
    .insert({
      unit_id: agency.unitId,
      year,
      reference,
      objectives:
        'Xác định sự phù hợp của hệ thống quản lý chất lượng với yêu cầu của TCVN ISO 9001:2015\nXác định hiệu lực của hệ thống trong việc đạt được các mục tiêu chất lượng',
      scope: 'Toàn bộ các quá trình giải quyết thủ tục hành chính và quá trình nội bộ của Sở.',
      criteria:
        'TCVN ISO 9001:2015\nCác quy trình, quy định nội bộ của hệ thống quản lý chất lượng\nQuy định pháp luật liên quan đến thủ tục hành chính',
      methods: 'Phỏng vấn, quan sát tại nơi làm việc và xem xét hồ sơ, tài liệu.',
      audit_count: demoAudits.length,
      status: 'completed',
      approved_at: `${year}-02-10T09:00:00+07:00`,
      approved_by: director.username,
      approved_by_name: director.displayName,
      outcome: 'improvement',
      conclusion:
        'Hệ thống quản lý chất lượng được duy trì phù hợp; cần khắc phục dứt điểm việc xin lỗi và hẹn lại đối với hồ sơ trễ hạn.',
      recommendations: 'Các phòng hoàn thành hành động khắc phục trước ngày 31/12.',
      concluded_at: `${year}-11-05T15:00:00+07:00`,
      concluded_by: director.username,
      concluded_by_name: director.displayName,
    })
    .returning('id');

  for (const [index, audit] of demoAudits.entries()) {
    const team = await teamOf(trx, agency.unitId, audit);
    const [from, to] = audit.days.map((dayOfMonth) => day(year, audit.month, dayOfMonth));
    const [plan] = await trx('audit_plans')
      .insert({
        unit_id: agency.unitId,
        programme_id: programme.id,
        position: index + 1,
        reference: `${reference}-${String(index + 1).padStart(3, '0')}`,
        department_id: agency.departmentIds[audit.department],
        planned_month: audit.month,
        processes: audit.processes,
        clauses: audit.clauses,
        auditees: `Lãnh đạo và chuyên viên ${audit.department === 'VP' ? 'Văn phòng' : 'phòng'} được đánh giá`,
        lead_auditor: team[0].username,
        lead_auditor_name: team[0].name,
        auditors: JSON.stringify(team),
        criteria: 'TCVN ISO 9001:2015\nCác quy trình nội bộ của phòng được đánh giá',
        method: 'Phỏng vấn, quan sát và xem xét hồ sơ theo mẫu chọn.',
        audit_from: from,
        audit_to: to,
        sessions: JSON.stringify([
          { date: from, start: '08:00', end: '08:30', activity: 'Họp khai mạc' },
          { date: from, start: '08:30', end: '11:30', activity: `Đánh giá: ${audit.processes}` },
          { date: to, start: '15:30', end: '16:30', activity: 'Họp kết thúc, thông báo phát hiện' },
        ]),
        status: 'completed',
        submitted_at: day(year, audit.month - 1, 20),
        approved_at: day(year, audit.month - 1, 25),
        approved_by: director.username,
        approved_by_name: director.displayName,
        summary: audit.summary,
        completed_at: to,
        completed_by: team[0].username,
      })
      .returning('id');

    await trx('audit_findings').insert(
      audit.findings.map((finding, position) => ({
        unit_id: agency.unitId,
        plan_id: plan.id,
        position: position + 1,
        reference: `PH-${String(position + 1).padStart(2, '0')}`,
        finding_type: finding.type,
        clause: finding.clause,
        requirement: finding.requirement,
        evidence: finding.evidence,
        statement: finding.statement,
        department_id: agency.departmentIds[audit.department],
        status: findingStatus(finding),
        corrective_action_key: finding.action
          ? `KPH-${year}-${String(finding.action.sequence).padStart(3, '0')}`
          : null,
        recorded_at: to,
        recorded_by: team[0].username,
      })),
    );
  }
}
