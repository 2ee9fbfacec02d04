import type { Language } from '../registers/framework/register-definition.js';

// Vietnamese description of each rule of bpmnlint's recommended set. The
// rule's own English sentence stays in the problem's detail.
const bpmnlintRules: Record<string, string> = {
  'ad-hoc-sub-process': 'Tiểu quy trình ad-hoc không hợp lệ.',
  'conditional-flows': 'Luồng ra khỏi nút này cần có điều kiện (hoặc là luồng mặc định).',
  'end-event-required': 'Quy trình cần có sự kiện kết thúc.',
  'event-based-gateway': 'Cổng theo sự kiện phải dẫn tới các sự kiện chờ.',
  'event-sub-process-typed-start-event': 'Tiểu quy trình sự kiện cần sự kiện bắt đầu có loại.',
  'fake-join':
    'Nút có nhiều luồng vào nhưng không hợp nhất chúng; hãy thêm cổng hợp nhất nếu cần chờ.',
  global: 'Phần tử toàn cục (thông điệp, lỗi, tín hiệu) bị trùng hoặc không được dùng.',
  'label-required': 'Phần tử cần có tên hiển thị.',
  'link-event': 'Sự kiện liên kết không khớp cặp.',
  'no-bpmndi': 'Phần tử không có hình trên sơ đồ.',
  'no-complex-gateway': 'Không dùng cổng phức hợp (complex gateway).',
  'no-disconnected': 'Phần tử không nối với luồng nào.',
  'no-duplicate-sequence-flows': 'Có luồng trùng lặp giữa cùng hai phần tử.',
  'no-gateway-join-fork':
    'Một cổng vừa hợp nhất vừa rẽ nhánh; hãy tách thành hai cổng cho dễ đọc và chạy đúng.',
  'no-implicit-split': 'Nút có nhiều luồng ra không qua cổng; hãy thêm cổng rẽ nhánh.',
  'no-implicit-end': 'Nhánh kết thúc ngầm; hãy thêm sự kiện kết thúc.',
  'no-implicit-start': 'Nhánh bắt đầu ngầm; hãy thêm sự kiện bắt đầu.',
  'no-inclusive-gateway': 'Nên tránh cổng bao hàm (inclusive gateway).',
  'no-overlapping-elements': 'Các phần tử chồng lên nhau trên sơ đồ.',
  'single-blank-start-event': 'Chỉ được có một sự kiện bắt đầu không loại.',
  'single-event-definition': 'Sự kiện chỉ được có một định nghĩa.',
  'start-event-required': 'Quy trình cần có sự kiện bắt đầu.',
  'sub-process-blank-start-event': 'Tiểu quy trình cần sự kiện bắt đầu không loại.',
  'superfluous-gateway': 'Cổng thừa: chỉ có một luồng vào và một luồng ra.',
  'superfluous-label': 'Nhãn thừa trên phần tử không cần nhãn.',
  'superfluous-termination': 'Sự kiện kết thúc toàn bộ (terminate) là thừa.',
};

/**
 * Returns the sentence a user reads for one lint report. eiso's own rules already
 * speak the request's language; the others get a Vietnamese sentence for
 * their rule, or the English text with the rule's name.
 */
export function describeRule(rule: string, message: string, language: Language): string {
  if (language === 'en' || rule.startsWith('eiso/')) return message;
  if (rule.startsWith('bpmnlint/')) {
    const sentence = bpmnlintRules[rule.slice('bpmnlint/'.length)];
    if (sentence) return sentence;
  }
  if (rule.startsWith('camunda-compat/')) {
    return `Không tương thích với Camunda 8 (${rule.slice('camunda-compat/'.length)}): ${message}`;
  }
  if (rule === 'engine') return `Bộ máy quy trình của eiso: ${message}`;
  if (rule === 'form') return `Biểu mẫu không hợp lệ: ${message}`;
  return `${message} (${rule})`;
}
