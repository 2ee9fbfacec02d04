import { ratingCriteria } from './complaint-options.js';

/** One satisfaction rating of the demo agency, in the register's API form. */
export interface DemoRating {
  ratingDate: string;
  service: string;
  departmentCode: string;
  channel: string;
  scores: number[];
  comment: string | null;
}

/** Services rated at each department's desk, from the demo agency's administrative procedures. */
const servicesByDepartment: Record<string, string[]> = {
  VP: [
    'Cấp giấy phép bưu chính (phạm vi nội tỉnh)',
    'Tiếp nhận hồ sơ công bố hợp quy sản phẩm, hàng hóa',
  ],
  TTRA: ['Giải quyết khiếu nại lần đầu'],
  QLKH: [
    'Cấp giấy chứng nhận đăng ký hoạt động khoa học và công nghệ',
    'Đăng ký kết quả thực hiện nhiệm vụ khoa học và công nghệ không sử dụng ngân sách nhà nước',
  ],
  QLCN: [
    'Cấp giấy phép tiến hành công việc bức xạ (sử dụng thiết bị X-quang chẩn đoán trong y tế)',
    'Đăng ký hợp đồng chuyển giao công nghệ',
    'Cấp giấy chứng nhận doanh nghiệp khoa học và công nghệ',
  ],
};

// The one-stop desk of the office scores highest; the inspectorate's visitors, who come with
// grievances, score lowest. Values are the usual score of each department before the spread.
const baseScore: Record<string, number> = { VP: 4.5, TTRA: 3.6, QLKH: 4.2, QLCN: 3.9 };

const channels = ['in-person', 'in-person', 'portal', 'portal', 'email', 'phone'];

const comments = [
  'Cán bộ hướng dẫn tận tình, dễ hiểu.',
  'Thời gian chờ lấy số còn lâu vào buổi sáng.',
  'Nên cho phép nộp toàn bộ hồ sơ trực tuyến.',
  'Trả kết quả sớm hơn hẹn.',
  'Phải bổ sung hồ sơ hai lần vì hướng dẫn chưa rõ.',
];

/** Park and Miller's minimal standard generator, so the demo data is the same on every seed. */
function sequence(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 16807) % 2147483647;
    return state / 2147483647;
  };
}

function score(base: number, random: () => number): number {
  const value = Math.round(base + (random() - 0.5) * 2.2);
  return Math.min(5, Math.max(1, value));
}

function monthStart(now: Date, monthsBack: number): { year: number; month: number } {
  const index = now.getUTCFullYear() * 12 + now.getUTCMonth() - monthsBack;
  return { year: Math.floor(index / 12), month: (index % 12) + 1 };
}

/**
 * Builds a year of ratings: for each of the twelve months up to the month of `now`, three to six
 * ratings per department, dated no later than `now`.
 */
export function demoRatings(now: Date, departmentCodes: string[]): DemoRating[] {
  const random = sequence(20_261_205);
  const today = now.toISOString().slice(0, 10);
  const ratings: DemoRating[] = [];
  for (let monthsBack = 11; monthsBack >= 0; monthsBack--) {
    const { year, month } = monthStart(now, monthsBack);
    for (const code of departmentCodes) {
      const services = servicesByDepartment[code] ?? ['Dịch vụ hành chính công'];
      const count = 3 + Math.floor(random() * 4);
      for (let index = 0; index < count; index++) {
        const day = 2 + Math.floor(random() * 26);
        const ratingDate = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
        if (ratingDate > today) continue;
        ratings.push({
          ratingDate,
          service: services[Math.floor(random() * services.length)],
          departmentCode: code,
          channel: channels[Math.floor(random() * channels.length)],
          scores: ratingCriteria.map(() => score(baseScore[code] ?? 4, random)),
          comment: random() < 0.25 ? comments[Math.floor(random() * comments.length)] : null,
        });
      }
    }
  }
  return ratings;
}
