import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import type { TestSession } from '../helpers/test-app.js';
import { basicAuth, multipartResources } from '../v2/helpers.js';

/** A form with an optional note. */
export const collaborationForm = JSON.stringify({
  id: 'collab-note',
  type: 'default',
  schemaVersion: 16,
  components: [{ id: 'Field_Note', key: 'note', type: 'textfield', label: 'Ghi chú' }],
});

/** The same form with an optional file field, which the web app uploads as an attachment. */
export const collaborationFormWithFile = JSON.stringify({
  ...JSON.parse(collaborationForm),
  components: [
    ...JSON.parse(collaborationForm).components,
    { id: 'Field_Evidence', key: 'evidence', type: 'filepicker', label: 'Tệp minh chứng' },
  ],
});

/**
 * A process of two user tasks: `Task_Prepare` offered to the staff of Văn phòng (group
 * `staff-VP`, whose head is `head.vp`), then `Task_Sign` assigned to the user in `signer`.
 */
export const collaborationProcess = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="Definitions_Collab" targetNamespace="http://bpmn.io/schema/bpmn">
  <bpmn:process id="collab-process" name="Phối hợp xử lý" isExecutable="true">
    <bpmn:startEvent id="Start"><bpmn:outgoing>Flow_1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:userTask id="Task_Prepare" name="Chuẩn bị hồ sơ">
      <bpmn:extensionElements>
        <zeebe:userTask />
        <zeebe:formDefinition formId="collab-note" />
        <zeebe:assignmentDefinition candidateGroups="staff-VP" />
      </bpmn:extensionElements>
      <bpmn:incoming>Flow_1</bpmn:incoming>
      <bpmn:outgoing>Flow_2</bpmn:outgoing>
    </bpmn:userTask>
    <bpmn:userTask id="Task_Sign" name="Ký duyệt">
      <bpmn:extensionElements>
        <zeebe:userTask />
        <zeebe:formDefinition formId="collab-note" />
        <zeebe:assignmentDefinition assignee="=signer" />
      </bpmn:extensionElements>
      <bpmn:incoming>Flow_2</bpmn:incoming>
      <bpmn:outgoing>Flow_3</bpmn:outgoing>
    </bpmn:userTask>
    <bpmn:endEvent id="End"><bpmn:incoming>Flow_3</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="Flow_1" sourceRef="Start" targetRef="Task_Prepare" />
    <bpmn:sequenceFlow id="Flow_2" sourceRef="Task_Prepare" targetRef="Task_Sign" />
    <bpmn:sequenceFlow id="Flow_3" sourceRef="Task_Sign" targetRef="End" />
  </bpmn:process>
</bpmn:definitions>`;

/**
 * Deploys the collaboration process and its form as the ISO secretary. Another `processId`
 * deploys a copy, which starts under a business key of its own, named `processName` when given.
 */
export async function deployCollaborationProcess(
  app: FastifyInstance,
  form = collaborationForm,
  processId = 'collab-process',
  processName = 'Phối hợp xử lý',
): Promise<void> {
  const model = collaborationProcess.replace(
    'id="collab-process" name="Phối hợp xử lý"',
    `id="${processId}" name="${processName}"`,
  );
  const { body, contentType } = await multipartResources([
    { name: 'collab-note.form', content: form },
    { name: `${processId}.bpmn`, content: model },
  ]);
  const response = await app.inject({
    method: 'POST',
    url: '/v2/deployments',
    payload: body,
    headers: { authorization: basicAuth('director'), 'content-type': contentType },
  });
  expect(response.statusCode, response.body).toBe(200);
}

/** Starts the collaboration process and returns the instance key and its first task's key. */
export async function startCollaboration(
  app: FastifyInstance,
  signer = 'head.vp',
  processId = 'collab-process',
): Promise<{ processInstanceKey: string; taskKey: string }> {
  const started = await app.inject({
    method: 'POST',
    url: '/v2/process-instances',
    payload: { processDefinitionId: processId, variables: { signer } },
    headers: { authorization: basicAuth('secretary') },
  });
  expect(started.statusCode, started.body).toBe(200);
  const processInstanceKey = started.json().processInstanceKey as string;
  return { processInstanceKey, taskKey: await openTaskKey(app, processInstanceKey) };
}

/** Returns the key of the open task of an instance. */
export async function openTaskKey(
  app: FastifyInstance,
  processInstanceKey: string,
): Promise<string> {
  const row = await app.services
    .db('user_tasks')
    .where({ process_instance_key: processInstanceKey, state: 'CREATED' })
    .first('key');
  expect(row, `no open task in instance ${processInstanceKey}`).toBeDefined();
  return String(row.key);
}

/** Encodes files as a multipart body, each in the field `file` unless it names another field. */
export async function multipartFiles(
  files: { fileName: string; content: Buffer; field?: string }[],
): Promise<{ body: Buffer; contentType: string }> {
  const form = new FormData();
  for (const file of files) {
    form.append(file.field ?? 'file', new Blob([new Uint8Array(file.content)]), file.fileName);
  }
  const encoded = new Response(form);
  return {
    body: Buffer.from(await encoded.arrayBuffer()),
    contentType: encoded.headers.get('content-type') ?? '',
  };
}

/** Encodes one file as a multipart body in the field `file`. */
export function multipartFile(
  fileName: string,
  content: Buffer,
): Promise<{ body: Buffer; contentType: string }> {
  return multipartFiles([{ fileName, content }]);
}

/** Uploads files to a task as `session`, in one request. */
export async function uploadFiles(
  session: TestSession,
  taskKey: string,
  files: { fileName: string; content: Buffer; field?: string }[],
  headers: Record<string, string> = {},
): Promise<LightMyRequestResponse> {
  const { body, contentType } = await multipartFiles(files);
  return session.request('POST', `/api/tasks/${taskKey}/attachments`, body, {
    ...headers,
    'content-type': contentType,
  });
}

/** Uploads one file to a task as `session`. */
export function upload(
  session: TestSession,
  taskKey: string,
  fileName: string,
  content: Buffer,
  headers: Record<string, string> = {},
): Promise<LightMyRequestResponse> {
  return uploadFiles(session, taskKey, [{ fileName, content }], headers);
}

/** Returns the smallest file that starts as a PDF does, padded to `size` bytes. */
export function pdfBytes(size = 64): Buffer {
  const head = Buffer.from('%PDF-1.4\n%\u00e2\u00e3\n1 0 obj << >> endobj\n', 'latin1');
  return Buffer.concat([head, Buffer.alloc(Math.max(0, size - head.length), 0x20)]);
}

/** Returns a Windows executable header: the `MZ` stub and a PE signature where it points. */
export function executableBytes(): Buffer {
  const bytes = Buffer.alloc(512, 0);
  bytes.write('MZ', 0, 'latin1');
  bytes.writeUInt32LE(0x80, 0x3c);
  bytes.write('PE\0\0', 0x80, 'latin1');
  return bytes;
}
