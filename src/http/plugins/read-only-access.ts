import type { FastifyInstance, FastifyRequest } from 'fastify';
import { EisoError } from '../../errors.js';
import { negotiateLocale } from '../../locale.js';
import { isReadOnlyPrincipal, principalForUnit } from '../../history/instance-access.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Set on a POST that only reads, such as a search, so that read-only users may send it. */
    changesNothing?: boolean;
    /**
     * Set on a change to the user's own account only, such as marking their notifications read
     * or their choice of e-mail. It changes no data of any unit, so read-only users may send it.
     */
    ownAccountOnly?: boolean;
  }
}

/** Header that names the unit a request reads, when it is not the user's own unit. */
export const unitHeader = 'x-eiso-unit';

const readMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Resolves the unit that a request reads and refuses every change by a read-only user.
 *
 * A request reads another unit by naming it in the `x-eiso-unit` header. The unit must be one the
 * user may read (see `readableUnitIds`), and the route then sees a principal of that unit without
 * groups, so every existing read route serves the supervised unit with its own unit scoping.
 * Members of the supervising-auditor group, and anyone reading another unit, change nothing: this
 * hook refuses their POST, PUT, PATCH and DELETE requests on every route except the login, the
 * logout and the routes marked `ownAccountOnly`, before any body validation.
 */
export function registerReadOnlyAccess(app: FastifyInstance): void {
  const { db } = app.services;

  app.addHook('preValidation', async (request) => {
    const principal = request.principal;
    if (!principal) return;

    const requestedUnit = readUnitHeader(request);
    const readsOtherUnit = requestedUnit !== null && requestedUnit !== principal.unitId;
    const readOnly = isReadOnlyPrincipal(principal) || readsOtherUnit;
    if (readOnly && changesState(request)) throw readOnlyError(request, principal.username);
    if (readsOtherUnit) {
      const locale = negotiateLocale(request.headers['accept-language']);
      request.principal = await principalForUnit(db, principal, requestedUnit, locale);
    }
  });
}

function readUnitHeader(request: FastifyRequest): string | null {
  const value = request.headers[unitHeader];
  if (value === undefined || value === '') return null;
  if (typeof value === 'string' && /^[0-9]{1,18}$/.test(value)) return value;

  // The value is not echoed: it may be long, or contain text that a page would show as it is.
  const message =
    negotiateLocale(request.headers['accept-language']) === 'vi'
      ? `Tiêu đề ${unitHeader} phải là một mã đơn vị gồm 1 đến 18 chữ số, ví dụ 1: hãy chọn lại đơn vị đang xem, hoặc bỏ tiêu đề này để xem đơn vị của mình.`
      : `Header ${unitHeader} must be one unit id of 1 to 18 digits, such as 1: choose the unit again, or leave the header out to read your own unit.`;
  throw new EisoError('EISO_ERR_VALIDATION', message, [
    { path: `/headers/${unitHeader}`, message },
  ]);
}

function changesState(request: FastifyRequest): boolean {
  if (readMethods.has(request.method)) return false;
  const config = request.routeOptions.config;
  if (config?.changesNothing || config?.ownAccountOnly) return false;
  // The login and the logout change only the session of the user themselves.
  return request.routeOptions.url !== '/api/session';
}

/**
 * Builds the 403 for a change by a read-only user, in the language of the request, because the
 * web client shows this message as it is.
 */
function readOnlyError(request: FastifyRequest, username: string): EisoError {
  const message =
    negotiateLocale(request.headers['accept-language']) === 'vi'
      ? `Tài khoản ${username} chỉ có quyền xem: đánh giá viên của cơ quan cấp trên và người xem đơn vị khác không thay đổi được dữ liệu, nên thao tác này không được thực hiện.`
      : `The account ${username} has read-only access: an auditor of a supervising agency, or anyone reading another unit, changes nothing, so this change was refused.`;
  return new EisoError('EISO_ERR_READ_ONLY', message);
}
