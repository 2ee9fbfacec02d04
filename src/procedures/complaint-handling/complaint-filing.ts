import type { Knex } from 'knex';
import { EisoError } from '../../errors.js';
import type { FormSchema } from '../../forms/form-schema.js';
import { assertValidSubmission } from '../../forms/form-validator.js';
import type { Locale } from '../../locale.js';
import type { Runtime } from '../../runtime/runtime.js';
import { toUserTask, userTaskColumns } from '../../tasks/task-model.js';
import { nextBusinessKey, startVariables, vietnamYear } from '../procedure-start.js';
import { vietnamDate } from './complaint-dates.js';

/** The procedure, its first task and the form of that task. */
const procedure = {
  bpmnProcessId: 'complaint-handling',
  receiveTask: 'Task_ReceiveComplaint',
  receiveForm: 'complaint-handling-receive',
} as const;

/** The filer of a complaint: a staff member, or later the public portal's system user. */
export interface ComplaintFiler {
  username: string;
  displayName: string;
}

/** The parts of the service that filing needs. */
export interface FilingServices {
  db: Knex;
  runtime: Runtime;
  now: () => Date;
}

/** The instance that a filing started, named by its business key (the complaint's code). */
export interface FiledComplaint {
  processInstanceKey: string;
  businessKey: string;
}

// Two filings at the same moment can compute the same key, and the second then fails the
// business key check, so the key is computed again a few times.
const maxKeyAttempts = 3;

async function receiveForm(db: Knex, unitId: string): Promise<FormSchema> {
  const row = await db('forms')
    .where({ unit_id: unitId, form_id: procedure.receiveForm })
    .orderBy('version', 'desc')
    .first('schema');
  if (!row)
    throw new EisoError(
      'EISO_ERR_NOT_FOUND',
      `Form '${procedure.receiveForm}' is not deployed for this unit; deploy the complaint-handling procedure first.`,
    );
  return row.schema as FormSchema;
}

/** Rejects a date received after today (HTTP 400), which would push the answer deadline out. */
export function assertNotInFuture(receivedDate: unknown, today: string, locale: Locale): void {
  if (typeof receivedDate !== 'string' || receivedDate <= today) return;
  const message =
    locale === 'vi'
      ? `Ngày tiếp nhận ${receivedDate} chưa đến; nhập ngày hôm nay (${today}) hoặc một ngày đã qua.`
      : `The date received ${receivedDate} is in the future; enter today (${today}) or an earlier date.`;
  throw new EisoError(
    'EISO_ERR_VALIDATION',
    `Invalid complaint: receivedDate ${receivedDate} is after today, ${today}.`,
    [{ path: '/receivedDate', message }],
  );
}

async function startWithNextKey(
  services: FilingServices,
  unitId: string,
  variables: Record<string, unknown>,
  filer: ComplaintFiler,
) {
  const now = services.now();
  for (let attempt = 1; ; attempt++) {
    const businessKey = await nextBusinessKey(services.db, unitId, procedure.bpmnProcessId, {
      year: vietnamYear(now),
      date: now,
    });
    try {
      return await services.runtime.startInstance({
        unitId,
        bpmnProcessId: procedure.bpmnProcessId,
        variables,
        businessKey,
        actor: filer.username,
      });
    } catch (error) {
      const taken = error instanceof EisoError && error.code === 'EISO_ERR_CONFLICT';
      if (!taken || attempt >= maxKeyAttempts) throw error;
    }
  }
}

/**
 * Files a complaint: checks it against the receive form, starts the complaint-handling procedure
 * and completes its receive task with the filing in the filer's name, so the complaint enters
 * the register as if the filer had filled in the form. Staff call it through
 * `POST /api/complaints`; the public portal is meant to call it with its own filer.
 */
export async function fileComplaint(
  services: FilingServices,
  request: { unitId: string; filer: ComplaintFiler; filing: unknown; locale: Locale },
): Promise<FiledComplaint> {
  const { db, runtime } = services;
  const now = services.now();
  const variables = await startVariables(db, request.unitId, {
    year: vietnamYear(now),
    initiator: request.filer.username,
  });
  const form = await receiveForm(db, request.unitId);
  assertValidSubmission(form, request.filing, { variables, locale: request.locale });
  const filing = request.filing as Record<string, unknown>;
  assertNotInFuture(filing.receivedDate, vietnamDate(now), request.locale);

  const instance = await startWithNextKey(services, request.unitId, variables, request.filer);
  const row = await db('user_tasks')
    .where({
      process_instance_key: instance.key,
      element_id: procedure.receiveTask,
      state: 'CREATED',
    })
    .first(userTaskColumns);
  await runtime.completeUserTask(
    toUserTask(row),
    filing,
    request.filer.username,
    request.filer.displayName,
  );
  return { processInstanceKey: instance.key, businessKey: instance.businessKey as string };
}
