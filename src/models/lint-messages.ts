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

// Vietnamese description of each Camunda 8 compatibility rule that eiso's models meet. The
// rule's own English sentence, which names the element and property, stays in the detail.
const camundaRules: Record<string, string> = {
  'called-element': 'Gọi quy trình cần mã quy trình được gọi (zeebe:calledElement).',
  'duplicate-task-headers': 'Công việc có hai tiêu đề (header) trùng khóa.',
  'element-type': 'Camunda 8 không hỗ trợ loại phần tử này ở phiên bản mà tệp nhắm tới.',
  'error-reference': 'Sự kiện lỗi cần tham chiếu tới một lỗi có mã lỗi.',
  'event-based-gateway-target':
    'Cổng theo sự kiện chỉ được dẫn tới sự kiện chờ thông điệp hoặc hẹn giờ.',
  'executable-process': 'Quy trình phải được đánh dấu thực thi được (isExecutable).',
  'loop-characteristics': 'Việc nhiều lượt cần tập hợp đầu vào (inputCollection) hợp lệ.',
  'message-reference': 'Sự kiện thông điệp cần tham chiếu tới một thông điệp có tên.',
  'io-mapping': 'Ánh xạ đầu vào hoặc đầu ra thiếu tên biến hoặc giá trị.',
  'no-expression': 'Camunda 8 không nhận biểu thức ở vị trí này.',
  'no-loop': 'Có vòng lặp chỉ gồm việc tự động, không có điểm dừng.',
  'no-multiple-none-start-events': 'Chỉ được có một sự kiện bắt đầu không loại.',
  'sequence-flow-condition': 'Luồng ra khỏi cổng cần điều kiện, trừ luồng mặc định.',
  'start-event-form': 'Biểu mẫu của sự kiện bắt đầu không đúng cách Camunda 8 yêu cầu.',
  subscription: 'Sự kiện thông điệp cần khóa đối chiếu (correlation key).',
  timer: 'Hẹn giờ cần thời điểm, khoảng thời gian hoặc chu kỳ hợp lệ.',
  'user-task-definition': 'Công việc của người dùng cần khai báo zeebe:userTask.',
  'user-task-form': 'Biểu mẫu của công việc không đúng cách Camunda 8 yêu cầu.',
  'variable-name': 'Tên biến không hợp lệ.',
  feel: 'Biểu thức FEEL sai cú pháp.',
  'feel-compatibility': 'Biểu thức FEEL dùng cú pháp mà Camunda 8 không hỗ trợ.',
  implementation: 'Việc tự động cần loại việc (zeebe:taskDefinition type).',
  'task-schedule': 'Hạn hoàn thành hoặc ngày theo dõi của công việc không hợp lệ.',
  'priority-definition': 'Độ ưu tiên phải là số từ 0 đến 100.',
  'link-event': 'Sự kiện liên kết không khớp cặp.',
  'signal-reference': 'Sự kiện tín hiệu cần tham chiếu tới một tín hiệu có tên.',
  'escalation-reference': 'Sự kiện leo thang cần tham chiếu tới một leo thang có mã.',
  'zeebe-user-task': 'Công việc của người dùng nên dùng zeebe:userTask.',
  'version-tag': 'Nhãn phiên bản không hợp lệ.',
  'wait-for-completion': 'Sự kiện bù trừ phải chờ hoàn thành.',
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
    const name = rule.slice('camunda-compat/'.length);
    const sentence = camundaRules[name];
    if (sentence) return `Không tương thích với Camunda 8: ${sentence}`;
    return `Không tương thích với Camunda 8 (${name}): ${message}`;
  }
  if (rule === 'engine') return `Bộ máy quy trình của eiso: ${message}`;
  if (rule === 'form') return `Biểu mẫu không hợp lệ: ${message}`;
  return `${message} (${rule})`;
}
