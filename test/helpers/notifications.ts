import type { AddressInfo } from 'node:net';
import type { Knex } from 'knex';
import { SMTPServer } from 'smtp-server';
import { createLogger } from '../../src/logger.js';
import { deployResources } from '../../src/runtime/deployer.js';
import type { Runtime } from '../../src/runtime/runtime.js';

/**
 * Returns a model with two user tasks in parallel: one for the staff of the science management division,
 * due at the variable `dueDate`, and one assigned to the variable `assignee`. FEEL `now()` reads
 * the real time, not the test clock, so the due date comes in as a variable.
 */
export function notificationModel(): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="Definitions_NotificationTasks" targetNamespace="http://bpmn.io/schema/bpmn">
  <bpmn:process id="notification-tasks" name="Kiểm tra thông báo" isExecutable="true">
    <bpmn:startEvent id="StartEvent_1" />
    <bpmn:sequenceFlow id="Flow_Split" sourceRef="StartEvent_1" targetRef="Gateway_Split" />
    <bpmn:parallelGateway id="Gateway_Split" />
    <bpmn:sequenceFlow id="Flow_ToGroup" sourceRef="Gateway_Split" targetRef="Task_Group" />
    <bpmn:sequenceFlow id="Flow_ToAssigned" sourceRef="Gateway_Split" targetRef="Task_Assigned" />
    <bpmn:userTask id="Task_Group" name="Rà soát hồ sơ đề tài">
      <bpmn:extensionElements>
        <zeebe:userTask />
        <zeebe:assignmentDefinition candidateGroups="staff-QLKH" />
        <zeebe:taskSchedule dueDate="=dueDate" />
      </bpmn:extensionElements>
    </bpmn:userTask>
    <bpmn:userTask id="Task_Assigned" name="Ký duyệt kết quả">
      <bpmn:extensionElements>
        <zeebe:userTask />
        <zeebe:assignmentDefinition assignee="=assignee" />
      </bpmn:extensionElements>
    </bpmn:userTask>
    <bpmn:sequenceFlow id="Flow_GroupDone" sourceRef="Task_Group" targetRef="Gateway_Join" />
    <bpmn:sequenceFlow id="Flow_AssignedDone" sourceRef="Task_Assigned" targetRef="Gateway_Join" />
    <bpmn:parallelGateway id="Gateway_Join" />
    <bpmn:sequenceFlow id="Flow_End" sourceRef="Gateway_Join" targetRef="EndEvent_1" />
    <bpmn:endEvent id="EndEvent_1" />
  </bpmn:process>
</bpmn:definitions>
`;
}

/** Deploys the notification model for the demo agency and returns the agency's unit id. */
export async function deployNotificationModel(db: Knex): Promise<string> {
  const agency = await db('units').where({ code: 'SKHCN', kind: 'agency' }).first('id');
  const unitId = String(agency.id);
  await deployResources(
    db,
    createLogger('warn'),
    unitId,
    [{ name: 'notification-tasks.bpmn', content: notificationModel() }],
    'test',
  );
  return unitId;
}

/** Starts the notification model and returns the instance key. */
export async function startNotificationTasks(
  runtime: Runtime,
  unitId: string,
  assignee: string,
  dueDate = '2099-01-01T00:00:00Z',
): Promise<string> {
  const instance = await runtime.startInstance({
    unitId,
    bpmnProcessId: 'notification-tasks',
    variables: { assignee, dueDate },
    actor: 'secretary',
  });
  return instance.key;
}

/**
 * Restricts a `notifications` query to the rows that models write through `eiso.notify`, leaving
 * out the task notifications that the service writes itself: `task-new`, `overdue`, and the
 * `escalation` of an overdue task (which links to the task).
 */
export function modelNotifications<Query extends Knex.QueryBuilder>(query: Query): Query {
  query
    .whereNotIn('kind', taskNotificationKinds)
    .whereNot((inner) => inner.where('kind', 'escalation').andWhere('link', 'like', '#/tasks/%'));
  return query;
}

/** Kinds of the notifications that the service writes for user tasks, whatever the model. */
export const taskNotificationKinds = ['task-new', 'overdue'];

/** Returns whether a notification of the API is one that a model wrote through `eiso.notify`. */
export function isModelNotification(item: { kind: string; link?: string | null }): boolean {
  if (taskNotificationKinds.includes(item.kind)) return false;
  return !(item.kind === 'escalation' && item.link?.startsWith('#/tasks/'));
}

/**
 * Marks the demo data's notifications as planned and its open tasks as reported, so a test with a
 * moved clock sees only the notifications and overdue reports it caused itself.
 */
export async function settleDemoNotifications(db: Knex): Promise<void> {
  await db('notifications').whereNull('mail_planned_at').update({ mail_planned_at: db.fn.now() });
  await db('user_tasks')
    .where({ state: 'CREATED' })
    .update({ overdue_notified_at: db.fn.now(), escalated_at: db.fn.now() });
}

/** Gives demo users e-mail addresses, `<username>@skhcn.test`, and a locale. */
export async function setEmails(db: Knex, users: Record<string, 'vi' | 'en'>): Promise<void> {
  for (const [username, locale] of Object.entries(users)) {
    await db('users')
      .where({ username })
      .update({ email: `${username}@skhcn.test`, locale });
  }
}

/** A message as the SMTP server received it, with its MIME parts decoded. */
export interface ReceivedMail {
  to: string[];
  subject: string;
  text: string;
  html: string;
}

function decodeBytes(encoding: string, data: string): Buffer {
  if (/^b$/i.test(encoding) || /^base64$/i.test(encoding))
    return Buffer.from(data.replace(/\s+/g, ''), 'base64');
  if (/^q$/i.test(encoding)) data = data.replace(/_/g, ' ');
  const bytes: number[] = [];
  const source = data.replace(/=\r?\n/g, '');
  for (let i = 0; i < source.length; i++) {
    if (source[i] === '=' && /^[0-9A-Fa-f]{2}$/.test(source.slice(i + 1, i + 3))) {
      bytes.push(parseInt(source.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(...Buffer.from(source[i], 'utf8'));
  }
  return Buffer.from(bytes);
}

// Decodes RFC 2047 encoded words; adjacent words join without the space between them.
function decodeHeader(value: string): string {
  const joined = value.replace(/\?=\s+=\?/g, '?==?');
  const chunks: Buffer[] = [];
  let rest = joined;
  const word = /=\?[^?]+\?([QqBb])\?([^?]*)\?=/;
  for (let match = word.exec(rest); match; match = word.exec(rest)) {
    chunks.push(Buffer.from(rest.slice(0, match.index), 'utf8'));
    chunks.push(decodeBytes(match[1], match[2]));
    rest = rest.slice(match.index + match[0].length);
  }
  chunks.push(Buffer.from(rest, 'utf8'));
  return Buffer.concat(chunks).toString('utf8');
}

function splitEntity(raw: string): { headers: Map<string, string>; body: string } {
  const separator = raw.indexOf('\r\n\r\n');
  const head = raw.slice(0, separator).replace(/\r\n[ \t]+/g, ' ');
  const headers = new Map<string, string>();
  for (const line of head.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.set(line.slice(0, colon).toLowerCase(), line.slice(colon + 1).trim());
  }
  return { headers, body: raw.slice(separator + 4) };
}

function collectParts(raw: string, parts: { type: string; content: string }[]): void {
  const { headers, body } = splitEntity(raw);
  const type = headers.get('content-type') ?? 'text/plain';
  const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
  if (type.startsWith('multipart/') && boundary) {
    const sections = body.split(`--${boundary}`).slice(1, -1);
    for (const section of sections) collectParts(section.replace(/^\r\n/, ''), parts);
    return;
  }
  const encoding = headers.get('content-transfer-encoding') ?? '7bit';
  const content = /^(quoted-printable|base64)$/i.test(encoding)
    ? decodeBytes(encoding, body).toString('utf8')
    : body;
  parts.push({ type: type.split(';')[0].trim().toLowerCase(), content });
}

/** Decodes a message as nodemailer writes it: encoded-word headers, QP or base64 parts. */
export function parseMail(raw: string): ReceivedMail {
  const { headers } = splitEntity(raw);
  const parts: { type: string; content: string }[] = [];
  collectParts(raw, parts);
  return {
    to: (headers.get('to') ?? '')
      .split(',')
      .map((address) => address.replace(/.*<|>.*/g, '').trim()),
    subject: decodeHeader(headers.get('subject') ?? ''),
    text: parts.find((part) => part.type === 'text/plain')?.content ?? '',
    html: parts.find((part) => part.type === 'text/html')?.content ?? '',
  };
}

/** A real SMTP server on loopback that keeps every message it accepts. */
export interface MailSink {
  url: string;
  messages: ReceivedMail[];
  /** Makes the server reject the next `count` messages with a temporary error. */
  rejectNext(count: number): void;
  close(): Promise<void>;
}

/** Starts an SMTP server on 127.0.0.1 and an ephemeral port. */
export async function startMailSink(): Promise<MailSink> {
  const messages: ReceivedMail[] = [];
  let rejections = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      if (rejections > 0) {
        rejections--;
        stream.resume();
        stream.on('end', () => callback(new Error('451 Try again later')));
        return;
      }
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        messages.push(parseMail(Buffer.concat(chunks).toString('utf8')));
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    rejectNext: (count) => (rejections = count),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Returns the messages sent to one address. */
export function messagesTo(sink: MailSink, address: string): ReceivedMail[] {
  return sink.messages.filter((message) => message.to.includes(address));
}
