/** A complaint of the demo agency, dated by its offset in days before the seed's `now`. */
export interface DemoComplaint {
  daysAgo: number;
  complainantName: string;
  complainantContact: string;
  channel: string;
  service: string;
  departmentCode: string;
  content: string;
  /** Handler: the `head` or the `staff` member of its department, or null until assigned. */
  handler: 'head' | 'staff' | null;
  /** Days from receipt to the answer; null while unanswered. */
  answeredAfterDays: number | null;
  answer: string | null;
  answerChannel: string | null;
  /** Whether the answer approval opened a corrective action. */
  openedCorrectiveAction: boolean;
}

/**
 * Complaints of the demo agency: five answered on time (one of which opened a corrective
 * action), one answered late, one in progress and one just received.
 */
export const demoComplaints: DemoComplaint[] = [
  {
    daysAgo: 150,
    complainantName: 'Ông Nguyễn Văn Bình',
    complainantContact: '0912 345 678',
    channel: 'hotline',
    service:
      'Cấp giấy phép tiến hành công việc bức xạ (sử dụng thiết bị X-quang chẩn đoán trong y tế)',
    departmentCode: 'QLCN',
    content:
      'Phòng khám đa khoa Bình An đã nộp hồ sơ cấp giấy phép X-quang, đến nay quá ngày hẹn trả kết quả nhưng chưa được thông báo lý do.',
    handler: 'staff',
    answeredAfterDays: 6,
    answer:
      'Hồ sơ cần bổ sung biên bản kiểm định thiết bị còn hiệu lực; Sở đã gửi thông báo bổ sung qua thư điện tử nhưng địa chỉ không nhận được. Đề nghị ông bổ sung biên bản, Sở trả kết quả trong 03 ngày làm việc kể từ khi nhận đủ hồ sơ.',
    answerChannel: 'phone',
    openedCorrectiveAction: false,
  },
  {
    daysAgo: 120,
    complainantName: 'Công ty TNHH Thiết bị Y tế Minh Tâm',
    complainantContact: 'phaply@minhtam-medical.vn',
    channel: 'portal',
    service: 'Đăng ký hợp đồng chuyển giao công nghệ',
    departmentCode: 'QLCN',
    content:
      'Công ty bị yêu cầu bổ sung hồ sơ ba lần, mỗi lần một nội dung khác nhau, làm chậm việc đăng ký hợp đồng chuyển giao công nghệ.',
    handler: 'head',
    answeredAfterDays: 10,
    answer:
      'Sở xin lỗi Công ty vì việc yêu cầu bổ sung nhiều lần. Hồ sơ đã đủ điều kiện, giấy chứng nhận đăng ký được trả ngày làm việc tiếp theo. Sở rà soát lại hướng dẫn kiểm tra hồ sơ để chỉ yêu cầu bổ sung một lần.',
    answerChannel: 'email',
    openedCorrectiveAction: false,
  },
  {
    daysAgo: 95,
    complainantName: 'Bà Trần Thị Thu',
    complainantContact: 'Số 45 đường Lê Lợi, phường Bình Minh',
    channel: 'in-person',
    service: 'Cấp giấy phép bưu chính (phạm vi nội tỉnh)',
    departmentCode: 'VP',
    content:
      'Cán bộ tại Bộ phận Một cửa không hướng dẫn đầy đủ thành phần hồ sơ, bà phải đi lại ba lần.',
    handler: 'staff',
    answeredAfterDays: 19,
    answer:
      'Văn phòng Sở đã kiểm điểm cán bộ tiếp nhận và niêm yết lại danh mục thành phần hồ sơ tại Bộ phận Một cửa. Sở xin lỗi bà vì sự bất tiện.',
    answerChannel: 'post',
    openedCorrectiveAction: false,
  },
  {
    daysAgo: 85,
    complainantName: 'Ông Hoàng Văn Lợi',
    complainantContact: 'loihv@gmail.com',
    channel: 'portal',
    service: 'Cấp giấy phép bưu chính (phạm vi nội tỉnh)',
    departmentCode: 'VP',
    content:
      'Hồ sơ cấp phép trả chậm 3 ngày so với giấy hẹn nhưng tôi không nhận được phiếu xin lỗi và hẹn lại ngày trả kết quả.',
    handler: 'head',
    answeredAfterDays: 5,
    answer:
      'Sở xin lỗi ông vì hồ sơ trả chậm. Bộ phận Một cửa đã gửi phiếu xin lỗi, trả kết quả cho ông và sẽ tập huấn lại cho cán bộ về việc lập phiếu xin lỗi khi hồ sơ trễ hạn.',
    answerChannel: 'email',
    openedCorrectiveAction: true,
  },
  {
    daysAgo: 70,
    complainantName: 'Viện Nghiên cứu Nông nghiệp An Bình',
    complainantContact: 'vanthu@vnnab.org.vn',
    channel: 'email',
    service:
      'Đăng ký kết quả thực hiện nhiệm vụ khoa học và công nghệ không sử dụng ngân sách nhà nước',
    departmentCode: 'QLKH',
    content:
      'Đề nghị hướng dẫn mẫu báo cáo kết quả nhiệm vụ mới vì mẫu đăng trên cổng dịch vụ công là mẫu cũ.',
    handler: 'staff',
    answeredAfterDays: 4,
    answer:
      'Sở đã cập nhật mẫu báo cáo theo quy định hiện hành trên Cổng dịch vụ công và gửi kèm mẫu mới qua thư điện tử của Viện.',
    answerChannel: 'email',
    openedCorrectiveAction: false,
  },
  {
    daysAgo: 40,
    complainantName: 'Ông Lê Hoàng Nam',
    complainantContact: '0987 654 321',
    channel: 'phone',
    service: 'Giải quyết khiếu nại lần đầu',
    departmentCode: 'TTRA',
    content: 'Đề nghị cho biết tiến độ giải quyết đơn khiếu nại gửi Thanh tra Sở.',
    handler: 'head',
    answeredAfterDays: 12,
    answer:
      'Đơn của ông đã được thụ lý, Thanh tra Sở đang xác minh và sẽ ban hành quyết định giải quyết trong thời hạn luật định.',
    answerChannel: 'phone',
    openedCorrectiveAction: false,
  },
  {
    daysAgo: 6,
    complainantName: 'Hợp tác xã Dịch vụ Tân Phú',
    complainantContact: '0203 3826 456',
    channel: 'hotline',
    service: 'Cấp giấy chứng nhận đăng ký hoạt động khoa học và công nghệ',
    departmentCode: 'QLKH',
    content: 'Cổng dịch vụ công báo lỗi khi đính kèm tệp lớn hơn 10 MB nên không nộp được hồ sơ.',
    handler: 'staff',
    answeredAfterDays: null,
    answer: null,
    answerChannel: null,
    openedCorrectiveAction: false,
  },
  {
    daysAgo: 1,
    complainantName: 'Bà Phạm Thị Hạnh',
    complainantContact: 'hanhpt@gmail.com',
    channel: 'portal',
    service: 'Tiếp nhận hồ sơ công bố hợp quy sản phẩm, hàng hóa',
    departmentCode: 'VP',
    content: 'Đã nộp phí trực tuyến nhưng hệ thống vẫn báo chưa thanh toán.',
    handler: null,
    answeredAfterDays: null,
    answer: null,
    answerChannel: null,
    openedCorrectiveAction: false,
  },
];
