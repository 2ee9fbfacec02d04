import type {
  AgencyData,
  AuditPlanData,
  AuditProgrammeData,
  AuditReportData,
  AuditTeamMember,
  DocumentDataByKind,
  ManagementReviewNoticeData,
  ManagementReviewReportData,
  ObjectivesDecisionData,
  RiskRegisterExtractData,
} from '../../src/documents/index.js';
import { demoAgency } from '../../src/seed/demo-agency.js';

/** Sample data of every document kind, for the demo agency, as its procedures would fill it. */

const departments = Object.fromEntries(demoAgency.departments.map((dept) => [dept.code, dept]));
const office = departments.VP;
const science = departments.QLKH;
const technology = departments.QLCN;
const inspectorate = departments.TTRA;

export const agency: AgencyData = {
  superior: 'UBND tỉnh An Bình',
  name: demoAgency.name,
  letterheadName: 'Sở Khoa học và Công nghệ',
  code: demoAgency.code,
  place: 'An Bình',
};

const director = {
  title: demoAgency.director.title,
  name: demoAgency.director.displayName,
  signed: true,
};

const deputySigning = {
  authority: 'KT. Giám đốc',
  title: demoAgency.deputy.title,
  name: demoAgency.deputy.displayName,
  signed: false,
};

const recipients = ['Như Điều 3;', 'Ban Giám đốc Sở;', 'Lưu: VT, VP.'];

/** Objectives as `readObjectiveRegister` returns them, with the register's own fields. */
export const registerObjectives = [
  {
    id: '1',
    year: 2026,
    position: 0,
    title: 'Giải quyết hồ sơ thủ tục hành chính đúng hạn',
    indicator: 'Tỷ lệ hồ sơ giải quyết đúng hoặc trước hạn',
    formula: 'Số hồ sơ đúng hạn / tổng số hồ sơ đã giải quyết x 100',
    targetValue: 98,
    targetUnit: '%',
    ownerDepartment: { code: office.code, name: office.name },
    deadline: '2026-12-31',
    status: 'approved',
    processInstanceKey: '2251799813685249',
  },
  {
    id: '2',
    year: 2026,
    position: 1,
    title: 'Nâng cao sự hài lòng của người dân, tổ chức',
    indicator: 'Tỷ lệ người dân, tổ chức hài lòng qua khảo sát',
    formula: null,
    targetValue: 90,
    targetUnit: '%',
    ownerDepartment: { code: science.code, name: science.name },
    deadline: '2026-11-30',
    status: 'approved',
    processInstanceKey: '2251799813685249',
  },
  {
    id: '3',
    year: 2026,
    position: 2,
    title: 'Thẩm định hồ sơ chuyển giao công nghệ',
    indicator: 'Thời gian thẩm định trung bình một hồ sơ',
    formula: null,
    targetValue: 12.5,
    targetUnit: 'ngày',
    ownerDepartment: { code: technology.code, name: technology.name },
    deadline: null,
    status: 'approved',
    processInstanceKey: '2251799813685249',
  },
];

export const objectivesDecision: ObjectivesDecisionData = {
  agency,
  number: 12,
  date: '2026-12-04',
  year: 2026,
  authority: `Giám đốc ${demoAgency.name}`,
  legalBases: [
    'Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05 tháng 3 năm 2020 của Chính phủ về công tác văn thư;',
    'Căn cứ Tiêu chuẩn quốc gia TCVN ISO 9001:2015 Hệ thống quản lý chất lượng - Các yêu cầu;',
  ],
  proposer: `${office.head.title} Sở`,
  implementers: `${office.head.title} Sở, ${inspectorate.head.title} Sở, Trưởng các phòng thuộc Sở và các cá nhân có liên quan`,
  objectives: registerObjectives,
  signer: director,
  recipients,
};

export const reviewNotice: ManagementReviewNoticeData = {
  agency,
  number: 45,
  date: '2026-11-20',
  year: 2026,
  bases: [
    'Thực hiện Kế hoạch duy trì, cải tiến hệ thống quản lý chất lượng theo TCVN ISO 9001:2015 năm 2026 của Sở Khoa học và Công nghệ tỉnh An Bình.',
  ],
  meeting: {
    date: '2026-12-15',
    start: '08:00',
    venue: 'Phòng họp số 1, trụ sở Sở Khoa học và Công nghệ',
    chair: { name: demoAgency.director.displayName, title: demoAgency.director.title },
    participants: [
      'Ban Giám đốc Sở',
      'Lãnh đạo các phòng, đơn vị thuộc Sở',
      `${demoAgency.secretary.title} ${demoAgency.secretary.displayName}`,
    ],
  },
  preparations: [
    { input: 'previousActions', department: office.name, dueDate: '2026-12-08' },
    { input: 'objectives', department: office.name, dueDate: '2026-12-08' },
    { input: 'customerSatisfaction', department: science.name, dueDate: '2026-12-10' },
    { input: 'nonconformities', department: inspectorate.name, dueDate: '2026-12-10' },
  ],
  requests: [
    'Các phòng, đơn vị gửi báo cáo về Văn phòng Sở (Thư ký ISO) đúng thời hạn để tổng hợp.',
  ],
  signer: deputySigning,
  recipients: ['Như thành phần tham dự;', 'Lưu: VT, VP.'],
};

export const reviewReport: ManagementReviewReportData = {
  agency,
  number: 52,
  date: '2026-12-18',
  year: 2026,
  meeting: reviewNotice.meeting,
  secretary: { name: demoAgency.secretary.displayName, title: demoAgency.secretary.title },
  inputs: {
    previousActions:
      '05/06 hành động từ lần xem xét năm 2025 đã hoàn thành.\nHành động số 4 (số hóa hồ sơ lưu trữ) đang thực hiện, dự kiến hoàn thành quý I/2027.',
    contextChanges: 'Luật Khoa học, công nghệ và đổi mới sáng tạo có hiệu lực từ ngày 01/10/2025.',
    customerSatisfaction: 'Tỷ lệ người dân, tổ chức hài lòng đạt 92,4%, tăng 1,8% so với năm 2025.',
    objectives: '02/03 mục tiêu chất lượng đạt chỉ tiêu.',
    processPerformance: 'Các quá trình giải quyết thủ tục hành chính được thực hiện ổn định.',
    nonconformities: 'Ghi nhận 04 sự không phù hợp, đã khắc phục 03.',
    monitoring: 'Kết quả theo dõi hằng quý đã được báo cáo đầy đủ.',
    auditResults: 'Đánh giá nội bộ đợt 1 phát hiện 01 điểm không phù hợp nhẹ.',
    externalProviders: 'Nhà cung cấp dịch vụ phần mềm một cửa đáp ứng yêu cầu.',
    resources: 'Nguồn lực cơ bản đáp ứng; cần bổ sung 01 máy quét tài liệu.',
    risksAndOpportunities: 'Các biện pháp xử lý rủi ro mức Cao đã được thực hiện và có hiệu lực.',
    improvement: 'Đề xuất triển khai ký số toàn bộ văn bản đi.',
  },
  objectiveResults: [
    { title: registerObjectives[0].title, target: '≥ 98%', result: '98,6%', achievement: 'met' },
    { title: registerObjectives[1].title, target: '≥ 90%', result: '92,4%', achievement: 'met' },
    {
      title: registerObjectives[2].title,
      target: '≤ 12,5 ngày',
      result: '14 ngày',
      achievement: 'notMet',
    },
  ],
  conclusion: 'Hệ thống quản lý chất lượng của Sở tiếp tục phù hợp, thỏa đáng và có hiệu lực.',
  outputs: [
    {
      category: 'improvement',
      action: 'Triển khai ký số toàn bộ văn bản đi',
      owner: office.name,
      deadline: '2027-03-31',
    },
    {
      category: 'resources',
      action: 'Mua sắm 01 máy quét tài liệu khổ A3',
      owner: office.name,
      deadline: '2027-02-28',
    },
  ],
  signer: director,
  recipients: ['Ban Giám đốc Sở;', 'Các phòng, đơn vị thuộc Sở;', 'Lưu: VT, VP.'],
};

const auditTeam: AuditTeamMember[] = [
  { name: office.head.displayName, title: office.head.title, role: 'lead' },
  { name: demoAgency.secretary.displayName, title: demoAgency.secretary.title, role: 'member' },
  { name: inspectorate.staff.displayName, title: inspectorate.staff.title, role: 'member' },
];

const auditTerms = {
  objectives: [
    'Xác định sự phù hợp của hệ thống quản lý chất lượng với yêu cầu của TCVN ISO 9001:2015',
    'Xác định hiệu lực của hệ thống trong việc đạt được các mục tiêu chất lượng',
  ],
  scope: 'Toàn bộ các quá trình giải quyết thủ tục hành chính và quá trình nội bộ của Sở.',
  criteria: [
    'TCVN ISO 9001:2015',
    'Các quy trình, quy định nội bộ của hệ thống quản lý chất lượng',
    'Quy định pháp luật liên quan đến thủ tục hành chính',
  ],
};

export const auditProgramme: AuditProgrammeData = {
  agency,
  number: 3,
  date: '2026-02-10',
  year: 2026,
  ...auditTerms,
  methods: ['Phỏng vấn, quan sát tại nơi làm việc và xem xét hồ sơ, tài liệu.'],
  team: auditTeam,
  schedule: [
    {
      round: 'Đợt 1',
      from: '2026-06-15',
      to: '2026-06-17',
      auditees: [office.name, science.name],
      clauses: '4 - 10',
      auditors: [office.head.displayName, demoAgency.secretary.displayName],
    },
    {
      round: 'Đợt 2',
      from: '2026-10-12',
      to: '2026-10-14',
      auditees: [technology.name, inspectorate.name],
      clauses: '7.5, 8.1 - 8.7, 9.1',
      auditors: [office.head.displayName, inspectorate.staff.displayName],
    },
  ],
  responsibilities: [
    'Văn phòng Sở chủ trì, phối hợp với các phòng, đơn vị tổ chức thực hiện Chương trình này.',
  ],
  signer: director,
  recipients: ['Các phòng, đơn vị thuộc Sở;', 'Lưu: VT, VP.'],
};

export const auditPlan: AuditPlanData = {
  agency,
  number: 27,
  date: '2026-06-01',
  year: 2026,
  round: 'đợt 1',
  from: '2026-06-15',
  to: '2026-06-16',
  ...auditTerms,
  team: auditTeam,
  schedule: [
    {
      date: '2026-06-15',
      start: '08:00',
      end: '08:30',
      auditee: 'Ban Giám đốc Sở',
      activity: 'Họp khai mạc',
      auditors: ['Đoàn đánh giá'],
    },
    {
      date: '2026-06-15',
      start: '08:30',
      end: '11:30',
      auditee: office.name,
      activity: 'Kiểm soát thông tin dạng văn bản (7.5), tiếp nhận và trả kết quả (8.2, 8.5)',
      auditors: [office.head.displayName, demoAgency.secretary.displayName],
    },
    {
      date: '2026-06-16',
      start: '14:00',
      end: '16:30',
      auditee: science.name,
      activity: 'Quản lý nhiệm vụ khoa học và công nghệ (8.1, 8.5, 9.1)',
      auditors: [inspectorate.staff.displayName],
    },
  ],
  notes: ['Các phòng, đơn vị bố trí người và hồ sơ làm việc với Đoàn đánh giá.'],
  signer: deputySigning,
  recipients: ['Đoàn đánh giá;', 'Các phòng, đơn vị được đánh giá;', 'Lưu: VT, VP.'],
};

export const auditReport: AuditReportData = {
  agency,
  number: 31,
  date: '2026-06-22',
  year: 2026,
  round: 'đợt 1',
  from: '2026-06-15',
  to: '2026-06-16',
  ...auditTerms,
  team: auditTeam,
  summary: 'Đoàn đánh giá đã làm việc với 02 phòng theo đúng kế hoạch.',
  findings: [
    {
      classification: 'minor',
      department: office.name,
      clause: '7.5.3',
      requirement: 'Thông tin dạng văn bản phải được kiểm soát để sẵn có và thích hợp khi cần.',
      evidence: 'Sổ theo dõi văn bản đến tháng 5/2026 thiếu 03 văn bản đã tiếp nhận.',
      statement: 'Việc cập nhật sổ theo dõi văn bản đến chưa đầy đủ.',
    },
    {
      classification: 'opportunity',
      department: science.name,
      clause: '9.1.2',
      requirement: 'Tổ chức phải theo dõi cảm nhận của khách hàng về mức độ đáp ứng nhu cầu.',
      evidence: 'Phiếu khảo sát chỉ thu thập được ở bộ phận một cửa.',
      statement: 'Nên bổ sung khảo sát trực tuyến để tăng số phiếu phản hồi.',
    },
  ],
  conclusion: 'Hệ thống quản lý chất lượng được duy trì phù hợp và có hiệu lực.',
  recommendations: ['Văn phòng Sở thực hiện hành động khắc phục trước ngày 15/7/2026.'],
  signer: { ...deputySigning, signed: true },
  recipients: ['Ban Giám đốc Sở;', 'Các phòng được đánh giá;', 'Lưu: VT, VP.'],
};

export const riskExtract: RiskRegisterExtractData = {
  agency,
  date: '2026-09-30',
  year: 2026,
  selection: 'các rủi ro mức Cao và Rất cao',
  asOf: '2026-09-30',
  risks: [
    {
      code: 'RR-VP-01',
      description: 'Trả kết quả thủ tục hành chính quá hạn',
      process: 'Tiếp nhận và trả kết quả',
      cause: 'Hồ sơ tăng đột biến vào cuối năm',
      likelihood: 3,
      severity: 4,
      score: 12,
      level: 'high',
      treatment: 'Bố trí thêm 01 công chức tiếp nhận vào tháng 11, 12',
      owner: office.head.displayName,
      reviewDate: '2026-12-15',
    },
    {
      code: 'RR-QLCN-02',
      description: 'Lộ thông tin bí mật công nghệ trong hồ sơ chuyển giao',
      process: 'Thẩm định hợp đồng chuyển giao công nghệ',
      likelihood: 2,
      severity: 5,
      score: 10,
      level: 'high',
      treatment: 'Phân quyền truy cập hồ sơ trên hệ thống, ký cam kết bảo mật',
      owner: technology.head.displayName,
      reviewDate: '2026-12-31',
    },
  ],
  signer: {
    authority: 'TL. Giám đốc',
    title: office.head.title,
    name: office.head.displayName,
    signed: true,
  },
  recipients: ['Ban Giám đốc Sở;', 'Lưu: VT, VP.'],
};

/** Sample data of each kind. */
export const samples: { [K in keyof DocumentDataByKind]: DocumentDataByKind[K] } = {
  'quality-objectives-decision': objectivesDecision,
  'management-review-notice': reviewNotice,
  'management-review-report': reviewReport,
  'audit-programme': auditProgramme,
  'audit-plan': auditPlan,
  'audit-report': auditReport,
  'risk-register-extract': riskExtract,
};
