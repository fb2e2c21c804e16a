/**
 * GLPI's error bodies, `["ERROR_CODE", "message; view documentation in your
 * browser at …/#ERROR_CODE"]`, as HelpdeskErrors (BACKENDS.md §1.11).
 */
import * as z from 'zod/mini';
import { HelpdeskError, type HelpdeskErrorKind } from '../../core/errors.js';
import { kindForStatus, type HttpResponse } from '../http.js';
import { decodeEntities } from './html.js';

export const SESSION_TOKEN_INVALID = 'ERROR_SESSION_TOKEN_INVALID';

const KIND_BY_CODE: Record<string, HelpdeskErrorKind> = {
  // The adapter re-opens the session once before letting this one through.
  ERROR_SESSION_TOKEN_INVALID: 'auth',
  ERROR_SESSION_TOKEN_MISSING: 'auth',
  ERROR_LOGIN_PARAMETERS_MISSING: 'auth',
  ERROR_GLPI_LOGIN: 'auth',
  ERROR_GLPI_LOGIN_USER_TOKEN: 'auth',
  ERROR_RIGHT_MISSING: 'forbidden',
  ERROR_ITEM_NOT_FOUND: 'not-found',
  ERROR_GLPI_ADD: 'validation',
  ERROR_GLPI_PARTIAL_ADD: 'validation',
  ERROR_GLPI_UPDATE: 'validation',
  ERROR_GLPI_PARTIAL_UPDATE: 'validation',
  ERROR_GLPI_DELETE: 'validation',
  ERROR_GLPI_PARTIAL_DELETE: 'validation',
  ERROR_JSON_PAYLOAD_INVALID: 'validation',
  ERROR_JSON_PAYLOAD_FORBIDDEN: 'validation',
  ERROR_BAD_ARRAY: 'validation',
  ERROR_RANGE_EXCEED_TOTAL: 'validation',
  ERROR_FIELD_NOT_FOUND: 'validation',
  ERROR_UPLOAD_FILE_TOO_BIG_POST_MAX_SIZE: 'validation',
  ERROR_NOT_ALLOWED_IP: 'setup',
  ERROR_APP_TOKEN_PARAMETERS_MISSING: 'setup',
  ERROR_WRONG_APP_TOKEN_PARAMETER: 'setup',
  ERROR_LOGIN_WITH_CREDENTIALS_DISABLED: 'setup',
  ERROR_RESOURCE_NOT_FOUND_NOR_COMMONDBTM: 'setup',
  ERROR_RESOURCE_MISSING: 'setup',
  ERROR_ITEMTYPE_NOT_FOUND_NOR_COMMONDBTM: 'setup',
  ERROR_SQL: 'server',
  ERROR_UNKNOWN: 'server',
};

const errorBody = z.tuple([z.string().check(z.regex(/^ERROR/)), z.optional(z.unknown())]);

/** The HelpdeskError a GLPI error answer means, or undefined when the body is not GLPI's error shape. */
export function glpiError(response: HttpResponse): HelpdeskError | undefined {
  const parsed = z.safeParse(errorBody, response.body);
  if (!parsed.success) return undefined;
  const [code, message] = parsed.data;
  return new HelpdeskError(KIND_BY_CODE[code] ?? kindForStatus(response.status), {
    status: response.status,
    code,
    detail: messageText(message),
  });
}

export function isSessionInvalid(error: unknown): error is HelpdeskError {
  return error instanceof HelpdeskError && error.code === SESSION_TOKEN_INVALID;
}

/** The message without its documentation link, decoded; bulk failures list each item's message. */
function messageText(message: unknown): string | undefined {
  if (typeof message === 'string') {
    const text = decodeEntities(message.replace(/[;,.]?\s*view documentation in your browser at\s+\S*\s*$/i, '')).trim();
    return text || undefined;
  }
  if (Array.isArray(message)) {
    const texts = message.map((entry) => messageText((entry as { message?: unknown } | null)?.message)).filter(Boolean);
    return texts.length ? texts.join('; ') : undefined;
  }
  return undefined;
}
