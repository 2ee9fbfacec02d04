import type { Content, TableCell, TDocumentDefinitions } from 'pdfmake/interfaces.js';
import { FONT_FAMILY } from '../documents/fonts.js';
import { writePdfDefinition } from '../documents/pdf-writer.js';
import type { Language } from '../registers/framework/register-definition.js';
import { renderDiagramSvg } from './diagram-svg.js';
import type { AuditTrail } from './export-data.js';
import { eventRows, vietnamTime } from './export-format.js';
import { exportTexts, type ExportTexts } from './export-labels.js';
import type { SubmittedForms } from './submitted-forms.js';

// A4 landscape, 28 pt margins: the timeline needs the width more than the height.
const pageMargin = 28;
const contentWidth = 841.89 - 2 * pageMargin;
const maxDiagramHeight = 420;

const tableLayout = {
  hLineWidth: () => 0.4,
  vLineWidth: () => 0.4,
  hLineColor: () => '#9e9e9e',
  vLineColor: () => '#9e9e9e',
  paddingLeft: () => 3,
  paddingRight: () => 3,
  paddingTop: () => 2,
  paddingBottom: () => 2,
};

function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => String(values[name] ?? ''));
}

function header(text: string): TableCell {
  return { text, bold: true, fillColor: '#eeeeee' };
}

function heading(text: string): Content {
  return { text, bold: true, fontSize: 13, margin: [0, 12, 0, 6] };
}

function person(trail: AuditTrail, username: string | null): string {
  if (!username) return '';
  const name = trail.actors[username];
  return name ? `${name} (${username})` : username;
}

function facts(trail: AuditTrail, texts: ExportTexts): Content {
  const { instance, processDefinition } = trail;
  const states: Record<string, string> = texts.states;
  const rows: [string, string][] = [
    [texts.facts.procedure, instance.processName ?? instance.bpmnProcessId],
    [texts.facts.unit, trail.unit.name],
    [texts.facts.instance, instance.key],
    [texts.facts.businessKey, instance.businessKey ?? ''],
    [texts.facts.version, `${processDefinition.bpmnProcessId} v${processDefinition.version}`],
    [texts.facts.checksum, processDefinition.checksum],
    [texts.facts.state, states[instance.state] ?? instance.state],
    [texts.facts.startedAt, vietnamTime(instance.startedAt)],
    [texts.facts.startedBy, person(trail, instance.startedBy)],
    [texts.facts.endedAt, instance.endedAt ? vietnamTime(instance.endedAt) : ''],
    [texts.facts.exportedAt, vietnamTime(trail.exportedAt)],
    [texts.facts.exportedBy, person(trail, trail.exportedBy)],
  ];
  return {
    table: {
      widths: [200, '*'],
      body: rows.map(([name, value]) => [{ text: name, bold: true }, value]),
    },
    layout: tableLayout,
  };
}

function verification(trail: AuditTrail, texts: ExportTexts): Content {
  const { valid, firstInvalidPosition, eventCount, headHash } = trail.verification;
  const text = valid
    ? fill(texts.valid, { count: eventCount })
    : fill(texts.invalid, { position: firstInvalidPosition ?? '' });
  return {
    table: {
      widths: ['*'],
      body: [
        [
          {
            stack: [
              { text, bold: true, color: valid ? '#1b5e20' : '#b71c1c' },
              { text: `${texts.headHash}: ${headHash}`, fontSize: 8 },
              { text: `${texts.formatVersion}: ${trail.format.version}`, fontSize: 8 },
            ],
            fillColor: valid ? '#e8f5e9' : '#ffebee',
          },
        ],
      ],
    },
    layout: tableLayout,
    margin: [0, 8, 0, 0],
  };
}

function diagram(trail: AuditTrail, texts: ExportTexts): Content[] {
  const drawing = renderDiagramSvg(trail.processDefinition.xml, trail.diagram);
  if (!drawing) return [heading(texts.diagram), { text: texts.noDiagram, italics: true }];
  const scale = Math.min(1, contentWidth / drawing.width, maxDiagramHeight / drawing.height);
  return [
    { ...(heading(texts.diagram) as object), pageBreak: 'before' } as Content,
    {
      svg: drawing.svg,
      width: drawing.width * scale,
      height: drawing.height * scale,
      font: FONT_FAMILY,
    } as Content,
    { text: texts.diagramLegend, fontSize: 8, italics: true, margin: [0, 4, 0, 0] },
  ];
}

function approvals(trail: AuditTrail, language: Language, texts: ExportTexts): Content[] {
  if (trail.approvals.length === 0) {
    return [heading(texts.approvals), { text: texts.noApprovals, italics: true }];
  }
  const columns = texts.approvalColumns;
  const body: TableCell[][] = [
    [columns.step, columns.signer, columns.time, columns.meaning, columns.comment].map(header),
    ...trail.approvals.map((approval) => [
      trail.elementLabels[language][approval.elementId] ?? approval.elementName,
      `${approval.actorName} (${approval.actor})`,
      approval.historyPosition === null
        ? vietnamTime(approval.decidedAt)
        : `${vietnamTime(approval.decidedAt)} (${texts.historyPosition} ${approval.historyPosition})`,
      texts.decisions[approval.decision],
      approval.comment ?? '',
    ]),
  ];
  return [
    heading(texts.approvals),
    { table: { headerRows: 1, widths: [130, 130, 130, 150, '*'], body }, layout: tableLayout },
  ];
}

function timeline(
  trail: AuditTrail,
  language: Language,
  forms: SubmittedForms,
  texts: ExportTexts,
): Content[] {
  const columns = texts.columns;
  const body: TableCell[][] = [
    [
      columns.position,
      columns.timeVietnam,
      columns.actorName,
      columns.event,
      columns.element,
      columns.data,
      columns.hash,
    ].map(header),
    ...eventRows(trail, language, forms).map((row) => [
      String(row.position),
      row.timeVietnam,
      row.actor ? `${row.actorName} (${row.actor})` : row.actorName,
      row.event,
      row.element,
      row.data,
      { text: row.hash, fontSize: 5.5 },
    ]),
  ];
  return [
    heading(texts.timeline),
    {
      table: {
        headerRows: 1,
        dontBreakRows: true,
        widths: [22, 62, 95, 85, 105, '*', 120],
        body,
      },
      layout: tableLayout,
      fontSize: 7.5,
    },
  ];
}

/**
 * Lays out the audit trail of an instance as a readable PDF: the facts, the chain's
 * verification, the diagram of the model version that ran with its path marked, the
 * approvals and the timeline of every event with its hash, where completed user tasks show
 * their data with the labels of the `forms` they were submitted with.
 */
export function auditTrailPdf(
  trail: AuditTrail,
  language: Language,
  forms: SubmittedForms,
): Promise<Buffer> {
  const texts = exportTexts(language);
  const title = `${texts.title}: ${trail.instance.processName ?? trail.instance.bpmnProcessId}`;
  const definition: TDocumentDefinitions = {
    pageSize: 'A4',
    pageOrientation: 'landscape',
    pageMargins: [pageMargin, pageMargin, pageMargin, pageMargin],
    info: { title, creator: 'eiso', producer: 'eiso' },
    defaultStyle: { font: FONT_FAMILY, fontSize: 10 },
    footer: (currentPage: number, pageCount: number) => ({
      text: `${trail.instance.key} · ${currentPage}/${pageCount}`,
      alignment: 'center',
      fontSize: 8,
    }),
    content: [
      { text: title, bold: true, fontSize: 16, margin: [0, 0, 0, 10] },
      facts(trail, texts),
      verification(trail, texts),
      ...diagram(trail, texts),
      ...approvals(trail, language, texts),
      ...timeline(trail, language, forms, texts),
    ],
  };
  return writePdfDefinition(definition);
}
