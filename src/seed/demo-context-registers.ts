import type { ContextRegisterContent } from './context-registers.js';

// The demo agency is a provincial Department of Science and Technology after the 2025 reforms:
// the Department of Information and Communications merged into it, provinces merged, and local
// government has two levels (province and commune) from 1 July 2025.

const sites = [
  'Trụ sở Sở Khoa học và Công nghệ, số 12 đường Trần Hưng Đạo, phường Bình Minh, tỉnh An Bình',
  'Bộ phận Một cửa của Sở tại Trung tâm Phục vụ hành chính công tỉnh An Bình',
];

const procedures = [
  'Cấp giấy chứng nhận đăng ký hoạt động khoa học và công nghệ',
  'Cấp giấy chứng nhận đăng ký hoạt động cho văn phòng đại diện, chi nhánh của tổ chức khoa học và công nghệ',
  'Đăng ký kết quả thực hiện nhiệm vụ khoa học và công nghệ không sử dụng ngân sách nhà nước',
  'Đăng ký kết quả thực hiện nhiệm vụ khoa học và công nghệ cấp tỉnh sử dụng ngân sách nhà nước',
  'Cấp giấy chứng nhận doanh nghiệp khoa học và công nghệ',
  'Đăng ký hợp đồng chuyển giao công nghệ',
  'Cấp giấy phép tiến hành công việc bức xạ (sử dụng thiết bị X-quang chẩn đoán trong y tế)',
  'Cấp chứng chỉ nhân viên bức xạ cho người phụ trách an toàn cơ sở X-quang chẩn đoán trong y tế',
  'Tiếp nhận hồ sơ công bố hợp quy sản phẩm, hàng hóa',
  'Kiểm tra nhà nước về chất lượng hàng hóa nhập khẩu',
  'Cấp giấy phép bưu chính (phạm vi nội tỉnh)',
];

const exclusions = [
  {
    clause: '8.3 Thiết kế và phát triển sản phẩm và dịch vụ',
    justification:
      'Thủ tục hành chính do cơ quan nhà nước có thẩm quyền quy định và công bố; Sở chỉ tổ chức thực hiện, không thiết kế, phát triển thủ tục.',
  },
  {
    clause: '7.1.5.2 Liên kết chuẩn đo lường',
    justification:
      'Việc giải quyết thủ tục hành chính thuộc phạm vi không sử dụng phương tiện đo để xác nhận sự phù hợp của kết quả.',
  },
];

/** The context registers of the demo agency, Sở Khoa học và Công nghệ tỉnh An Bình. */
export const demoContextRegisters: ContextRegisterContent = {
  contextIssues: [
    {
      issueType: 'external',
      category: 'organization',
      description:
        'Sáp nhập đơn vị hành chính từ 01/7/2025, chính quyền địa phương hai cấp (tỉnh và xã), không còn cấp huyện.',
      impact:
        'Phải rà soát phạm vi hệ thống quản lý chất lượng, danh mục thủ tục hành chính và phân cấp giữa tỉnh và xã; cập nhật quy trình nội bộ và địa chỉ tiếp nhận hồ sơ.',
      climateRelated: false,
      reviewDate: '2025-12-15',
      status: 'approved',
    },
    {
      issueType: 'external',
      category: 'legal',
      description:
        'Nghị định mới về thủ tục hành chính: thực hiện thủ tục hành chính theo cơ chế một cửa, một cửa liên thông, thay thế Nghị định số 61/2018/NĐ-CP.',
      impact:
        'Thay đổi quy trình tiếp nhận, số hóa hồ sơ, trả kết quả điện tử và trách nhiệm của Bộ phận Một cửa; phải cập nhật các quy trình ISO liên quan.',
      climateRelated: false,
      reviewDate: '2025-10-20',
      status: 'approved',
    },
    {
      issueType: 'external',
      category: 'environment',
      description:
        'Mưa lớn, ngập úng kéo dài trong mùa mưa bão (tháng 9 đến tháng 11) tại khu vực Trung tâm Phục vụ hành chính công, làm gián đoạn Bộ phận Một cửa.',
      impact:
        'Nguy cơ trễ hạn giải quyết hồ sơ và hư hỏng hồ sơ giấy; cần phương án tiếp nhận trực tuyến thay thế, sao lưu dữ liệu và thông báo kịp thời cho người dân.',
      climateRelated: true,
      reviewDate: '2025-11-28',
      status: 'approved',
    },
    {
      issueType: 'external',
      category: 'environment',
      description:
        'Nắng nóng cực đoan, hạn hán và xâm nhập mặn ảnh hưởng đến sản xuất nông nghiệp của tỉnh, tăng nhu cầu nhiệm vụ khoa học và công nghệ về thích ứng với biến đổi khí hậu.',
      impact:
        'Thay đổi định hướng đặt hàng nhiệm vụ khoa học và công nghệ; hội đồng xét duyệt cần tiêu chí đánh giá khả năng thích ứng với biến đổi khí hậu.',
      climateRelated: true,
      reviewDate: '2026-03-31',
      status: 'draft',
    },
    {
      issueType: 'external',
      category: 'technology',
      description:
        'Yêu cầu chuyển đổi số: dịch vụ công trực tuyến toàn trình, kết nối Cổng Dịch vụ công quốc gia và xác thực bằng tài khoản định danh điện tử VNeID.',
      impact:
        'Hồ sơ phải được xử lý trên Hệ thống thông tin giải quyết thủ tục hành chính của tỉnh; cần đào tạo công chức và bảo đảm an toàn thông tin.',
      climateRelated: false,
      reviewDate: '2025-09-30',
      status: 'approved',
    },
    {
      issueType: 'external',
      category: 'social',
      description:
        'Người dân, doanh nghiệp kỳ vọng ngày càng cao về thời gian giải quyết và sự công khai, minh bạch; chỉ số hài lòng được công bố hằng năm.',
      impact:
        'Kết quả khảo sát sự hài lòng ảnh hưởng đến xếp hạng cải cách hành chính của Sở; cần theo dõi và cải tiến liên tục.',
      climateRelated: false,
      reviewDate: '2025-12-15',
      status: 'approved',
    },
    {
      issueType: 'internal',
      category: 'human-resources',
      description:
        'Sắp xếp lại các phòng chuyên môn sau khi hợp nhất Sở Thông tin và Truyền thông vào Sở Khoa học và Công nghệ; một số công chức mới chưa được đào tạo về TCVN ISO 9001:2015.',
      impact:
        'Nguy cơ áp dụng quy trình không thống nhất giữa các phòng; cần kế hoạch đào tạo, kèm cặp và cập nhật bảng phân công nhiệm vụ.',
      climateRelated: false,
      reviewDate: '2025-10-20',
      status: 'approved',
    },
    {
      issueType: 'internal',
      category: 'infrastructure',
      description:
        'Kho lưu trữ hồ sơ đặt ở tầng trệt của trụ sở; máy chủ nội bộ đã sử dụng hơn bảy năm.',
      impact:
        'Nguy cơ mất hồ sơ và dữ liệu khi ngập úng hoặc hỏng thiết bị, ảnh hưởng đến việc lưu giữ thông tin dạng văn bản; cần di dời kho lên tầng cao và sao lưu ngoài trụ sở.',
      climateRelated: true,
      reviewDate: '2026-03-31',
      status: 'draft',
    },
    {
      issueType: 'internal',
      category: 'knowledge',
      description:
        'Kinh nghiệm thẩm định nhiệm vụ khoa học và công nghệ và cấp phép an toàn bức xạ tập trung ở một số công chức sắp nghỉ hưu.',
      impact:
        'Nguy cơ mất tri thức của tổ chức; cần hệ thống hóa hướng dẫn nghiệp vụ và bàn giao trước khi nghỉ hưu.',
      climateRelated: false,
      reviewDate: '2025-12-15',
      status: 'approved',
    },
  ],
  interestedParties: [
    {
      name: 'Người dân',
      partyType: 'external',
      requirements:
        'Thủ tục đơn giản, giải quyết đúng hạn; được hướng dẫn đầy đủ một lần; nộp hồ sơ và nhận kết quả trực tuyến; được phản ánh, kiến nghị.',
      howMet:
        'Công khai thủ tục tại Bộ phận Một cửa và Cổng Dịch vụ công; tiếp nhận trực tuyến toàn trình; theo dõi hạn xử lý trên hệ thống; đường dây nóng tiếp nhận phản ánh.',
      monitoring:
        'Khảo sát sự hài lòng hằng quý; thống kê tỷ lệ hồ sơ đúng hạn hằng tháng; báo cáo tại cuộc họp xem xét của lãnh đạo.',
      reviewDate: '2025-12-15',
      status: 'approved',
    },
    {
      name: 'Doanh nghiệp và tổ chức khoa học và công nghệ',
      partyType: 'external',
      requirements:
        'Cấp giấy chứng nhận, giấy phép nhanh và chính xác; thông tin đầy đủ về chính sách hỗ trợ đổi mới sáng tạo và chuyển giao công nghệ; bảo mật thông tin công nghệ.',
      howMet:
        'Quy trình ISO cho từng thủ tục; đăng tải chính sách hỗ trợ trên trang thông tin điện tử của Sở; quy định bảo mật hồ sơ chuyển giao công nghệ.',
      monitoring: 'Khảo sát doanh nghiệp hằng năm; theo dõi phản ánh, kiến nghị.',
      reviewDate: '2025-12-15',
      status: 'approved',
    },
    {
      name: 'Ủy ban nhân dân tỉnh An Bình',
      partyType: 'external',
      requirements:
        'Tham mưu đúng chức năng quản lý nhà nước về khoa học, công nghệ và chuyển đổi số; báo cáo đúng hạn; hoàn thành chỉ tiêu cải cách hành chính; duy trì hệ thống quản lý chất lượng.',
      howMet:
        'Kế hoạch công tác năm; mục tiêu chất lượng gắn với chỉ tiêu cải cách hành chính; báo cáo định kỳ qua hệ thống báo cáo của tỉnh.',
      monitoring: 'Kết quả chấm điểm cải cách hành chính hằng năm; văn bản chỉ đạo của tỉnh.',
      reviewDate: '2025-12-15',
      status: 'approved',
    },
    {
      name: 'Bộ Khoa học và Công nghệ',
      partyType: 'external',
      requirements:
        'Thực hiện đúng hướng dẫn chuyên môn, nghiệp vụ; báo cáo thống kê khoa học và công nghệ; áp dụng, duy trì TCVN ISO 9001 trong cơ quan hành chính nhà nước theo hướng dẫn của Bộ.',
      howMet:
        'Phân công phòng đầu mối cho từng lĩnh vực; lịch báo cáo thống kê; đánh giá nội bộ hệ thống quản lý chất lượng hằng năm.',
      monitoring: 'Kết quả kiểm tra của Bộ; phản hồi về báo cáo thống kê.',
      reviewDate: '2025-10-20',
      status: 'approved',
    },
    {
      name: 'Ủy ban nhân dân cấp xã',
      partyType: 'external',
      requirements:
        'Được hướng dẫn nghiệp vụ khoa học và công nghệ sau khi tổ chức chính quyền hai cấp; phối hợp giải quyết thủ tục liên thông rõ trách nhiệm và thời hạn.',
      howMet: 'Tập huấn nghiệp vụ; quy chế phối hợp liên thông giữa Sở và Ủy ban nhân dân cấp xã.',
      monitoring: 'Tổng hợp vướng mắc hằng quý; số hồ sơ liên thông trễ hạn.',
      reviewDate: '2026-03-31',
      status: 'draft',
    },
    {
      name: 'Công chức, người lao động của Sở',
      partyType: 'internal',
      requirements:
        'Phân công rõ ràng, quy trình dễ thực hiện; được đào tạo và ghi nhận; môi trường làm việc an toàn, kể cả khi thiên tai.',
      howMet:
        'Bảng phân công nhiệm vụ; kế hoạch đào tạo hằng năm; phương án phòng chống thiên tai của cơ quan.',
      monitoring: 'Ý kiến tại hội nghị cán bộ, công chức hằng năm; kết quả đánh giá công chức.',
      reviewDate: '2025-12-15',
      status: 'approved',
    },
  ],
  scopes: [
    {
      scopeStatement:
        'Hệ thống quản lý chất lượng theo TCVN ISO 9001:2015 áp dụng cho việc giải quyết các thủ tục hành chính thuộc thẩm quyền của Sở Khoa học và Công nghệ tỉnh An Bình trước khi sắp xếp, tại trụ sở Sở và Bộ phận Một cửa của Sở.',
      sites: [sites[0]],
      procedures: procedures.slice(0, 8),
      exclusions: exclusions.slice(0, 1),
      effectiveDate: '2023-03-01',
      status: 'archived',
    },
    {
      scopeStatement:
        'Hệ thống quản lý chất lượng theo TCVN ISO 9001:2015 áp dụng cho việc giải quyết các thủ tục hành chính thuộc thẩm quyền của Sở Khoa học và Công nghệ tỉnh An Bình, kể cả lĩnh vực bưu chính tiếp nhận khi hợp nhất Sở Thông tin và Truyền thông, và các hoạt động quản lý nội bộ liên quan.',
      sites,
      procedures,
      exclusions,
      effectiveDate: '2025-08-15',
      status: 'approved',
    },
  ],
  policies: [
    {
      version: 1,
      content:
        'Sở Khoa học và Công nghệ tỉnh An Bình cam kết giải quyết thủ tục hành chính nhanh chóng, chính xác, đúng pháp luật; lấy sự hài lòng của tổ chức, công dân làm thước đo chất lượng; duy trì và cải tiến thường xuyên hệ thống quản lý chất lượng theo TCVN ISO 9001:2015.',
      decisionNumber: 'Quyết định số 68/QĐ-SKHCN',
      issueDate: '2019-05-10',
      status: 'archived',
    },
    {
      version: 2,
      content:
        'Minh bạch – Chuyên nghiệp – Số hóa – Vì người dân và doanh nghiệp. Sở Khoa học và Công nghệ tỉnh An Bình cam kết: giải quyết thủ tục hành chính đúng pháp luật, đúng hạn, ưu tiên dịch vụ công trực tuyến toàn trình; lấy sự hài lòng của người dân, doanh nghiệp làm thước đo chất lượng phục vụ; đáp ứng các yêu cầu áp dụng và cải tiến thường xuyên hiệu lực của hệ thống quản lý chất lượng theo TCVN ISO 9001:2015; chủ động thích ứng với biến đổi khí hậu để bảo đảm Bộ phận Một cửa hoạt động liên tục.',
      decisionNumber: 'Quyết định số 215/QĐ-SKHCN',
      issueDate: '2025-08-20',
      status: 'approved',
    },
  ],
};
