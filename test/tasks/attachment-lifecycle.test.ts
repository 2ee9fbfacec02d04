import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readHistory, verifyChain } from '../../src/history/history-log.js';
import { createTestApp, type TestApp, type TestSession } from '../helpers/test-app.js';
import {
  deployCollaborationProcess,
  executableBytes,
  pdfBytes,
  startCollaboration,
  upload,
  uploadFiles,
} from './collaboration-fixtures.js';

let testApp: (TestApp & { drop: () => Promise<void> }) | undefined;

afterEach(async () => {
  await testApp?.drop();
  testApp = undefined;
});

async function setUp(config: Parameters<typeof createTestApp>[0] = {}) {
  testApp = await createTestApp(config);
  await deployCollaborationProcess(testApp.app);
  const started = await startCollaboration(testApp.app);
  const staff = await testApp.login('staff.vp');
  const claimed = await staff.request('POST', `/api/tasks/${started.taskKey}/claim`);
  expect(claimed.statusCode, claimed.body).toBe(200);
  return { ...started, app: testApp, staff };
}

/** A 1 x 1 PNG image. */
const pngBytes = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

/** Returns the header of an OLE compound file, the container of Word and Excel 97-2003 files. */
function compoundFileBytes(): Buffer {
  const bytes = Buffer.alloc(1024, 0);
  Buffer.from('d0cf11e0a1b11ae1', 'hex').copy(bytes);
  return bytes;
}

async function uploadOne(session: TestSession, taskKey: string, fileName: string, content: Buffer) {
  const response = await upload(session, taskKey, fileName, content);
  expect(response.statusCode, response.body).toBe(201);
  return response.json()[0] as { id: string; fileName: string; mediaType: string };
}

async function attachmentCount(app: TestApp): Promise<number> {
  const [{ count }] = await app.db('task_attachments').count({ count: '*' });
  return Number(count);
}

async function taskEvents(app: TestApp, processInstanceKey: string, type: string) {
  const events = await readHistory(app.db, processInstanceKey);
  return events.filter((event) => event.type === type);
}

describe('attachment deletion', () => {
  it('removes the file and records who deleted it', async () => {
    const { app, staff, taskKey, processInstanceKey } = await setUp();
    const remaining = await uploadOne(staff, taskKey, 'giu-lai.pdf', pdfBytes());
    const removed = await uploadOne(staff, taskKey, 'nham.pdf', pdfBytes(100));

    const response = await staff.request(
      'DELETE',
      `/api/tasks/${taskKey}/attachments/${removed.id}`,
    );

    expect(response.statusCode, response.body).toBe(204);
    const listed = await staff.request('GET', `/api/tasks/${taskKey}/attachments`);
    expect(listed.json().map((entry: { id: string }) => entry.id)).toEqual([remaining.id]);
    expect(await app.db('task_attachments').where({ id: removed.id }).first()).toBeUndefined();
    const download = await staff.request('GET', `/api/tasks/${taskKey}/attachments/${removed.id}`);
    expect(download.statusCode).toBe(404);

    const [deletion] = await taskEvents(app, processInstanceKey, 'USER_TASK_ATTACHMENT_DELETED');
    expect(deletion.actor).toBe('staff.vp');
    expect(deletion.data).toMatchObject({
      userTaskKey: taskKey,
      attachmentId: removed.id,
      fileName: 'nham.pdf',
      sizeBytes: 100,
      uploadedBy: 'staff.vp',
    });
    expect(await taskEvents(app, processInstanceKey, 'USER_TASK_ATTACHMENT_ADDED')).toHaveLength(2);
    expect(verifyChain(await readHistory(app.db, processInstanceKey)).valid).toBe(true);

    const history = await staff.request('GET', `/api/tasks/${taskKey}/history`);
    const types = history.json().map((entry: { type: string }) => entry.type);
    expect(types.at(-1)).toBe('USER_TASK_ATTACHMENT_DELETED');
  });

  it('removes the file from ATTACHMENT_DIR', async () => {
    const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'eiso-attachments-'));
    try {
      const { app, staff, taskKey } = await setUp({ config: { attachmentDir: directory } });
      const attachment = await uploadOne(staff, taskKey, 'a.pdf', pdfBytes(500));
      const row = await app.db('task_attachments').where({ id: attachment.id }).first();
      const stored = path.join(directory, row.storage_path);
      expect(fs.existsSync(stored)).toBe(true);

      const response = await staff.request(
        'DELETE',
        `/api/tasks/${taskKey}/attachments/${attachment.id}`,
      );

      expect(response.statusCode, response.body).toBe(204);
      expect(fs.existsSync(stored)).toBe(false);
    } finally {
      fs.rmSync(directory, { recursive: true, force: true });
    }
  });

  it('lets the group head and a leader delete', async () => {
    const { app, staff, taskKey } = await setUp();
    const first = await uploadOne(staff, taskKey, 'a.pdf', pdfBytes());
    const second = await uploadOne(staff, taskKey, 'b.pdf', pdfBytes());
    const head = await app.login('head.vp');
    const director = await app.login('director');

    const byHead = await head.request('DELETE', `/api/tasks/${taskKey}/attachments/${first.id}`);
    const byLeader = await director.request(
      'DELETE',
      `/api/tasks/${taskKey}/attachments/${second.id}`,
    );

    expect(byHead.statusCode, byHead.body).toBe(204);
    expect(byLeader.statusCode, byLeader.body).toBe(204);
    expect(await attachmentCount(app)).toBe(0);
  });

  it('forbids other users', async () => {
    const { app, staff, taskKey } = await setUp();
    const attachment = await uploadOne(staff, taskKey, 'a.pdf', pdfBytes());
    // The secretary is a member of staff-VP too, so she may open the task, but she did not upload the file.
    const colleague = await app.login('secretary');
    const outsider = await app.login('staff.ttra');

    const byColleague = await colleague.request(
      'DELETE',
      `/api/tasks/${taskKey}/attachments/${attachment.id}`,
    );
    const byOutsider = await outsider.request(
      'DELETE',
      `/api/tasks/${taskKey}/attachments/${attachment.id}`,
    );
    const missing = await staff.request('DELETE', `/api/tasks/${taskKey}/attachments/999999`);

    expect(byColleague.statusCode).toBe(403);
    expect(byColleague.json().message).toContain("Only the user who attached 'a.pdf' (staff.vp)");
    expect(byOutsider.statusCode).toBe(404);
    expect(missing.statusCode).toBe(404);
    expect(await attachmentCount(app)).toBe(1);
  });

  it('keeps attachments of a closed task', async () => {
    const { app, staff, taskKey, processInstanceKey } = await setUp();
    const attachment = await uploadOne(staff, taskKey, 'a.pdf', pdfBytes());
    const completed = await staff.request('POST', `/api/tasks/${taskKey}/complete`, {
      variables: { note: 'xong' },
    });
    expect(completed.statusCode, completed.body).toBe(204);

    const response = await staff.request(
      'DELETE',
      `/api/tasks/${taskKey}/attachments/${attachment.id}`,
    );
    const vietnamese = await staff.request(
      'DELETE',
      `/api/tasks/${taskKey}/attachments/${attachment.id}`,
      undefined,
      { 'accept-language': 'vi' },
    );

    expect(response.statusCode).toBe(409);
    expect(response.json().code).toBe('EISO_ERR_TASK_NOT_ACTIVE');
    expect(response.json().message).toBe(
      `User task ${taskKey} is closed, so 'a.pdf' is part of its record and cannot be deleted.`,
    );
    expect(vietnamese.json().message).toBe(
      `Công việc ${taskKey} đã kết thúc nên tệp 'a.pdf' là một phần của hồ sơ và không xóa được.`,
    );
    expect(await attachmentCount(app)).toBe(1);
    expect(await taskEvents(app, processInstanceKey, 'USER_TASK_ATTACHMENT_DELETED')).toEqual([]);
  });
});

describe('attachment types', () => {
  it('adds the extension of a PDF without one', async () => {
    const { staff, taskKey } = await setUp();

    const attachment = await uploadOne(staff, taskKey, 'bao-cao-quy', pdfBytes());

    expect(attachment.fileName).toBe('bao-cao-quy.pdf');
    expect(attachment.mediaType).toBe('application/pdf');
  });

  it('adds the extension of an image named as a PDF', async () => {
    const { staff, taskKey } = await setUp();

    const attachment = await uploadOne(staff, taskKey, 'scan.pdf', pngBytes);

    expect(attachment.fileName).toBe('scan.pdf.png');
    expect(attachment.mediaType).toBe('image/png');
  });

  it('keeps a name whose extension agrees', async () => {
    const { staff, taskKey } = await setUp();

    const attachment = await uploadOne(staff, taskKey, 'Ảnh chụp.PNG', pngBytes);

    expect(attachment.fileName).toBe('Ảnh chụp.PNG');
  });

  it('names both sides of a program named as a PDF', async () => {
    const { staff, taskKey } = await setUp();

    const english = await upload(staff, taskKey, 'ke-hoach.pdf', executableBytes());
    const vietnamese = await upload(staff, taskKey, 'ke-hoach.pdf', executableBytes(), {
      'accept-language': 'vi-VN,vi;q=0.9',
    });

    expect(english.statusCode).toBe(400);
    expect(english.json().message).toBe(
      "File 'ke-hoach.pdf': the name says a PDF document (.pdf), but the content is a Windows program (application/x-msdownload). Programs cannot be attached; attach a PDF, Office document or image: pdf, docx, xlsx, pptx, doc, xls, png, jpg, jpeg.",
    );
    expect(english.json().details).toEqual([{ path: '/file', message: english.json().message }]);
    expect(vietnamese.statusCode).toBe(400);
    expect(vietnamese.json().message).toContain(
      "Tệp 'ke-hoach.pdf': tên tệp cho biết đây là tài liệu PDF (.pdf), còn nội dung là chương trình chạy trên Windows (application/x-msdownload).",
    );
  });

  it('rejects a program without an extension', async () => {
    const { staff, taskKey } = await setUp();

    const response = await upload(staff, taskKey, 'setup', executableBytes());

    expect(response.statusCode).toBe(400);
    expect(response.json().message).toContain(
      "File 'setup': the name has no extension, but the content is a Windows program",
    );
  });

  it('rejects a PDF named as a program', async () => {
    const { app, staff, taskKey } = await setUp();

    const response = await upload(staff, taskKey, 'hop-dong.exe', pdfBytes());

    expect(response.statusCode).toBe(400);
    expect(response.json().message).toBe(
      "File 'hop-dong.exe': the name says a program (.exe), but the content is a PDF document (application/pdf). A file named as a program is not accepted; rename it to end in .pdf.",
    );
    expect(await attachmentCount(app)).toBe(0);
  });

  it('asks which Office 97-2003 type an unnamed file is', async () => {
    const { staff, taskKey } = await setUp();

    const unnamed = await upload(staff, taskKey, 'bang-tinh', compoundFileBytes());
    const named = await upload(staff, taskKey, 'bang-tinh.xls', compoundFileBytes());

    expect(unnamed.statusCode).toBe(400);
    expect(unnamed.json().message).toContain('name it with .doc for a Word document or .xls');
    expect(named.statusCode, named.body).toBe(201);
    expect(named.json()[0].mediaType).toBe('application/vnd.ms-excel');
  });

  it('rejects text named as a PDF', async () => {
    const { staff, taskKey } = await setUp();

    const response = await upload(staff, taskKey, 'ghi-chu.pdf', Buffer.from('Ghi chú cuộc họp'));

    expect(response.statusCode).toBe(400);
    expect(response.json().message).toContain(
      "File 'ghi-chu.pdf': the name says a PDF document (.pdf), but the content is of an unknown type, which is not allowed",
    );
  });
});

describe('uploads of several files', () => {
  it('stores every file of one request', async () => {
    const { app, staff, taskKey, processInstanceKey } = await setUp();

    const response = await uploadFiles(staff, taskKey, [
      { fileName: 'to-trinh.pdf', content: pdfBytes(300) },
      { fileName: 'so-do.png', content: pngBytes },
      { fileName: 'phu-luc', content: pdfBytes(400) },
    ]);

    expect(response.statusCode, response.body).toBe(201);
    const added = response.json() as { id: string; fileName: string; sizeBytes: number }[];
    expect(added.map((entry) => entry.fileName)).toEqual([
      'to-trinh.pdf',
      'so-do.png',
      'phu-luc.pdf',
    ]);
    expect(added.map((entry) => entry.sizeBytes)).toEqual([300, pngBytes.length, 400]);
    const listed = await staff.request('GET', `/api/tasks/${taskKey}/attachments`);
    expect(listed.json().map((entry: { id: string }) => entry.id)).toEqual(
      added.map((entry) => entry.id),
    );
    expect(await taskEvents(app, processInstanceKey, 'USER_TASK_ATTACHMENT_ADDED')).toHaveLength(3);
  });

  it('stores none when one file fails', async () => {
    const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'eiso-attachments-'));
    try {
      const { app, staff, taskKey, processInstanceKey } = await setUp({
        config: { attachmentDir: directory },
      });

      const response = await uploadFiles(staff, taskKey, [
        { fileName: 'to-trinh.pdf', content: pdfBytes() },
        { fileName: 'cai-dat.pdf', content: executableBytes() },
        { fileName: 'so-do.png', content: pngBytes },
      ]);

      expect(response.statusCode).toBe(400);
      expect(response.json().message).toContain("File 'cai-dat.pdf'");
      expect(await attachmentCount(app)).toBe(0);
      expect(await taskEvents(app, processInstanceKey, 'USER_TASK_ATTACHMENT_ADDED')).toEqual([]);
      expect(fs.readdirSync(directory, { recursive: true })).toEqual([]);
    } finally {
      fs.rmSync(directory, { recursive: true, force: true });
    }
  });

  it('names the file over the size limit', async () => {
    const { app, staff, taskKey } = await setUp({ config: { attachmentMaxBytes: 2048 } });

    const response = await uploadFiles(staff, taskKey, [
      { fileName: 'nho.pdf', content: pdfBytes(1000) },
      { fileName: 'lon.pdf', content: pdfBytes(4000) },
    ]);

    expect(response.statusCode).toBe(413);
    expect(response.json().message).toContain("File 'lon.pdf' is larger than the limit");
    expect(await attachmentCount(app)).toBe(0);
  });

  it('rejects more than ten files', async () => {
    const { app, staff, taskKey } = await setUp();
    const files = Array.from({ length: 11 }, (_, index) => ({
      fileName: `tep-${index + 1}.pdf`,
      content: pdfBytes(),
    }));

    const response = await uploadFiles(staff, taskKey, files);

    expect(response.statusCode).toBe(400);
    expect(response.json().message).toBe(
      'The request has more than 10 files; upload at most 10 files at once.',
    );
    expect(await attachmentCount(app)).toBe(0);
  });

  it('rejects a file in another field', async () => {
    const { staff, taskKey } = await setUp();

    const response = await uploadFiles(staff, taskKey, [
      { fileName: 'a.pdf', content: pdfBytes(), field: 'document' },
    ]);

    expect(response.statusCode).toBe(400);
    expect(response.json().message).toContain('unexpected field document');
  });
});

describe('attachment limits', () => {
  it('returns the configured limits', async () => {
    const { app, staff } = await setUp({ config: { attachmentMaxBytes: 5 * 1_048_576 } });

    const response = await staff.request('GET', '/api/attachment-limits');
    const anonymous = await app.app.inject({ method: 'GET', url: '/api/attachment-limits' });

    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      maxBytes: 5 * 1_048_576,
      maxFiles: 10,
      extensions: ['pdf', 'docx', 'xlsx', 'pptx', 'doc', 'xls', 'png', 'jpg', 'jpeg'],
    });
    expect(anonymous.statusCode).toBe(401);
  });
});
