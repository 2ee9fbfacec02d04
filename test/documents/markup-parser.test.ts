import { describe, expect, it } from 'vitest';

import { markupToModel } from '../../src/documents/markup-parser.js';

function document(body: string, attributes = ''): string {
  return `<document title="Thử"${attributes}>${body}</document>`;
}

describe('document markup', () => {
  it('reads styled runs and line breaks with collapsed whitespace', () => {
    const model = markupToModel(
      document(`<p>
        <b>Điều 1.</b>   Ban hành
        kèm theo <i>Quyết định</i> này<br/>  dòng hai
      </p>`),
      'test',
    );
    expect(model.blocks).toEqual([
      {
        type: 'paragraph',
        runs: [
          { text: 'Điều 1.', bold: true, italic: false },
          { text: ' Ban hành kèm theo ', bold: false, italic: false },
          { text: 'Quyết định', bold: false, italic: true },
          { text: ' này\ndòng hai', bold: false, italic: false },
        ],
        align: 'justify',
        indent: true,
        size: 14,
        keepWithNext: false,
      },
    ]);
  });

  it('keeps no-break spaces', () => {
    const model = markupToModel(
      document(
        '<letterhead><issuer>SỞ</issuer><number>Số: &#160;&#160;/QĐ</number><place-date>A</place-date></letterhead>',
      ),
      'test',
    );
    expect(model.blocks[0]).toMatchObject({ number: 'Số: \u00a0\u00a0/QĐ', superior: null });
  });

  it('reads table columns, header rows and spans', () => {
    const model = markupToModel(
      document(`<table size="11">
        <col weight="1" align="center"/><col weight="3"/>
        <tr header="true"><td>STT</td><td>Nội dung</td></tr>
        <tr><td span="2">Nhóm I</td></tr>
        <tr><td>1</td><td align="right">Việc</td></tr>
      </table>`),
      'test',
    );
    expect(model.blocks[0]).toMatchObject({
      type: 'table',
      size: 11,
      columns: [
        { weight: 1, align: 'center' },
        { weight: 3, align: 'left' },
      ],
      rows: [
        { header: true, cells: [{ align: 'center' }, { align: 'center' }] },
        { header: false, cells: [{ span: 2, align: 'center' }] },
        { header: false, cells: [{ align: 'center' }, { align: 'right' }] },
      ],
    });
  });

  it('keeps the paragraph before the closing with it', () => {
    const model = markupToModel(
      document(
        '<p keep-with-next="false">Kết thúc./.</p><closing><signature signed="true"><authority>GIÁM ĐỐC</authority><name>A</name></signature></closing>',
      ),
      'test',
    );
    expect(model.blocks[0]).toMatchObject({ keepWithNext: true });
    expect(model.blocks[1]).toEqual({
      type: 'closing',
      recipients: [],
      authority: ['GIÁM ĐỐC'],
      signed: true,
      signerName: 'A',
    });
  });

  it.each([
    ['an unknown block', '<section/>', '<section> is not a block element'],
    [
      'a row of the wrong width',
      '<table><col/><tr><td>1</td><td>2</td></tr></table>',
      'covers 2 columns of 1',
    ],
    ['a bad alignment', '<p align="middle">x</p>', 'align="middle"'],
    ['an unknown inline element', '<p><u>x</u></p>', '<u> is not allowed inside <p>'],
    ['broken XML', '<p>x</q>', 'invalid markup'],
  ])('rejects %s', (_name, body, message) => {
    expect(() => markupToModel(document(body), 'test')).toThrow(message);
  });

  it('rejects a DOCTYPE', () => {
    expect(() => markupToModel(`<!DOCTYPE x>${document('')}`, 'test')).toThrow('DOCTYPE');
  });
});
