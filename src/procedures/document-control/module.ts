import type { ProcedureModule } from '../procedure-module.js';
import { controlledDocumentsRegister, documentVersionsRegister } from './document-registers.js';
import { documentRoutes } from './document-routes.js';
import { registerDocumentWorkers } from './document-workers.js';
import { externalDocumentsRegister } from './external-document-register.js';
import { documentRevisionsRegister } from './revision-register.js';
import { seedDocumentControl } from './seed-demo.js';

/**
 * Clause 7.5, control of documented information (QT-HT-01). A new document, a revision or a
 * withdrawal is proposed and drafted, then reviewed by the head of the drafting department or the
 * ISO secretary. The board approves it, a worker issues it, and the departments concerned
 * acknowledge it. Anyone in the unit may propose a change; a corrective action starts one with the variables
 * `changeReason`, `documentCode` (optional) and `sourceReference`.
 */
export const documentControlProcedure: ProcedureModule = {
  id: 'document-control',
  title: { vi: 'Kiểm soát thông tin dạng văn bản', en: 'Control of documented information' },
  starterGroups: 'everyone',
  businessKey: { kind: 'sequence', prefix: 'TL' },
  registerWorkers: registerDocumentWorkers,
  registers: [
    controlledDocumentsRegister,
    documentVersionsRegister,
    documentRevisionsRegister,
    externalDocumentsRegister,
  ],
  routes: documentRoutes,
  seedDemo: seedDocumentControl,
};
