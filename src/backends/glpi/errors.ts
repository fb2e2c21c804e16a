/**
 * GLPI's error answers as typed errors (BACKENDS.md §1.11): by the `ERROR_*` code and the HTTP
 * status, never by the words of a message, which GLPI translates.
 */
import * as z from 'zod/mini';
import { HelpdeskError, type HelpdeskErrorKind } from '../../core/errors.js';
import { kindForStatus, type HttpResponse } from '../http.js';
import { decodeEntities } from './html.js';

/**
 * GLPI's `ERROR_*` codes whose status alone would say the wrong thing (ERROR_SESSION_TOKEN_MISSING and the
 * setup problems come as 400), in the order they are tried; other codes go by status: ERROR_RIGHT_MISSING
 * is 403 (`API::messageRightError`, `src/Api/API.php` line 2720 of 10.0.11, the same in 11),
 * ERROR_ITEM_NOT_FOUND 404, ERROR_GLPI_ADD 400. Messages are translated into the server's or the
 * person's language: never read for a kind, only shown.
 */
const KIND_BY_CODE: [RegExp, HelpdeskErrorKind][] = [
  // NOT_ALLOWED_IP, APP_TOKEN_*, LOGIN_WITH_CREDENTIALS_DISABLED, RESOURCE_*, ITEMTYPE_NOT_FOUND_NOR_COMMONDBTM
  [/_IP$|APP_TOKEN|DISABLED|RESOURCE|ITEMTYPE/, 'setup'],
  // SESSION_TOKEN_*, LOGIN_PARAMETERS_MISSING, GLPI_LOGIN*; the adapter re-opens an invalid session once first.
  [/SESSION|LOGIN/, 'auth'],
  [/RIGHT_MISSING/, 'forbidden'],
  [/SQL|UNKNOWN/, 'server'],
];

/**
 * An add or update the profile may not make is refused as ERROR_GLPI_ADD / ERROR_GLPI_UPDATE (400) with
 * `__("You don't have permission to perform this action.")` as the whole message (`API::createItems`,
 * `src/Api/API.php` line 1845 of 10.0.11; `updateItems`, line 1982): that exact sentence, as GLPI's own
 * translations give it (`locales/*.po` of 10.0.11), is how such a refusal is told from invalid data.
 */
const PERMISSION_REFUSALS = new Set([
  "You don't have permission to perform this action.",
  "Vous n'avez pas les droits requis pour réaliser cette action.",
  'Sie haben keine ausreichenden Rechte für diese Aktion.',
  'No tiene permisos para realizar esta acción.',
  'Non hai diritti sufficienti per eseguire questa azione.',
  'Você não tem permissão para executar essa ação.',
  'Não tem permissões para executar esta acção.',
  'U heeft niet de bevoegdheid voor het uitvoeren van deze actie.',
]);

/**
 * A single call's error body, `["ERROR_CODE", "message; view documentation in your
 * browser at …/#ERROR_CODE"]` (BACKENDS.md §1.11); the generic code is a bare "ERROR",
 * bulk calls (which the adapter does not make) send a list instead of the message, and
 * an update of an unknown item sends null.
 */
const errorBody = z.array(z.unknown()).check(z.refine((body) => /^ERROR/.test(String(body[0]))));

/** The HelpdeskError a GLPI error answer means, or undefined when the body is not GLPI's error shape. */
export function glpiError({ status, body }: HttpResponse): HelpdeskError | undefined {
  const parsed = z.safeParse(errorBody, body);
  if (!parsed.success) return undefined;
  const code = String(parsed.data[0]);
  const message = parsed.data[1];
  // Without the link to GLPI's documentation, "; view documentation in your browser at …/#ERROR_…" in any language.
  const detail = decodeEntities((typeof message === 'string' ? message : '').replace(/;[^;]*#ERROR\w*\s*$/, ''));
  const kind =
    /^ERROR_GLPI_/.test(code) && PERMISSION_REFUSALS.has(detail.replace(/[\u2019]/g, "'"))
      ? 'forbidden'
      : // GLPI's updateItems forgets the "Item not found" of an unknown item and sends null.
        code === 'ERROR_GLPI_UPDATE' && message === null
        ? 'not-found'
        : KIND_BY_CODE.find(([pattern]) => pattern.test(code))?.[1];
  return new HelpdeskError(kind ?? kindForStatus(status), { status, code, detail: detail || undefined });
}
