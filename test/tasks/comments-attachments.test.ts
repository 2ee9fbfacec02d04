import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseMentions } from '../../src/tasks/task-comments.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import {
  deployCollaborationProcess,
  executableBytes,
  pdfBytes,
  startCollaboration,
  upload,
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

describe('parseMentions', () => {
  it('finds usernames after @', () => {
    expect(parseMentions('@head.vp xem giúp, cc @staff.ttra. Cảm ơn @head.vp')).toEqual([
      'head.vp',
      'staff.ttra',
    ]);
  });

  it('skips e-mail addresses', () => {
    expect(parseMentions('gửi về vanphong@skhcn.gov.vn')).toEqual([]);
  });
});

describe('task comments', () => {
  it('notifies each mentioned user who may open the task', async () => {
    const { app, staff, taskKey, processInstanceKey } = await setUp();

    const posted = await staff.request('POST', `/api/tasks/${taskKey}/comments`, {
      body: 'Nhờ @head.vp duyệt, @director xem, @staff.ttra góp ý; @nobody không có.',
    });

    expect(posted.statusCode, posted.body).toBe(201);
    // staff.ttra is outside the task's group staff-VP, so a mention would lead to a 404.
    expect(posted.json().mentions).toEqual(['head.vp', 'director']);
    const mentions = await app
      .db('notifications')
      .where({ kind: 'mention' })
      .orderBy('recipient_user')
      .select('recipient_user', 'link');
    expect(mentions).toEqual([
      { recipient_user: 'director', link: `#/tasks/${taskKey}` },
      { recipient_user: 'head.vp', link: `#/tasks/${taskKey}` },
    ]);
    const listed = await staff.request('GET', `/api/tasks/${taskKey}/comments`);
    expect(listed.json()).toHaveLength(1);
    expect(listed.json()[0].authorName).not.toBeNull();
    const secretary = await app.login('secretary');
    const onInstance = await secretary.request(
      'GET',
      `/api/process-instances/${processInstanceKey}/comments`,
    );
    expect(onInstance.json().map((comment: { body: string }) => comment.body)).toEqual([
      'Nhờ @head.vp duyệt, @director xem, @staff.ttra góp ý; @nobody không có.',
    ]);
  });

  it('names the mentions that notified nobody', async () => {
    const { staff, taskKey } = await setUp();

    const posted = await staff.request(
      'POST',
      `/api/tasks/${taskKey}/comments`,
      { body: 'Gửi @staff.ttra và @director và @nobody và @staff.vp: đã nhận' },
      { 'accept-language': 'en' },
    );

    expect(posted.statusCode, posted.body).toBe(201);
    expect(posted.json().mentions).toEqual(['director']);
    expect(posted.json().notNotified).toEqual([
      {
        username: 'staff.ttra',
        reason: 'cannotOpenTask',
        message: 'staff.ttra may not open this task, so they were not notified.',
      },
      {
        username: 'nobody',
        reason: 'unknownUser',
        message: "No user 'nobody' exists in the unit, so nobody was notified.",
      },
    ]);
  });

  it('offers mentions of readers only', async () => {
    const { staff, taskKey } = await setUp();

    const people = await staff.request('GET', `/api/tasks/${taskKey}/people`);

    expect(people.statusCode).toBe(200);
    const byName = new Map(
      people
        .json()
        .map((person: { username: string; mayOpen: boolean }) => [person.username, person.mayOpen]),
    );
    expect(byName.get('staff.ttra')).toBe(false);
    expect(byName.get('head.qlkh')).toBe(false);
    expect(byName.get('director')).toBe(true);
    expect(byName.get('head.vp')).toBe(true);
    expect(byName.get('staff.vp')).toBe(true);
  });

  it('finds a mentioned username in any case', async () => {
    const { app, staff, taskKey } = await setUp();
    const colleague = await app.db('users').where({ username: 'staff.vp' }).first();
    const [added] = await app
      .db('users')
      .insert({
        ...colleague,
        id: undefined,
        username: 'Thu.Ha',
        display_name: 'Lê Thu Hà',
        email: null,
      })
      .returning('id');
    const groups = await app.db('memberships').where({ user_id: colleague.id }).pluck('group_id');
    await app
      .db('memberships')
      .insert(groups.map((groupId) => ({ group_id: groupId, user_id: added.id })));

    const posted = await staff.request('POST', `/api/tasks/${taskKey}/comments`, {
      body: 'Nhờ @thu.ha kiểm tra lại số liệu.',
    });

    expect(posted.statusCode, posted.body).toBe(201);
    expect(posted.json().mentions).toEqual(['Thu.Ha']);
    const notified = await app
      .db('notifications')
      .where({ kind: 'mention' })
      .pluck('recipient_user');
    expect(notified).toEqual(['Thu.Ha']);
  });

  it('rejects an empty or too long comment', async () => {
    const { staff, taskKey } = await setUp();

    const empty = await staff.request('POST', `/api/tasks/${taskKey}/comments`, { body: '   ' });
    const long = await staff.request('POST', `/api/tasks/${taskKey}/comments`, {
      body: 'a'.repeat(4001),
    });
    const longest = await staff.request('POST', `/api/tasks/${taskKey}/comments`, {
      body: 'a'.repeat(4000),
    });

    expect(empty.statusCode).toBe(400);
    expect(long.statusCode).toBe(400);
    expect(long.json().details[0].path).toBe('/body');
    expect(longest.statusCode).toBe(201);
  });
});

describe('comments on a closed task', () => {
  it('rejects a comment once the task is completed', async () => {
    const { app, staff, taskKey } = await setUp();
    const completed = await staff.request('POST', `/api/tasks/${taskKey}/complete`, {
      variables: { note: 'xong' },
    });
    expect(completed.statusCode, completed.body).toBe(204);

    const english = await staff.request(
      'POST',
      `/api/tasks/${taskKey}/comments`,
      { body: 'Bổ sung sau khi xong' },
      { 'accept-language': 'en' },
    );
    const vietnamese = await staff.request(
      'POST',
      `/api/tasks/${taskKey}/comments`,
      { body: 'Bổ sung sau khi xong' },
      { 'accept-language': 'vi' },
    );

    expect(english.statusCode).toBe(409);
    expect(english.json().code).toBe('EISO_ERR_TASK_NOT_ACTIVE');
    expect(english.json().message).toBe(
      "Task 'Chuẩn bị hồ sơ' is completed or canceled, so it takes no more comments. " +
        'Comment on an open task of the same case instead.',
    );
    expect(vietnamese.statusCode).toBe(409);
    expect(vietnamese.json().message).toContain('đã kết thúc nên không nhận thêm ý kiến');
    expect(await app.db('task_comments').where({ user_task_key: taskKey })).toEqual([]);
  });
});

describe('comment length', () => {
  it('counts an emoji as one character', async () => {
    const { staff, taskKey } = await setUp();

    const posted = await staff.request('POST', `/api/tasks/${taskKey}/comments`, {
      body: '👍'.repeat(3000),
    });

    expect(posted.statusCode, posted.body).toBe(201);
  });

  it('names the same limit in the schema and the check', async () => {
    const { staff, taskKey } = await setUp();

    const tooLong = await staff.request('POST', `/api/tasks/${taskKey}/comments`, {
      body: 'x'.repeat(9000),
    });
    const tooManyEmoji = await staff.request('POST', `/api/tasks/${taskKey}/comments`, {
      body: '👍'.repeat(4001),
    });

    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.json().details[0].path).toBe('/body');
    expect(tooLong.json().details[0].message).toContain('4000');
    expect(tooManyEmoji.statusCode).toBe(400);
    expect(tooManyEmoji.json().details[0].message).toContain('4000');
  });

  it('counts characters after trimming, in the request language', async () => {
    const { staff, taskKey } = await setUp();
    const english = { 'accept-language': 'en' };

    const blank = await staff.request(
      'POST',
      `/api/tasks/${taskKey}/comments`,
      { body: ' ' },
      { 'accept-language': 'vi' },
    );
    const blankEnglish = await staff.request(
      'POST',
      `/api/tasks/${taskKey}/comments`,
      { body: ' ' },
      english,
    );

    expect(blank.statusCode).toBe(400);
    expect(blank.json().details[0].message).toContain('Ý kiến có 0 ký tự');
    expect(blankEnglish.json().details[0].message).toContain('The comment has 0 characters');
  });
});

describe('task attachments', () => {
  it('downloads the uploaded file unchanged', async () => {
    const { staff, taskKey } = await setUp();
    const content = pdfBytes(3000);

    const uploaded = await upload(staff, taskKey, 'Báo cáo "quý" 4.pdf', content);
    expect(uploaded.statusCode, uploaded.body).toBe(201);
    const [attachment] = uploaded.json();
    expect(uploaded.json()).toHaveLength(1);
    expect(attachment).toMatchObject({
      fileName: 'Báo cáo "quý" 4.pdf',
      mediaType: 'application/pdf',
      sizeBytes: 3000,
      uploadedBy: 'staff.vp',
    });

    const downloaded = await staff.request(
      'GET',
      `/api/tasks/${taskKey}/attachments/${attachment.id}`,
    );
    expect(downloaded.statusCode).toBe(200);
    expect(downloaded.rawPayload.equals(content)).toBe(true);
    expect(downloaded.headers['content-type']).toBe('application/pdf');
    expect(downloaded.headers['x-content-type-options']).toBe('nosniff');
    expect(downloaded.headers['content-disposition']).toBe(
      `attachment; filename="B_o c_o _qu__ 4.pdf"; filename*=UTF-8''B%C3%A1o%20c%C3%A1o%20%22qu%C3%BD%22%204.pdf`,
    );
    const listed = await staff.request('GET', `/api/tasks/${taskKey}/attachments`);
    expect(listed.json().map((entry: { id: string }) => entry.id)).toEqual([attachment.id]);
  });

  it('rejects a renamed executable', async () => {
    const { staff, taskKey, app } = await setUp();

    const response = await upload(staff, taskKey, 'ke-hoach.pdf', executableBytes());

    expect(response.statusCode).toBe(400);
    expect(response.json().message).toContain("File 'ke-hoach.pdf'");
    expect(response.json().message).toContain('application/x-msdownload');
    expect(response.json().message).toContain('pdf, docx, xlsx, pptx, doc, xls, png, jpg, jpeg');
    const [{ count }] = await app.db('task_attachments').count({ count: '*' });
    expect(Number(count)).toBe(0);
  });

  it('adds the extension of a PDF named as an image', async () => {
    const { staff, taskKey } = await setUp();

    const response = await upload(staff, taskKey, 'anh.png', pdfBytes());

    expect(response.statusCode, response.body).toBe(201);
    expect(response.json()[0].fileName).toBe('anh.png.pdf');
    expect(response.json()[0].mediaType).toBe('application/pdf');
  });

  it('removes bidirectional controls from names', async () => {
    const { staff, taskKey } = await setUp();
    const names = [
      'Báo_cáo_\u202egpj.pdf',
      '\u202a\u202b\u202c\u202d\u2066\u2067\u2068\u2069a.pdf',
      'b\u200e\u200f\u061c.pdf',
    ];

    const stored = [];
    for (const name of names) {
      const response = await upload(staff, taskKey, name, pdfBytes());
      expect(response.statusCode, response.body).toBe(201);
      stored.push(response.json()[0].fileName);
    }

    expect(stored).toEqual(['Báo_cáo_gpj.pdf', 'a.pdf', 'b.pdf']);
  });

  it('rejects a name of bidirectional controls only', async () => {
    const { staff, taskKey } = await setUp();

    const response = await upload(staff, taskKey, '\u202e\u2066', pdfBytes());

    expect(response.statusCode).toBe(400);
    expect(response.json().details[0].path).toBe('/file');
  });

  it('rejects a file over the size limit', async () => {
    const { staff, taskKey } = await setUp({ config: { attachmentMaxBytes: 2048 } });

    const fits = await upload(staff, taskKey, 'nho.pdf', pdfBytes(2048));
    const over = await upload(staff, taskKey, 'lon.pdf', pdfBytes(2049));

    expect(fits.statusCode, fits.body).toBe(201);
    expect(over.statusCode).toBe(413);
    expect(over.json().message).toContain("File 'lon.pdf' is larger than the limit of 2048 bytes");
  });

  it('hides attachments from users who cannot see the task', async () => {
    const { staff, taskKey, app } = await setUp();
    const uploaded = await upload(staff, taskKey, 'a.pdf', pdfBytes());
    const outsider = await app.login('staff.ttra');

    const list = await outsider.request('GET', `/api/tasks/${taskKey}/attachments`);
    const file = await outsider.request(
      'GET',
      `/api/tasks/${taskKey}/attachments/${uploaded.json()[0].id}`,
    );
    const added = await upload(outsider, taskKey, 'b.pdf', pdfBytes());

    expect(list.statusCode).toBe(404);
    expect(file.statusCode).toBe(404);
    expect(added.statusCode).toBe(404);
  });

  it('stores files in ATTACHMENT_DIR when set', async () => {
    const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'eiso-attachments-'));
    try {
      const { staff, taskKey, app } = await setUp({ config: { attachmentDir: directory } });
      const content = pdfBytes(500);

      const uploaded = await upload(staff, taskKey, 'a.pdf', content);
      const downloaded = await staff.request(
        'GET',
        `/api/tasks/${taskKey}/attachments/${uploaded.json()[0].id}`,
      );

      const row = await app.db('task_attachments').first('content', 'storage_path');
      expect(row.content).toBeNull();
      expect(fs.readFileSync(path.join(directory, row.storage_path)).equals(content)).toBe(true);
      expect(downloaded.rawPayload.equals(content)).toBe(true);
    } finally {
      fs.rmSync(directory, { recursive: true, force: true });
    }
  });
});

describe('task history', () => {
  it('lists each step with its actor', async () => {
    const { staff, taskKey } = await setUp();
    await staff.request('POST', `/api/tasks/${taskKey}/comments`, { body: 'Đã nhận' });
    await upload(staff, taskKey, 'a.pdf', pdfBytes());
    await staff.request('POST', `/api/tasks/${taskKey}/delegation`, { delegate: 'staff.ttra' });
    const delegate = await testApp!.login('staff.ttra');
    await delegate.request('POST', `/api/tasks/${taskKey}/resolution`, {});
    await staff.request('POST', `/api/tasks/${taskKey}/complete`, { variables: { note: 'xong' } });

    const response = await staff.request('GET', `/api/tasks/${taskKey}/history`);

    expect(response.statusCode, response.body).toBe(200);
    const entries = response.json() as { type: string; actor: string | null; actorName: string }[];
    expect(entries.map((entry) => [entry.type, entry.actor])).toEqual([
      ['USER_TASK_CREATED', null],
      ['USER_TASK_CLAIMED', 'staff.vp'],
      ['USER_TASK_COMMENTED', 'staff.vp'],
      ['USER_TASK_ATTACHMENT_ADDED', 'staff.vp'],
      ['USER_TASK_DELEGATED', 'staff.vp'],
      ['USER_TASK_RESOLVED', 'staff.ttra'],
      ['USER_TASK_COMPLETED', 'staff.vp'],
    ]);
    const staffName = await testApp!
      .db('users')
      .where({ username: 'staff.vp' })
      .first('display_name');
    expect(entries[1].actorName).toBe(staffName.display_name);
  });
});
