import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditTrail } from '../../src/history/export-data.js';
import { auditTrailPdf } from '../../src/history/export-pdf.js';
import { plainText, readPdfLines } from '../documents/pdf-text.js';
import {
  completeTask,
  departmentHeads,
  draftedObjectives,
  startQualityObjectives,
} from '../helpers/quality-objectives.js';
import { seedOtherAgency } from '../helpers/registers.js';
import { createTestApp, type TestApp, type TestSession } from '../helpers/test-app.js';

const run = promisify(execFile);
const script = path.resolve(import.meta.dirname, '../../scripts/verify-audit-trail.mjs');

let current: TestApp & { drop: () => Promise<void> };
let secretary: TestSession;
let key: string;
let trail: AuditTrail;
let folder: string;

/** Runs the verification script on `content` written to a file, as an auditor would. */
async function verify(content: unknown): Promise<{ code: number; output: string }> {
  const file = path.join(folder, `trail-${Math.random().toString(36).slice(2)}.json`);
  await writeFile(file, JSON.stringify(content));
  try {
    const { stdout } = await run(process.execPath, [script, file]);
    return { code: 0, output: stdout };
  } catch (error) {
    const failure = error as { code: number; stdout: string; stderr: string };
    return { code: failure.code, output: failure.stdout + failure.stderr };
  }
}

function copy(): AuditTrail {
  return structuredClone(trail);
}

beforeAll(async () => {
  folder = await mkdtemp(path.join(os.tmpdir(), 'eiso-audit-'));
  current = await createTestApp();
  secretary = await current.login('secretary');
  const director = await current.login('director');
  key = await startQualityObjectives(secretary);
  await completeTask(secretary, 'Task_DraftObjectives', { objectives: draftedObjectives });
  await completeTask(director, 'Task_ReviewObjectives', {
    decision: 'return',
    comment: 'Bổ sung chỉ tiêu về thời gian',
  });
  await completeTask(secretary, 'Task_DraftObjectives', { objectives: draftedObjectives });
  await completeTask(director, 'Task_ReviewObjectives', { decision: 'approve' });
  await completeTask(secretary, 'Task_Disseminate', {
    disseminationNote: 'Đã gửi công văn',
    disseminatedOn: '2027-01-20',
  });
  for (const head of departmentHeads) {
    await completeTask(await current.login(head), 'Task_Acknowledge', { acknowledged: true });
  }
  const response = await secretary.request('GET', `/api/process-instances/${key}/audit-trail.json`);
  expect(response.statusCode, response.body).toBe(200);
  trail = response.json() as AuditTrail;
});

afterAll(async () => {
  await current?.drop();
  if (folder) await rm(folder, { recursive: true, force: true });
});

describe('audit trail JSON export', () => {
  it('contains every event with its hashes', async () => {
    const stored = await current.db('history_events').where({ process_instance_key: key });

    expect(trail.instance).toMatchObject({ key, state: 'COMPLETED' });
    expect(trail.events).toHaveLength(stored.length);
    expect(trail.events.map((event) => event.position)).toEqual(
      stored.map((_, index) => index + 1),
    );
    expect(trail.events[0]).toMatchObject({
      processInstanceKey: key,
      position: 1,
      previousHash: '0'.repeat(64),
    });
    expect(trail.verification).toMatchObject({ valid: true, firstInvalidPosition: null });
    expect(trail.verification.headHash).toBe(trail.events.at(-1)?.hash);
    expect(trail.format.version).toBe('eiso-history-chain/1');
    expect(trail.format.description).toContain('JSON.stringify');
  });

  it('names the model version by checksum', async () => {
    const definition = await current
      .db('process_definitions')
      .where({ key: trail.processDefinition.key })
      .first();

    expect(trail.processDefinition.checksum).toBe(definition.checksum);
    expect(createHash('sha256').update(trail.processDefinition.xml).digest('hex')).toBe(
      trail.processDefinition.checksum,
    );
    expect(trail.elementNames.Task_ReviewObjectives).toBe('Phê duyệt mục tiêu chất lượng');
  });

  it('lists approvals with the signer', () => {
    expect(trail.approvals.map((approval) => approval.decision)).toEqual(['return', 'approve']);
    expect(trail.approvals[1]).toMatchObject({ actor: 'director', actorName: 'Trần Văn Minh' });
    const position = trail.approvals[1].historyPosition;
    expect(position).not.toBeNull();
    expect(trail.events[(position ?? 0) - 1]).toMatchObject({
      type: 'USER_TASK_COMPLETED',
      actor: 'director',
    });
  });

  it("hides another unit's instance", async () => {
    await seedOtherAgency(current.db);
    const outsider = await current.login('secretary.hl');

    const responses = await Promise.all(
      ['json', 'csv', 'pdf'].map((format) =>
        outsider.request('GET', `/api/process-instances/${key}/audit-trail.${format}`),
      ),
    );

    expect(responses.map((response) => response.statusCode)).toEqual([404, 404, 404]);
  });

  it('rejects an unknown language', async () => {
    const response = await secretary.request(
      'GET',
      `/api/process-instances/${key}/audit-trail.csv?lang=fr`,
    );

    expect(response.statusCode).toBe(400);
  });
});

describe('verification script', () => {
  it('verifies an untouched export', async () => {
    const result = await verify(trail);

    expect(result.code, result.output).toBe(0);
    expect(result.output).toContain('Hash chain: VALID');
    expect(result.output).toContain('Model XML checksum: valid');
    // The summary sections repeat the events and are not hashed, and the script prints that.
    expect(result.output).toContain('approvals repeat the events for reading and are not covered');
  });

  it('names an event whose data was edited', async () => {
    const edited = copy();
    const approval = edited.events.find(
      (event) => event.type === 'USER_TASK_COMPLETED' && event.actor === 'director',
    )!;
    (approval.data.variables as Record<string, unknown>).decision = 'approve';

    const result = await verify(edited);

    expect(result.code).toBe(1);
    expect(result.output).toContain(`First bad event: position ${approval.position}.`);
    expect(result.output).toContain('was changed');
  });

  it('names a deleted event', async () => {
    const shortened = copy();
    const [removed] = shortened.events.splice(9, 1);

    const result = await verify(shortened);

    expect(result.code).toBe(1);
    expect(result.output).toContain(`First bad event: position ${removed.position}.`);
    expect(result.output).toContain('is missing');
  });

  it('names swapped events', async () => {
    const swapped = copy();
    const [first, second] = [swapped.events[4], swapped.events[5]];
    swapped.events[4] = second;
    swapped.events[5] = first;

    const result = await verify(swapped);

    expect(result.code).toBe(1);
    expect(result.output).toContain(`First bad event: position ${second.position}.`);
    expect(result.output).toContain(`position ${first.position} belongs here`);
  });

  it('names an event removed from the end', async () => {
    const truncated = copy();
    truncated.events.pop();

    const result = await verify(truncated);

    expect(result.code).toBe(1);
    expect(result.output).toContain(`First bad event: position ${trail.events.length}.`);
  });

  it('detects a changed model', async () => {
    const changed = copy();
    changed.processDefinition.xml = changed.processDefinition.xml.replace('Quyết định?', 'Đồng ý?');

    const result = await verify(changed);

    expect(result.code).toBe(1);
    expect(result.output).toContain('Model XML checksum: INVALID');
  });
});

describe('audit trail CSV export', () => {
  it('writes one row per event with a BOM', async () => {
    const response = await secretary.request(
      'GET',
      `/api/process-instances/${key}/audit-trail.csv`,
    );
    const bytes = response.rawPayload;
    const text = bytes.subarray(3).toString('utf8');
    const lines = text.trimEnd().split('\r\n');

    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toContain(`audit-trail-${key}.csv`);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(lines).toHaveLength(trail.events.length + 1);
    expect(lines[0]).toContain('"Thời gian (giờ Việt Nam)"');
    const approval = lines.find((line) => line.includes('"Trần Văn Minh"'));
    expect(approval).toContain('"Hoàn thành công việc"');
    expect(approval).toContain('"Phê duyệt mục tiêu chất lượng"');
    expect(lines.at(-1)).toContain(trail.events.at(-1)!.hash);
  });

  it('labels unnamed flows and gateways', async () => {
    const response = await secretary.request(
      'GET',
      `/api/process-instances/${key}/audit-trail.csv`,
    );
    const lines = response.rawPayload.subarray(3).toString('utf8').trimEnd().split('\r\n');
    // Element and element id are the 7th and 8th fields, before any free text.
    const rows = lines.map((line) => line.slice(1).split('","'));
    const rowOf = (elementId: string) => rows.find((row) => row[7] === elementId);

    expect(rows[0][7]).toBe('Mã bước trong mô hình');
    expect(rowOf('Gateway_JoinDraftObjectives')?.[6]).toBe(
      'Cổng rẽ nhánh trước «Soạn thảo mục tiêu chất lượng»',
    );
    expect(rowOf('Flow_StartToDraft')?.[6]).toBe(
      'Luồng từ «Bắt đầu xây dựng mục tiêu chất lượng» đến «Cổng rẽ nhánh»',
    );
    for (const row of rows.slice(1)) expect(row[6]).not.toMatch(/^(Flow|Gateway)_/);
  });

  it('writes Vietnam time beside ISO time', async () => {
    const response = await secretary.request(
      'GET',
      `/api/process-instances/${key}/audit-trail.csv`,
    );
    const first = response.rawPayload.subarray(3).toString('utf8').split('\r\n')[1];
    const iso = trail.events[0].createdAt;
    const local = new Date(Date.parse(iso) + 7 * 3_600_000).toISOString();
    const expected = `${local.slice(8, 10)}/${local.slice(5, 7)}/${local.slice(0, 4)} ${local.slice(11, 19)}`;

    expect(first).toContain(`"${expected}","${iso}"`);
  });

  it('speaks English on request', async () => {
    const response = await secretary.request(
      'GET',
      `/api/process-instances/${key}/audit-trail.csv?lang=en`,
    );
    const text = response.rawPayload.toString('utf8');

    expect(text).toContain('"Time (Vietnam)"');
    expect(text).toContain('"Task completed"');
    expect(text).toContain('"Exclusive gateway before «Soạn thảo mục tiêu chất lượng»"');
  });
});

describe('form data in the CSV and PDF', () => {
  /** Returns the CSV rows of completed user tasks, as text. */
  async function completionRows(language: 'vi' | 'en'): Promise<string[]> {
    const response = await secretary.request(
      'GET',
      `/api/process-instances/${key}/audit-trail.csv?lang=${language}`,
    );
    expect(response.statusCode).toBe(200);
    const completed = language === 'vi' ? '"Hoàn thành công việc"' : '"Task completed"';
    return response.rawPayload
      .subarray(3)
      .toString('utf8')
      .split('\r\n')
      .filter((line) => line.includes(completed));
  }

  async function pdfText(language: 'vi' | 'en'): Promise<string> {
    const response = await secretary.request(
      'GET',
      `/api/process-instances/${key}/audit-trail.pdf?lang=${language}`,
    );
    expect(response.statusCode).toBe(200);
    return plainText(await readPdfLines(response.rawPayload));
  }

  it('labels fields and options in Vietnamese', async () => {
    const rows = await completionRows('vi');

    const draft = rows.find((row) => row.includes('Danh sách mục tiêu chất lượng: 2 mục'));
    expect(draft).toContain('1) Tên mục tiêu: Giải quyết hồ sơ đúng hạn');
    // A dynamic option: the label from `departmentOptions` when the task was completed.
    expect(draft).toContain('Đơn vị chủ trì: Văn phòng Sở');
    // The first objective fills the data column, which is cut at 400 characters.
    expect(draft).toContain('; 2) Tên mục…"');
    const review = rows.find((row) => row.includes('"Trần Văn Minh"'));
    expect(review).toContain('Quyết định: Trả lại để chỉnh sửa; Ý kiến: Bổ sung chỉ tiêu');
    expect(rows.some((row) => row.includes('Quyết định: Phê duyệt'))).toBe(true);
    expect(rows.some((row) => row.includes('Hình thức phổ biến: Đã gửi công văn'))).toBe(true);
    expect(rows.some((row) => row.includes('sẽ triển khai các mục tiêu chất lượng: Có'))).toBe(
      true,
    );
  });

  it('labels fields and options in English', async () => {
    const rows = await completionRows('en');

    const draft = rows.find((row) => row.includes('Quality objectives: 2 items'));
    expect(draft).toContain('1) Objective: Giải quyết hồ sơ đúng hạn');
    expect(draft).toContain('Owner department: Văn phòng Sở');
    expect(rows.some((row) => row.includes('Decision: Return for changes'))).toBe(true);
    expect(rows.some((row) => row.includes('Decision: Approve'))).toBe(true);
  });

  it('leaves no raw pair of a known field', async () => {
    const rows = [...(await completionRows('vi')), ...(await completionRows('en'))];

    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      expect(row).not.toMatch(
        /(objectives|ownerDepartment|decision|comment|disseminationNote|acknowledged)=/,
      );
      expect(row).not.toContain('"VP"');
    }
  });

  it('keeps the raw data in the JSON export', () => {
    const draft = trail.events.find(
      (event) => event.type === 'USER_TASK_COMPLETED' && event.elementId === 'Task_DraftObjectives',
    );

    expect(draft?.data.variables).toEqual({ objectives: draftedObjectives });
  });

  it('shows labels in the PDF timeline', async () => {
    const vietnamese = await pdfText('vi');
    const english = await pdfText('en');

    // Event, step and data columns share the row's first line.
    expect(vietnamese).toContain(
      'Hoàn thành công việc Phê duyệt mục tiêu chất lượng Quyết định: Trả lại để chỉnh sửa',
    );
    expect(vietnamese).toContain(
      'Hoàn thành công việc Soạn thảo mục tiêu chất lượng Danh sách mục tiêu chất lượng: 2 mục',
    );
    expect(vietnamese).toContain('Đơn vị chủ trì: Văn phòng Sở');
    expect(english).toContain('Task completed Phê duyệt mục tiêu chất lượng Decision: Return');
    expect(english).toContain('Quality objectives: 2 items');
    expect(english).toContain('Owner department: Văn phòng Sở');
  });
});

describe('audit trail PDF export', () => {
  it('shows facts, diagram, approvals and timeline', async () => {
    const response = await secretary.request(
      'GET',
      `/api/process-instances/${key}/audit-trail.pdf`,
    );

    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    const text = plainText(await readPdfLines(response.rawPayload));
    expect(text).toContain('Hồ sơ kiểm tra vết');
    expect(text).toContain('Xây dựng và phổ biến mục tiêu chất lượng');
    expect(text).toContain(trail.processDefinition.checksum);
    expect(text).toContain(`Hợp lệ: ${trail.events.length} sự kiện`);
    // The diagram's labels, drawn from the model's BPMNDI.
    expect(text).toContain('Quyết định?');
    expect(text).toContain('Trả lại để sửa, chưa phê duyệt');
    expect(text).toContain('Bổ sung chỉ tiêu về thời gian');
    expect(text).toContain('Trần Văn Minh (director)');
    expect(text).toContain('Hoàn thành tác vụ tự động');
    expect(text).toContain('Cổng rẽ nhánh trước «Soạn thảo');
    expect(text).toContain('Luồng từ «Cổng rẽ nhánh» đến');
    expect(text).not.toContain('Gateway_JoinDraftObjectives');
    expect(text).not.toContain('Flow_StartToDraft');
  });

  it('names the exporter by full name', async () => {
    const auditor = await current.login('auditor');

    const response = await auditor.request('GET', `/api/process-instances/${key}/audit-trail.pdf`);

    expect(response.statusCode, response.body).toBe(200);
    const text = plainText(await readPdfLines(response.rawPayload));
    expect(text).toContain('Người xuất Lương Thị Thanh Bình (auditor)');
  });

  it('names the first bad event of a broken chain', async () => {
    const broken = copy();
    broken.verification = { ...broken.verification, valid: false, firstInvalidPosition: 7 };

    const noForms = { refs: new Map(), byRef: {} };

    const text = plainText(await readPdfLines(await auditTrailPdf(broken, 'en', noForms)));

    expect(text).toContain('NOT valid: event no. 7 is the first');
  });
});

describe('audit trail of a canceled instance', () => {
  let canceledKey = '';

  beforeAll(async () => {
    const director = await current.login('director');
    canceledKey = await startQualityObjectives(secretary, 2028);
    const response = await director.request(
      'POST',
      `/v2/process-instances/${canceledKey}/cancellation`,
    );
    expect(response.statusCode, response.body).toBe(204);
  });

  it('names the state as the pages do', async () => {
    const vietnamese = await secretary.request(
      'GET',
      `/api/process-instances/${canceledKey}/audit-trail.pdf`,
    );
    const english = await secretary.request(
      'GET',
      `/api/process-instances/${canceledKey}/audit-trail.pdf?lang=en`,
    );

    expect(plainText(await readPdfLines(vietnamese.rawPayload))).toContain('Trạng thái Đã hủy');
    expect(plainText(await readPdfLines(english.rawPayload))).toContain('State Canceled');
  });

  it('names the cancellation event in words', async () => {
    const response = await secretary.request(
      'GET',
      `/api/process-instances/${canceledKey}/audit-trail.csv?lang=en`,
    );
    const text = response.rawPayload.toString('utf8');

    expect(text).toContain('"Procedure canceled"');
    expect(text).not.toContain('"PROCESS_INSTANCE_CANCELED"');
  });
});

describe('instance detail', () => {
  it('names the people of the history', async () => {
    const response = await secretary.request('GET', `/api/process-instances/${key}`);
    const instance = response.json() as {
      startedBy: string;
      startedByName: string | null;
      people: Record<string, string>;
    };

    expect(response.statusCode).toBe(200);
    expect(instance.startedBy).toBe('secretary');
    expect(instance.startedByName).toBe('Nguyễn Thu Hà');
    expect(instance.people.director).toBe('Trần Văn Minh');
    expect(instance.people['head.vp']).toBe('Phạm Quốc Huy');
  });
});
