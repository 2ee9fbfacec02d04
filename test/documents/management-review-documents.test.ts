import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderDocument } from '../../src/documents/index.js';
import {
  buildReviewNotice,
  buildReviewReport,
} from '../../src/procedures/management-review/review-documents.js';
import { seedManagementReview } from '../../src/procedures/management-review/review-seed.js';
import { findReview } from '../../src/procedures/management-review/review-store.js';
import { demoUnitId } from '../helpers/registers.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { readDocxText } from './docx-text.js';
import { bodyLines, plainText, readPdfLines, readTableRow } from './pdf-text.js';

// The demo review as the seed writes it for a clock in 2029: it is the review of 2028, held on
// 20 June 2028, so it does not collide with the demo agency's own review.
const seededAt = new Date('2029-02-01T03:00:00Z');

describe('management review documents', () => {
  let current: (TestApp & { drop: () => Promise<void> }) | undefined;
  let reviewId = '';
  let unitId = '';

  beforeAll(async () => {
    current = await createTestApp();
    unitId = await demoUnitId(current.db);
    const departmentIds = Object.fromEntries(
      (
        await current
          .db('units')
          .where({ agency_id: unitId, kind: 'department' })
          .select('code', 'id')
      ).map((row) => [row.code as string, String(row.id)]),
    );
    const person = (username: string, displayName: string) => ({ username, displayName });
    await current.db.transaction((trx) =>
      seedManagementReview(trx, {
        unitId,
        departmentIds,
        secretary: 'secretary',
        director: person('director', 'Trần Văn Minh'),
        heads: {
          VP: person('head.vp', 'Phạm Quốc Huy'),
          TTRA: person('head.ttra', 'Vũ Đức Thắng'),
          QLKH: person('head.qlkh', 'Bùi Thị Ngọc Anh'),
          QLCN: person('head.qlcn', 'Ngô Thanh Sơn'),
        },
        now: seededAt,
      }),
    );
    const row = await current
      .db('management_reviews')
      .where({ unit_id: unitId, reference: 'XXLD-2028-001' })
      .first('id');
    reviewId = String(row.id);
  });

  afterAll(async () => {
    await current?.drop();
  });

  async function review() {
    const found = await findReview(current!.db, unitId, reviewId);
    if (!found) throw new Error('the seeded review is missing');
    return found;
  }

  it('writes the notice with its assignments', async () => {
    const data = await buildReviewNotice(current!.db, await review(), seededAt);

    const pdf = await renderDocument('management-review-notice', data, 'pdf');
    const docx = await renderDocument('management-review-notice', data, 'docx');

    const lines = bodyLines(await readPdfLines(pdf));
    const text = plainText(lines);
    expect(text).toContain('THÔNG BÁO');
    expect(text).toContain('Về việc tổ chức họp xem xét của lãnh đạo');
    expect(text).toContain('đối với hệ thống quản lý chất lượng năm 2028');
    expect(text).toContain('An Bình, ngày 25 tháng 5 năm 2028');
    expect(text).toContain('08 giờ 00, ngày 20 tháng 6 năm 2028');
    expect(text).toContain('Phòng họp số 1, trụ sở Sở Khoa học và Công nghệ');
    expect(text).toContain('Chủ trì: Trần Văn Minh, Giám đốc Sở');
    expect(text).toContain('trước ngày 10/06/2028');
    expect(text).toContain('(đã ký)');
    const firstRow = [
      '1',
      'Tình trạng của các hành động từ các lần xem xét của lãnh đạo trước đó',
      'Văn phòng Sở',
      '10/06/2028',
    ];
    expect(readTableRow(lines, firstRow)).toEqual(firstRow);
    const rows = readDocxText(docx).rows;
    expect(rows).toContainEqual(['6', 'Kết quả đánh giá', 'Thanh tra Sở', '10/06/2028']);
    expect(rows).toContainEqual([
      '12',
      'Các cơ hội cải tiến',
      'Phòng Quản lý công nghệ và Đổi mới sáng tạo',
      '10/06/2028',
    ]);
  });

  it('writes an unsigned draft notice before approval', async () => {
    const draft = { ...(await review()), noticeApprovedAt: null, noticeApprovedBy: null };

    const data = await buildReviewNotice(current!.db, draft, seededAt);

    expect(data.signer.signed).toBe(false);
    expect(data.date).toBe('2029-02-01');
    expect(data.meeting.chair.name).toBe('Trần Văn Minh');
    const text = plainText(
      await readPdfLines(await renderDocument('management-review-notice', data, 'pdf')),
    );
    expect(text).not.toContain('(đã ký)');
  });

  it('writes the report with inputs and outputs', async () => {
    const data = await buildReviewReport(current!.db, await review());

    const pdf = await renderDocument('management-review-report', data, 'pdf');
    const docx = await renderDocument('management-review-report', data, 'docx');

    const lines = bodyLines(await readPdfLines(pdf));
    const text = plainText(lines);
    expect(text).toContain('BÁO CÁO');
    expect(text).toContain('Kết quả xem xét của lãnh đạo đối với');
    expect(text).toContain('An Bình, ngày 23 tháng 6 năm 2028');
    expect(text).toContain('II. ĐẦU VÀO CỦA XEM XÉT CỦA LÃNH ĐẠO');
    expect(text).toContain('3.6. Kết quả đánh giá');
    expect(text).toContain('Khảo sát 1.245 lượt người dân, tổ chức: 92,4% hài lòng');
    expect(text).toContain('6. Các cơ hội cải tiến');
    expect(text).toContain('được duy trì thỏa đáng và có hiệu lực');
    expect(text).toContain('Trần Văn Minh');
    const paragraphs = readDocxText(docx).paragraphs;
    expect(paragraphs).toContain(
      '1. Tình trạng của các hành động từ các lần xem xét của lãnh đạo trước đó',
    );
    const rows = readDocxText(docx).rows;
    expect(rows).toContainEqual([
      '2',
      'Nhu cầu nguồn lực',
      'Mua sắm 01 máy quét tài liệu khổ A3 cho Bộ phận Một cửa',
      'Văn phòng Sở (Phạm Quốc Huy)',
      '17/11/2028',
    ]);
    expect(rows).toContainEqual([
      '4',
      'Thay đổi hệ thống quản lý chất lượng',
      'Cập nhật phạm vi hệ thống quản lý chất lượng và danh mục thủ tục hành chính sau khi tiếp nhận lĩnh vực bưu chính',
      'Phòng Quản lý khoa học (Bùi Thị Ngọc Anh)',
      '02/04/2029',
    ]);
  });

  it('fills the objectives table from measurements', async () => {
    const { periodFrom, periodTo } = await review();
    const db = current!.db;
    const objective = (position: number, title: string, target: number, unit: string) => ({
      unit_id: unitId,
      year: 2028,
      position,
      title,
      indicator: title,
      target_value: target,
      target_unit: unit,
      status: 'approved',
    });
    const [onTime, replyDays] = await db('objectives')
      .insert([
        objective(1, 'Giải quyết hồ sơ đúng hạn', 98, '%'),
        objective(2, 'Thời gian trả lời phản ánh', 5, 'ngày'),
      ])
      .returning('id');
    const measurement = (
      objectiveId: { id: string },
      position: number,
      periodEnd: string,
      value: number,
      target: number,
      unit: string,
      direction: string,
      achieved: boolean,
    ) => ({
      unit_id: unitId,
      objective_id: objectiveId.id,
      year: 2028,
      period: periodEnd.slice(0, 7),
      period_start: `${periodEnd.slice(0, 7)}-01`,
      period_end: periodEnd,
      objective_position: position,
      objective_title: position === 1 ? 'Giải quyết hồ sơ đúng hạn' : 'Thời gian trả lời phản ánh',
      measured_value: value,
      target_value: target,
      target_unit: unit,
      direction,
      achieved,
      evidence: 'Báo cáo tháng',
      measured_by: 'secretary',
      measured_at: `${periodEnd}T09:00:00+07:00`,
    });
    // The last month inside the review period counts; a later month does not.
    const lastMonthEnd = periodTo;
    await db('objective_measurements').insert([
      measurement(onTime, 1, periodFrom.slice(0, 8) + '28', 97.1, 98, '%', 'at_least', false),
      measurement(onTime, 1, lastMonthEnd, 98.6, 98, '%', 'at_least', true),
      measurement(replyDays, 2, lastMonthEnd, 7, 5, 'ngày', 'at_most', false),
      measurement(onTime, 1, '2099-01-31', 50, 98, '%', 'at_least', false),
    ]);

    try {
      const data = await buildReviewReport(db, await review());

      expect(data.objectiveResults).toEqual([
        {
          title: 'Giải quyết hồ sơ đúng hạn',
          target: '≥ 98%',
          result: '98,6%',
          achievement: 'met',
        },
        {
          title: 'Thời gian trả lời phản ánh',
          target: '≤ 5 ngày',
          result: '7 ngày',
          achievement: 'notMet',
        },
      ]);
      const rows = readDocxText(
        await renderDocument('management-review-report', data, 'docx'),
      ).rows;
      expect(rows.some((row) => row.includes('98,6%') && row.includes('Đạt'))).toBe(true);
    } finally {
      await db('objective_measurements').whereIn('objective_id', [onTime.id, replyDays.id]).del();
      await db('objectives').whereIn('id', [onTime.id, replyDays.id]).del();
    }
  });

  it('has no report before the meeting', async () => {
    const planned = { ...(await review()), status: 'meeting', heldOn: null, conclusion: null };

    await expect(buildReviewReport(current!.db, planned)).rejects.toMatchObject({
      code: 'EISO_ERR_CONFLICT',
    });
  });
});
