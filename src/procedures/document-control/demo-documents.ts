/** One issue of a demo document; `replacedOn` makes it obsolete, `withdrawnOn` withdrawn. */
export interface DemoIssue {
  issueDate: string;
  changeSummary: string;
  changeReason: string;
  content: string;
  /** Code of the department whose head drafted the issue; the ISO secretary drafted the others. */
  draftedByHeadOf?: string;
  withdrawnOn?: string;
  withdrawalReason?: string;
}

/** A demo document with its issues, oldest first. */
export interface DemoDocument {
  code: string;
  title: string;
  documentType: 'manual' | 'procedure' | 'guide' | 'form' | 'external';
  draftingDepartment: string;
  departments: string[];
  retentionPeriod: string;
  issues: DemoIssue[];
}

/** A demo external document; `inForce` false archives it as no longer in force. */
export interface DemoExternalDocument {
  documentNumber: string;
  documentKind: 'law' | 'decree' | 'decision' | 'circular' | 'standard' | 'other';
  title: string;
  issuingBody: string;
  issueDate: string;
  effectiveDate: string | null;
  notes: string | null;
  inForce: boolean;
}

const firstIssue = 'Ban hành lần đầu.';
const qmsStart = 'Xây dựng hệ thống quản lý chất lượng theo TCVN ISO 9001:2015.';
const allDepartments = ['VP', 'TTRA', 'QLKH', 'QLCN'];

function systemProcedure(code: string, title: string, content: string): DemoDocument {
  return {
    code,
    title,
    documentType: 'procedure',
    draftingDepartment: 'VP',
    departments: allDepartments,
    retentionPeriod: 'P5Y',
    issues: [
      { issueDate: '2023-03-15', changeSummary: firstIssue, changeReason: qmsStart, content },
    ],
  };
}

/**
 * The documents of the demo agency, a provincial Department of Science and Technology: the
 * quality manual, the system procedures QT-HT-01 to QT-HT-06, the procedures of its
 * administrative services with their forms, and a guide. The manual and QT-01 have an obsolete
 * first issue, and QT-05 was withdrawn when the district level was abolished on 1 July 2025.
 */
export const demoDocuments: DemoDocument[] = [
  {
    code: 'STCL',
    title: 'Sổ tay chất lượng',
    documentType: 'manual',
    draftingDepartment: 'VP',
    departments: allDepartments,
    retentionPeriod: 'permanent',
    issues: [
      {
        issueDate: '2023-03-15',
        changeSummary: firstIssue,
        changeReason: qmsStart,
        content:
          'Giới thiệu Sở, phạm vi áp dụng hệ thống quản lý chất lượng, chính sách chất lượng, sơ đồ tổ chức, danh mục quy trình và sự tương tác giữa các quá trình.',
      },
      {
        issueDate: '2025-08-20',
        changeSummary:
          'Cập nhật phạm vi áp dụng, sơ đồ tổ chức và danh mục quy trình sau khi hợp nhất Sở Thông tin và Truyền thông; bỏ các nội dung về cấp huyện.',
        changeReason:
          'Sắp xếp tổ chức bộ máy và tổ chức chính quyền địa phương hai cấp từ ngày 01/7/2025.',
        content:
          'Giới thiệu Sở sau hợp nhất, phạm vi áp dụng hệ thống quản lý chất lượng (bao gồm lĩnh vực bưu chính), chính sách chất lượng, sơ đồ tổ chức mới, danh mục quy trình và sự tương tác giữa các quá trình.',
      },
    ],
  },
  systemProcedure(
    'QT-HT-01',
    'Quy trình kiểm soát thông tin dạng văn bản',
    'Soạn thảo, xem xét, phê duyệt, ban hành, sửa đổi, hủy bỏ tài liệu; kiểm soát tài liệu có nguồn gốc bên ngoài; lưu giữ hồ sơ và thời hạn lưu trữ.',
  ),
  systemProcedure(
    'QT-HT-02',
    'Quy trình đánh giá nội bộ',
    'Lập chương trình đánh giá năm, kế hoạch từng cuộc đánh giá, thực hiện đánh giá, ghi nhận phát hiện, báo cáo kết quả và theo dõi hành động khắc phục.',
  ),
  systemProcedure(
    'QT-HT-03',
    'Quy trình xem xét của lãnh đạo',
    'Thông báo nội dung xem xét, báo cáo của các phòng theo đầu vào điều 9.3.2, họp xem xét, kết luận và theo dõi các quyết định cải tiến.',
  ),
  systemProcedure(
    'QT-HT-04',
    'Quy trình kiểm soát sự không phù hợp và hành động khắc phục',
    'Ghi nhận sự không phù hợp, khắc phục tức thời, phân tích nguyên nhân, lập kế hoạch hành động, phê duyệt, thực hiện và đánh giá hiệu lực.',
  ),
  systemProcedure(
    'QT-HT-05',
    'Quy trình quản lý rủi ro và cơ hội',
    'Lập kế hoạch đánh giá, nhận diện rủi ro, đánh giá theo ma trận khả năng và mức độ ảnh hưởng, xử lý, theo dõi và đánh giá lại.',
  ),
  systemProcedure(
    'QT-HT-06',
    'Quy trình đo lường sự hài lòng và giải quyết phản ánh, kiến nghị',
    'Khảo sát sự hài lòng của người dân, doanh nghiệp; tiếp nhận, phân loại, trả lời phản ánh, kiến nghị trong thời hạn luật định.',
  ),
  {
    code: 'QT-01',
    title: 'Quy trình cấp giấy chứng nhận đăng ký hoạt động khoa học và công nghệ',
    documentType: 'procedure',
    draftingDepartment: 'QLKH',
    departments: ['VP', 'QLKH'],
    retentionPeriod: 'P5Y',
    issues: [
      {
        issueDate: '2023-03-15',
        changeSummary: firstIssue,
        changeReason: qmsStart,
        draftedByHeadOf: 'QLKH',
        content:
          'Tiếp nhận hồ sơ tại Bộ phận Một cửa, thẩm định hồ sơ, trình lãnh đạo Sở ký giấy chứng nhận, trả kết quả. Thời hạn giải quyết: 05 ngày làm việc.',
      },
      {
        issueDate: '2025-08-20',
        changeSummary:
          'Tiếp nhận hồ sơ trực tuyến toàn trình trên Cổng Dịch vụ công; đổi nơi tiếp nhận sang Trung tâm Phục vụ hành chính công tỉnh; cập nhật biểu mẫu BM-QT01-01.',
        changeReason: 'Thay đổi địa điểm tiếp nhận hồ sơ và yêu cầu dịch vụ công trực tuyến.',
        draftedByHeadOf: 'QLKH',
        content:
          'Tiếp nhận hồ sơ trực tuyến hoặc tại Trung tâm Phục vụ hành chính công tỉnh, thẩm định hồ sơ trên hệ thống, trình lãnh đạo Sở ký số giấy chứng nhận, trả kết quả điện tử. Thời hạn giải quyết: 05 ngày làm việc.',
      },
    ],
  },
  {
    code: 'BM-QT01-01',
    title: 'Phiếu kiểm soát quá trình giải quyết hồ sơ',
    documentType: 'form',
    draftingDepartment: 'QLKH',
    departments: ['VP', 'QLKH'],
    retentionPeriod: 'P5Y',
    issues: [
      {
        issueDate: '2023-03-15',
        changeSummary: firstIssue,
        changeReason: qmsStart,
        draftedByHeadOf: 'QLKH',
        content:
          'Ghi thời điểm giao, nhận hồ sơ giữa Bộ phận Một cửa, phòng chuyên môn và lãnh đạo Sở; kết quả giải quyết và chữ ký của người nhận.',
      },
    ],
  },
  {
    code: 'BM-QT01-02',
    title: 'Sổ theo dõi hồ sơ',
    documentType: 'form',
    draftingDepartment: 'QLKH',
    departments: ['VP', 'QLKH'],
    retentionPeriod: 'P5Y',
    issues: [
      {
        issueDate: '2023-03-15',
        changeSummary: firstIssue,
        changeReason: qmsStart,
        draftedByHeadOf: 'QLKH',
        content:
          'Số thứ tự, mã hồ sơ, tên tổ chức, ngày nhận, ngày hẹn trả, ngày trả kết quả và ghi chú đối với hồ sơ trễ hạn.',
      },
    ],
  },
  {
    code: 'QT-02',
    title: 'Quy trình đăng ký hợp đồng chuyển giao công nghệ',
    documentType: 'procedure',
    draftingDepartment: 'QLCN',
    departments: ['VP', 'QLCN'],
    retentionPeriod: 'P5Y',
    issues: [
      {
        issueDate: '2024-01-10',
        changeSummary: firstIssue,
        changeReason:
          'Mở rộng phạm vi hệ thống quản lý chất lượng sang thủ tục chuyển giao công nghệ.',
        draftedByHeadOf: 'QLCN',
        content:
          'Tiếp nhận hồ sơ, kiểm tra tính hợp lệ, thẩm định nội dung hợp đồng, cấp giấy chứng nhận đăng ký hợp đồng chuyển giao công nghệ.',
      },
    ],
  },
  {
    code: 'QT-03',
    title:
      'Quy trình cấp giấy phép tiến hành công việc bức xạ (sử dụng thiết bị X-quang chẩn đoán trong y tế)',
    documentType: 'procedure',
    draftingDepartment: 'QLCN',
    departments: ['VP', 'QLCN', 'TTRA'],
    retentionPeriod: 'P10Y',
    issues: [
      {
        issueDate: '2024-01-10',
        changeSummary: firstIssue,
        changeReason: 'Mở rộng phạm vi hệ thống quản lý chất lượng sang lĩnh vực an toàn bức xạ.',
        draftedByHeadOf: 'QLCN',
        content:
          'Tiếp nhận hồ sơ, thẩm định, kiểm tra thực tế cơ sở X-quang khi cần, cấp giấy phép; phối hợp Thanh tra Sở khi phát hiện vi phạm.',
      },
    ],
  },
  {
    code: 'QT-04',
    title: 'Quy trình cấp giấy phép bưu chính (phạm vi nội tỉnh)',
    documentType: 'procedure',
    draftingDepartment: 'QLCN',
    departments: ['VP', 'QLCN'],
    retentionPeriod: 'P5Y',
    issues: [
      {
        issueDate: '2025-08-20',
        changeSummary: firstIssue,
        changeReason: 'Tiếp nhận lĩnh vực bưu chính từ Sở Thông tin và Truyền thông.',
        draftedByHeadOf: 'QLCN',
        content:
          'Tiếp nhận hồ sơ, thẩm định điều kiện cung ứng dịch vụ bưu chính, cấp giấy phép bưu chính nội tỉnh.',
      },
    ],
  },
  {
    code: 'QT-05',
    title: 'Quy trình tiếp nhận hồ sơ qua Bộ phận Một cửa cấp huyện',
    documentType: 'procedure',
    draftingDepartment: 'VP',
    departments: ['VP', 'QLKH', 'QLCN'],
    retentionPeriod: 'P5Y',
    issues: [
      {
        issueDate: '2023-03-15',
        changeSummary: firstIssue,
        changeReason: qmsStart,
        content:
          'Tiếp nhận hồ sơ do Bộ phận Một cửa cấp huyện chuyển đến, luân chuyển đến phòng chuyên môn và trả kết quả về cấp huyện.',
        withdrawnOn: '2025-07-01',
        withdrawalReason:
          'Không còn cấp huyện từ ngày 01/7/2025; hồ sơ được tiếp nhận tại Trung tâm Phục vụ hành chính công tỉnh và cấp xã.',
      },
    ],
  },
  {
    code: 'HD-01',
    title: 'Hướng dẫn nộp hồ sơ trực tuyến trên Cổng Dịch vụ công',
    documentType: 'guide',
    draftingDepartment: 'VP',
    departments: allDepartments,
    retentionPeriod: 'P3Y',
    issues: [
      {
        issueDate: '2025-08-20',
        changeSummary: firstIssue,
        changeReason: 'Hướng dẫn người dân, doanh nghiệp nộp hồ sơ trực tuyến toàn trình.',
        content:
          'Đăng nhập bằng tài khoản định danh điện tử, chọn thủ tục, khai tờ khai điện tử, đính kèm hồ sơ, theo dõi tiến độ và nhận kết quả điện tử.',
      },
    ],
  },
];

/** External documents that the demo agency applies, with their legal status. */
export const demoExternalDocuments: DemoExternalDocument[] = [
  {
    documentNumber: '19/2014/QĐ-TTg',
    documentKind: 'decision',
    title:
      'Quyết định về việc áp dụng Hệ thống quản lý chất lượng theo Tiêu chuẩn quốc gia TCVN ISO 9001 vào hoạt động của các cơ quan, tổ chức thuộc hệ thống hành chính nhà nước',
    issuingBody: 'Thủ tướng Chính phủ',
    issueDate: '2014-03-05',
    effectiveDate: null,
    notes: null,
    inForce: true,
  },
  {
    documentNumber: '26/2014/TT-BKHCN',
    documentKind: 'circular',
    title:
      'Thông tư quy định chi tiết thi hành Quyết định số 19/2014/QĐ-TTg về áp dụng Hệ thống quản lý chất lượng theo TCVN ISO 9001 trong cơ quan hành chính nhà nước',
    issuingBody: 'Bộ Khoa học và Công nghệ',
    issueDate: '2014-10-10',
    effectiveDate: null,
    notes: null,
    inForce: true,
  },
  {
    documentNumber: '101/QĐ-BKHCN',
    documentKind: 'decision',
    title:
      'Quyết định công bố mô hình khung hệ thống quản lý chất lượng theo TCVN ISO 9001:2015 cho các cơ quan, tổ chức thuộc hệ thống hành chính nhà nước tại địa phương',
    issuingBody: 'Bộ Khoa học và Công nghệ',
    issueDate: '2019-01-21',
    effectiveDate: '2019-01-21',
    notes: null,
    inForce: true,
  },
  {
    documentNumber: '30/2020/NĐ-CP',
    documentKind: 'decree',
    title: 'Nghị định về công tác văn thư',
    issuingBody: 'Chính phủ',
    issueDate: '2020-03-05',
    effectiveDate: '2020-03-05',
    notes: 'Căn cứ thể thức văn bản và lưu trữ hồ sơ trong quy trình QT-HT-01.',
    inForce: true,
  },
  {
    documentNumber: '45/2020/NĐ-CP',
    documentKind: 'decree',
    title: 'Nghị định về thực hiện thủ tục hành chính trên môi trường điện tử',
    issuingBody: 'Chính phủ',
    issueDate: '2020-04-08',
    effectiveDate: null,
    notes: null,
    inForce: true,
  },
  {
    documentNumber: '61/2018/NĐ-CP',
    documentKind: 'decree',
    title:
      'Nghị định về thực hiện cơ chế một cửa, một cửa liên thông trong giải quyết thủ tục hành chính',
    issuingBody: 'Chính phủ',
    issueDate: '2018-04-23',
    effectiveDate: null,
    notes: 'Đã được thay thế bởi nghị định mới về cơ chế một cửa, một cửa liên thông.',
    inForce: false,
  },
];
