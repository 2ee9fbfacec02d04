import type { Knex } from 'knex';
import { defaultUnitSettings } from '../../settings/unit-settings.js';
import type { DemoAgencyContext } from '../procedure-module.js';
import { addMonths, vietnamDate } from './review-dates.js';
import { scoreOf } from './risk-matrix.js';

interface DemoRisk {
  department: string;
  process: string;
  description: string;
  cause: string;
  consequence: string;
  rating: [number, number];
  treatment: 'avoid' | 'reduce' | 'share' | 'accept';
  actions: string;
  residual: [number, number];
}

interface DemoOpportunity {
  department: string;
  process: string;
  description: string;
  rating: [number, number];
  action: string;
  status: 'planned' | 'deferred' | 'in-progress' | 'realised';
  result?: string;
}

// The risks that an agency handling administrative procedures typically records: a procedure
// left behind by a new decree, a lost dossier, a late one during staff absence, an outage of the
// dossier system and a leak of personal data.
const demoRisks: DemoRisk[] = [
  {
    department: 'VP',
    process: 'Kiểm soát thông tin dạng văn bản',
    description:
      'Quy trình giải quyết thủ tục hành chính không được cập nhật kịp thời sau khi nghị định mới có hiệu lực',
    cause: 'Chưa phân công người theo dõi văn bản quy phạm pháp luật mới ban hành',
    consequence: 'Giải quyết hồ sơ theo quy định đã hết hiệu lực, phải thu hồi kết quả',
    rating: [4, 4],
    treatment: 'reduce',
    actions:
      'Phân công chuyên viên Văn phòng theo dõi văn bản pháp luật mới hằng tuần; rà soát, cập nhật quy trình trong 15 ngày kể từ ngày văn bản có hiệu lực',
    residual: [2, 4],
  },
  {
    department: 'VP',
    process: 'Tiếp nhận và trả kết quả giải quyết thủ tục hành chính',
    description: 'Hồ sơ bị thất lạc khi chuyển giữa bộ phận một cửa và các phòng chuyên môn',
    cause: 'Hồ sơ giấy được chuyển tay, không có phiếu kiểm soát quá trình',
    consequence: 'Trễ hạn trả kết quả, người dân phải nộp lại hồ sơ, phát sinh phản ánh',
    rating: [2, 5],
    treatment: 'reduce',
    actions:
      'Chuyển hồ sơ qua phần mềm một cửa điện tử kèm phiếu kiểm soát quá trình; số hóa hồ sơ ngay khi tiếp nhận',
    residual: [1, 5],
  },
  {
    department: 'QLKH',
    process: 'Thẩm định, phê duyệt nhiệm vụ khoa học và công nghệ',
    description: 'Hồ sơ giải quyết trễ hạn khi cán bộ thụ lý nghỉ phép hoặc đi công tác',
    cause: 'Mỗi thủ tục chỉ có một cán bộ nắm quy trình',
    consequence: 'Tỷ lệ hồ sơ đúng hạn không đạt mục tiêu 98 %',
    rating: [3, 3],
    treatment: 'reduce',
    actions:
      'Phân công cán bộ dự phòng cho từng thủ tục; lãnh đạo phòng theo dõi hồ sơ sắp đến hạn hằng ngày trên phần mềm',
    residual: [2, 3],
  },
  {
    department: 'VP',
    process: 'Quản lý hệ thống thông tin giải quyết thủ tục hành chính',
    description: 'Hệ thống thông tin giải quyết thủ tục hành chính của tỉnh bị gián đoạn',
    cause: 'Sự cố đường truyền hoặc máy chủ của Trung tâm dữ liệu tỉnh',
    consequence: 'Không tiếp nhận được hồ sơ trực tuyến trong thời gian gián đoạn',
    rating: [2, 4],
    treatment: 'share',
    actions:
      'Thỏa thuận mức dịch vụ với Trung tâm Công nghệ thông tin tỉnh; sao lưu dữ liệu hằng ngày; tiếp nhận hồ sơ giấy theo quy trình dự phòng khi hệ thống gián đoạn',
    residual: [2, 3],
  },
  {
    department: 'QLCN',
    process: 'Thẩm định hợp đồng chuyển giao công nghệ',
    description: 'Lộ lọt dữ liệu cá nhân của tổ chức, cá nhân trong hồ sơ',
    cause: 'Phân quyền truy cập hồ sơ điện tử chưa theo vai trò',
    consequence: 'Vi phạm quy định bảo vệ dữ liệu cá nhân, ảnh hưởng uy tín của Sở',
    rating: [1, 5],
    treatment: 'reduce',
    actions:
      'Phân quyền truy cập theo vai trò; ký cam kết bảo mật; tập huấn bảo vệ dữ liệu cá nhân cho cán bộ thụ lý',
    residual: [1, 4],
  },
  {
    department: 'TTRA',
    process: 'Giải quyết khiếu nại, tố cáo',
    description: 'Đơn khiếu nại được giải quyết quá thời hạn luật định',
    cause: 'Vụ việc phức tạp, cần xác minh tại nhiều đơn vị',
    consequence: 'Người khiếu nại tiếp tục khiếu nại lên cấp trên',
    rating: [2, 4],
    treatment: 'reduce',
    actions: 'Lập kế hoạch xác minh ngay khi thụ lý; báo cáo tiến độ hằng tuần cho Chánh Thanh tra',
    residual: [1, 4],
  },
  {
    department: 'QLKH',
    process: 'Đánh giá, nghiệm thu nhiệm vụ khoa học và công nghệ',
    description: 'Hội đồng nghiệm thu không đủ số thành viên tham dự theo quy định',
    cause: 'Thành viên hội đồng bận công tác đột xuất',
    consequence: 'Phải tổ chức lại phiên họp, chậm nghiệm thu vài ngày',
    rating: [2, 2],
    treatment: 'accept',
    actions: 'Chấp nhận vì ảnh hưởng nhỏ; mời thêm thành viên dự khuyết khi thành lập hội đồng',
    residual: [2, 2],
  },
];

const demoOpportunities: DemoOpportunity[] = [
  {
    department: 'VP',
    process: 'Tiếp nhận và trả kết quả giải quyết thủ tục hành chính',
    description: 'Cung cấp dịch vụ công trực tuyến toàn trình cho các thủ tục cấp giấy chứng nhận',
    rating: [4, 4],
    action:
      'Tái cấu trúc quy trình, tích hợp thanh toán trực tuyến trên Cổng dịch vụ công quốc gia',
    status: 'in-progress',
  },
  {
    department: 'QLKH',
    process: 'Thẩm định, phê duyệt nhiệm vụ khoa học và công nghệ',
    description: 'Số hóa kết quả giải quyết thủ tục hành chính để tái sử dụng dữ liệu',
    rating: [3, 4],
    action: 'Số hóa kết quả đã cấp từ năm 2020 và kết nối kho dữ liệu của tỉnh',
    status: 'planned',
  },
  {
    department: 'QLCN',
    process: 'Đo lường sự hài lòng của người dân',
    description: 'Khảo sát mức độ hài lòng trực tuyến bằng mã QR tại bộ phận một cửa',
    rating: [5, 3],
    action: 'In mã QR khảo sát trên phiếu hẹn trả kết quả',
    status: 'realised',
    result: 'Số phiếu khảo sát thu được tăng gấp ba so với phiếu giấy',
  },
  {
    department: 'TTRA',
    process: 'Thanh tra chuyên ngành',
    description:
      'Chia sẻ kinh nghiệm thanh tra chuyên ngành với các Sở Khoa học và Công nghệ lân cận',
    rating: [2, 3],
    action: 'Tổ chức hội thảo trao đổi kinh nghiệm',
    status: 'deferred',
  },
];

function numberedCodes<T extends { department: string }>(prefix: string, items: T[]): string[] {
  const counts = new Map<string, number>();
  return items.map((item) => {
    const next = (counts.get(item.department) ?? 0) + 1;
    counts.set(item.department, next);
    return `${prefix}-${item.department}-${String(next).padStart(2, '0')}`;
  });
}

function ownerOf(agency: DemoAgencyContext, department: string) {
  const head = agency.heads[department];
  return { owner_username: head?.username ?? null, owner_name: head?.displayName ?? null };
}

/**
 * Writes the demo agency's risk and opportunity registers: a finished assessment of two months
 * ago, with every risk treated, re-scored and due for review a year after the assessment.
 */
export async function seedRiskRegisters(
  trx: Knex.Transaction,
  agency: DemoAgencyContext,
): Promise<void> {
  const matrix = defaultUnitSettings.riskMatrix;
  const assessedOn = addMonths(vietnamDate(agency.now), -2);
  const common = (department: string) => ({
    unit_id: agency.unitId,
    department_id: agency.departmentIds[department] ?? null,
    department_code: department,
    ...ownerOf(agency, department),
    assessed_on: assessedOn,
    created_at: agency.now,
    created_by: agency.secretary,
    updated_at: agency.now,
    updated_by: agency.secretary,
  });

  const riskCodes = numberedCodes('RR', demoRisks);
  await trx('risks').insert(
    demoRisks.map((risk, index) => {
      const initial = scoreOf(matrix, ...risk.rating);
      const residual = scoreOf(matrix, ...risk.residual);
      const approved = initial.level === 'high' || initial.level === 'critical';
      return {
        ...common(risk.department),
        code: riskCodes[index],
        process: risk.process,
        description: risk.description,
        cause: risk.cause,
        consequence: risk.consequence,
        likelihood: risk.rating[0],
        severity: risk.rating[1],
        ...initial,
        priority: approved ? 'urgent' : 'planned',
        treatment_option: risk.treatment,
        treatment_actions: risk.actions,
        treatment_due: addMonths(assessedOn, 1),
        treatment_approved_by: approved ? agency.director.username : null,
        treatment_approved_by_name: approved ? agency.director.displayName : null,
        treatment_approved_at: approved ? agency.now : null,
        implementation_note: 'Đã thực hiện theo kế hoạch xử lý.',
        residual_likelihood: risk.residual[0],
        residual_severity: risk.residual[1],
        residual_score: residual.score,
        residual_level: residual.level,
        review_date: addMonths(assessedOn, defaultUnitSettings.riskReviewMonths),
        status: 'monitoring',
        position: index + 1,
      };
    }),
  );

  const opportunityCodes = numberedCodes('CH', demoOpportunities);
  await trx('opportunities').insert(
    demoOpportunities.map((opportunity, index) => {
      const { score, level } = scoreOf(matrix, ...opportunity.rating);
      return {
        ...common(opportunity.department),
        code: opportunityCodes[index],
        process: opportunity.process,
        description: opportunity.description,
        benefit: opportunity.rating[0],
        feasibility: opportunity.rating[1],
        score,
        priority: level,
        action: opportunity.action,
        action_due: addMonths(assessedOn, 6),
        result_note: opportunity.result ?? null,
        status: opportunity.status,
        position: index + 1,
      };
    }),
  );
}
