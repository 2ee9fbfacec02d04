import { describe, expect, it } from 'vitest';

import { buildDocumentModel, renderDocument } from '../../src/documents/index.js';
import type { DocumentFormat } from '../../src/documents/index.js';
import type { LetterheadBlock, ParagraphBlock } from '../../src/documents/document-model.js';
import { EisoError } from '../../src/errors.js';
import {
  auditPlan,
  auditReport,
  objectivesDecision,
  registerObjectives,
  riskExtract,
} from './sample-data.js';

/** Returns the error that rendering throws, failing the test when it throws none. */
async function renderError(kind: string, data: unknown, format: DocumentFormat = 'pdf') {
  try {
    await renderDocument(kind, data, format);
  } catch (error) {
    if (error instanceof EisoError) return error;
    throw error;
  }
  throw new Error(`Rendering ${kind} succeeded on invalid input`);
}

describe('document data validation', () => {
  it('names a missing field of an objective', async () => {
    const [first, ...rest] = registerObjectives;
    const { title: _title, ...untitled } = first;
    const error = await renderError('quality-objectives-decision', {
      ...objectivesDecision,
      objectives: [untitled, ...rest],
    });
    expect(error.code).toBe('EISO_ERR_VALIDATION');
    expect(error.statusCode).toBe(400);
    expect(error.details).toContainEqual({ path: '/objectives/0/title', message: 'is missing' });
    expect(error.message).toContain('/objectives/0/title is missing');
  });

  it('rejects a date that is not YYYY-MM-DD', async () => {
    const error = await renderError('quality-objectives-decision', {
      ...objectivesDecision,
      date: '04/12/2026',
    });
    expect(error.details).toContainEqual({ path: '/date', message: 'must match format "date"' });
  });

  it('rejects an unknown field', async () => {
    const error = await renderError('quality-objectives-decision', {
      ...objectivesDecision,
      signature: 'Trần Văn Minh',
    });
    expect(error.details).toContainEqual({ path: '/signature', message: 'is not a known field' });
  });

  it('rejects a decision without objectives', async () => {
    const error = await renderError('quality-objectives-decision', {
      ...objectivesDecision,
      objectives: [],
    });
    expect(error.details?.map((detail) => detail.path)).toEqual(['/objectives']);
  });

  it('lists the allowed finding classifications', async () => {
    const [finding] = auditReport.findings;
    const error = await renderError('audit-report', {
      ...auditReport,
      findings: [{ ...finding, classification: 'serious' }],
    });
    expect(error.details).toContainEqual({
      path: '/findings/0/classification',
      message: 'must be one of "major", "minor", "observation", "opportunity"',
    });
  });

  it('rejects a risk score that is not likelihood × severity', async () => {
    const [risk] = riskExtract.risks;
    const error = await renderError('risk-register-extract', {
      ...riskExtract,
      risks: [{ ...risk, score: 16 }],
    });
    expect(error.details).toEqual([
      { path: '/risks/0/score', message: 'must be likelihood × severity = 12, got 16' },
    ]);
  });

  it('rejects an audit that ends before it starts', async () => {
    const error = await renderError('audit-report', { ...auditReport, to: '2026-06-01' });
    expect(error.details).toEqual([
      { path: '/to', message: 'must not be before the start date 2026-06-15' },
    ]);
  });

  it('rejects a plan session that ends before it starts', async () => {
    const [session, ...rest] = auditPlan.schedule;
    const error = await renderError('audit-plan', {
      ...auditPlan,
      schedule: [{ ...session, end: '07:30' }, ...rest],
    });
    expect(error.details).toEqual([
      { path: '/schedule/0/end', message: 'must be after the start 08:00' },
    ]);
  });

  it('rejects data that is not an object', async () => {
    const error = await renderError('audit-plan', null, 'docx');
    expect(error.code).toBe('EISO_ERR_VALIDATION');
    expect(error.details).toEqual([{ path: '', message: 'must be object' }]);
  });

  it('rejects an unknown format', async () => {
    const error = await renderError(
      'quality-objectives-decision',
      objectivesDecision,
      'odt' as DocumentFormat,
    );
    expect(error.code).toBe('EISO_ERR_VALIDATION');
    expect(error.details).toEqual([{ path: '/format', message: 'must be "pdf" or "docx"' }]);
  });

  it('reports an unknown kind as not found', async () => {
    const error = await renderError('meeting-minutes', objectivesDecision);
    expect(error.code).toBe('EISO_ERR_NOT_FOUND');
    expect(error.message).toContain('quality-objectives-decision');
  });
});

describe('document data in the markup', () => {
  it('prints markup characters in values as text', () => {
    const model = buildDocumentModel('quality-objectives-decision', {
      ...objectivesDecision,
      proposer: 'Chánh Văn phòng <b>Sở</b> & "Thư ký" \'ISO\'',
    });
    const texts = model.blocks
      .filter((block): block is ParagraphBlock => block.type === 'paragraph')
      .map((block) => block.runs.map((run) => run.text).join(''));
    expect(texts).toContain('Theo đề nghị của Chánh Văn phòng <b>Sở</b> & "Thư ký" \'ISO\'.');
  });

  it('leaves room for the number of a draft', () => {
    const model = buildDocumentModel('quality-objectives-decision', {
      ...objectivesDecision,
      number: null,
    });
    const letterhead = model.blocks[0] as LetterheadBlock;
    expect(letterhead.number).toBe(`Số: ${'\u00a0'.repeat(8)}/QĐ-SKHCN`);
  });

  it('leaves out an absent superior agency', () => {
    const { superior: _superior, ...agency } = objectivesDecision.agency;
    const model = buildDocumentModel('quality-objectives-decision', {
      ...objectivesDecision,
      agency,
    });
    const letterhead = model.blocks[0] as LetterheadBlock;
    expect(letterhead.superior).toBeNull();
    expect(letterhead.issuer).toBe('SỞ KHOA HỌC VÀ CÔNG NGHỆ');
  });
});
