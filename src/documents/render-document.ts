import { EisoError } from '../errors.js';
import { documentKinds, isDocumentKind } from './document-kinds.js';
import type { DocumentKind } from './document-kinds.js';
import type { DocumentModel } from './document-model.js';
import { writeDocx } from './docx-writer.js';
import { markupToModel } from './markup-parser.js';
import { writePdf } from './pdf-writer.js';
import { renderTemplate } from './templates.js';
import { invalidDocumentData } from './validation.js';

export type DocumentFormat = 'pdf' | 'docx';

/** Media types of the rendered formats, for HTTP responses. */
export const documentMediaTypes: Record<DocumentFormat, string> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
};

function checkKind(kind: string): DocumentKind {
  if (isDocumentKind(kind)) return kind;
  throw new EisoError(
    'EISO_ERR_NOT_FOUND',
    `Document kind ${kind} was not found. Known kinds: ${Object.keys(documentKinds).join(', ')}.`,
  );
}

/**
 * Validates `data` against the schema of `kind` and lays the kind's template out as a document
 * model. Throws EISO_ERR_VALIDATION naming each invalid field, and EISO_ERR_NOT_FOUND for an
 * unknown kind.
 */
export function buildDocumentModel(kind: string, data: unknown): DocumentModel {
  const definition = documentKinds[checkKind(kind)];
  const errors = definition.validate(data);
  if (errors.length > 0) throw invalidDocumentData(kind, errors);
  return markupToModel(renderTemplate(definition.template, data), definition.template);
}

/**
 * Renders a Vietnamese administrative document of `kind` from `data` as a PDF, with its font
 * embedded, or as a DOCX. Both formats are laid out from one document model, so they carry
 * the same text.
 */
export async function renderDocument(
  kind: string,
  data: unknown,
  format: DocumentFormat,
): Promise<Buffer> {
  if (format !== 'pdf' && format !== 'docx') {
    throw new EisoError(
      'EISO_ERR_VALIDATION',
      `Invalid document format ${JSON.stringify(format)}: use "pdf" or "docx".`,
      [{ path: '/format', message: 'must be "pdf" or "docx"' }],
    );
  }
  const model = buildDocumentModel(kind, data);
  return format === 'pdf' ? writePdf(model) : writeDocx(model);
}
