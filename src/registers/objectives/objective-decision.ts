import type { Knex } from 'knex';
import { EisoError, notFound } from '../../errors.js';
import type { AgencyData, ObjectivesDecisionData } from '../../documents/index.js';
import { agencyDate } from '../../agency-time.js';
import { readObjectiveRegister } from './objective-register.js';

/** Reads the letterhead data of an agency for its documents. */
export async function readAgencyLetterhead(db: Knex, unitId: string): Promise<AgencyData> {
  const unit = await db('units').where({ id: unitId }).first();
  if (!unit) throw notFound('Unit', unitId);
  return {
    superior: unit.superior_name ?? null,
    name: unit.name,
    letterheadName: unit.letterhead_name ?? null,
    code: unit.code,
    place: unit.place ?? unit.name,
  };
}

/**
 * Builds the decision that issues a year's approved objectives, signed by the
 * leader who approved them. Draft objectives have no decision yet.
 */
export async function buildObjectivesDecision(
  db: Knex,
  unitId: string,
  year: number,
): Promise<ObjectivesDecisionData> {
  const register = await readObjectiveRegister(db, unitId, year);
  const issued = register.items.filter((item) => item.status !== 'draft');
  if (issued.length === 0) {
    throw new EisoError(
      'EISO_ERR_NOT_FOUND',
      `No approved quality objectives for ${year}: approve them through the procedure first.`,
    );
  }

  const agency = await readAgencyLetterhead(db, unitId);
  const approver = await db('users')
    .where({ username: issued[0].approvedBy ?? '' })
    .first('display_name', 'title');
  const approvedOn = agencyDate(issued[0].approvedAt ?? new Date());
  return {
    agency,
    number: null,
    date: approvedOn,
    year,
    authority: `Giám đốc ${agency.name}`,
    legalBases: [
      'Căn cứ Quyết định số 19/2014/QĐ-TTg ngày 05 tháng 3 năm 2014 của Thủ tướng Chính phủ về việc áp dụng Hệ thống quản lý chất lượng theo Tiêu chuẩn quốc gia TCVN ISO 9001 vào hoạt động của các cơ quan, tổ chức thuộc hệ thống hành chính nhà nước;',
      'Căn cứ Tiêu chuẩn quốc gia TCVN ISO 9001:2015 Hệ thống quản lý chất lượng - Các yêu cầu;',
    ],
    proposer: 'Thư ký ISO',
    implementers: 'Lãnh đạo các phòng, đơn vị thuộc Sở và các cá nhân có liên quan',
    objectives: issued,
    signer: {
      title: approver?.title ?? 'Giám đốc',
      name: approver?.display_name ?? '',
      signed: true,
    },
    recipients: ['Như Điều 3;', 'Ban Giám đốc;', 'Lưu: VT, ISO.'],
  };
}
