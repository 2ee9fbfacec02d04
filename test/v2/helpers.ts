import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { connectDatabase } from '../../src/db/connect.js';

export const password = 'demo-password-1';

/** An app on its own database: in-memory PGlite, or a schema of its own on DATABASE_URL. */
export interface TestApp {
  app: FastifyInstance;
  close(): Promise<void>;
}

export async function startApp(): Promise<TestApp> {
  const databaseUrl = process.env.DATABASE_URL;
  const config = {
    ...loadConfig({}),
    dataDir: 'memory://',
    databaseUrl,
    demoPassword: password,
    logLevel: 'warn',
  };
  if (!databaseUrl) {
    const app = await buildApp({ config, startScheduler: false });
    return { app, close: () => app.close() };
  }

  const schema = `test_v2_${randomUUID().replaceAll('-', '')}`;
  const db = connectDatabase({ databaseUrl, schema });
  const dropSchema = async () => {
    await db.raw('drop schema if exists ?? cascade', [schema]);
    await db.destroy();
  };
  try {
    const app = await buildApp({ config, db, startScheduler: false });
    const close = async () => {
      await app.close();
      await dropSchema();
    };
    return { app, close };
  } catch (error) {
    await dropSchema();
    throw error;
  }
}

export function basicAuth(username: string, secret = password): string {
  return `Basic ${Buffer.from(`${username}:${secret}`).toString('base64')}`;
}

/** Sends a request to the app as `username`, with HTTP Basic credentials. */
export function callAs(
  app: FastifyInstance,
  username: string,
  method: InjectOptions['method'],
  url: string,
  payload?: InjectOptions['payload'],
): Promise<LightMyRequestResponse> {
  return app.inject({ method, url, payload, headers: { authorization: basicAuth(username) } });
}

/** Encodes files as the multipart body of Camunda's deployment, in the field `resources`. */
export async function multipartResources(
  files: { name: string; content: string }[],
): Promise<{ body: Buffer; contentType: string }> {
  const form = new FormData();
  for (const file of files) form.append('resources', new Blob([file.content]), file.name);
  const encoded = new Response(form);
  return {
    body: Buffer.from(await encoded.arrayBuffer()),
    contentType: encoded.headers.get('content-type') ?? '',
  };
}

const root = path.resolve(import.meta.dirname, '../..');

/** Reads the bundled quality-objectives model and forms as files to deploy. */
export function bundledFiles(): { name: string; path: string; content: string }[] {
  const list = (dir: string, extension: string) =>
    fs
      .readdirSync(path.join(root, dir))
      .filter((name) => name.startsWith('quality-objectives') && name.endsWith(extension))
      .map((name) => {
        const file = path.join(root, dir, name);
        return { name, path: file, content: fs.readFileSync(file, 'utf8') };
      });
  return [...list('forms', '.form'), ...list('processes', '.bpmn')];
}

/** Builds one quality objective in the shape that the drafting form accepts. */
export function objective(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    title: 'Giải quyết thủ tục hành chính đúng hạn',
    indicator: 'Tỷ lệ hồ sơ giải quyết đúng hạn',
    formula: 'Số hồ sơ đúng hạn / Tổng số hồ sơ × 100%',
    targetValue: 98,
    targetUnit: '%',
    ownerDepartment: 'VP',
    deadline: '2027-12-31',
    resources: 'Cán bộ một cửa, phần mềm dịch vụ công',
    evaluationMethod: 'Thống kê hằng quý',
    ...overrides,
  };
}

/** Returns the username of a department's head, such as `head.vp` for `VP`. */
export function headOf(department: string): string {
  return `head.${department.toLowerCase()}`;
}
