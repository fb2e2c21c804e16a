/**
 * `POST /ITILFollowup` (BACKENDS.md §1.7, §1.8): a reply, an approval (`add_close`) or
 * a refusal / reopening (`add_reopen`), with ITILFollowup's checks in GLPI's order:
 * the right to add (a refusal reads "You don't have permission…", an unknown ticket
 * included), then the content rules, then the effects on the ticket.
 */
import { addFollowupTo, mayAddFollowup } from '../itil.js';
import { isEmpty, isRecord, isSet, PERMISSION, readParameters, toInt } from '../protocol.js';
import type { FakeCall, Route } from '../route.js';
import type { FakeSession, GlpiFakeState } from '../state.js';

export const followupRoutes: Route[] = [{ method: 'post', path: 'ITILFollowup', handle: createFollowups }];

async function createFollowups({ request, state, session, api }: FakeCall): Promise<Response> {
  const read = await readParameters(request, api);
  if (!read.ok) return read.response;
  return api.created('ITILFollowup', read.params.input, (one) => addOne(state, session, one));
}

function addOne(state: GlpiFakeState, session: FakeSession, input: unknown): { id: number; message: string } | string {
  if (!isRecord(input)) return PERMISSION;
  const user = state.userOf(session);
  const ticket = input.itemtype === 'Ticket' ? state.ticket(toInt(input.items_id) ?? -1) : undefined;
  if (!ticket || !mayAddFollowup(user, ticket)) return PERMISSION;

  // PHP's isset: `add_close: 0` approves too.
  const close = isSet(input.add_close);
  const reopen = isSet(input.add_reopen);
  let content = isSet(input.content) ? String(input.content) : '';
  if (isEmpty(content) && !close && !reopen) return "You can't add a followup without description";
  if (close && isEmpty(content)) content = 'Solution approved';
  // The API marks its adds as coming from the add form, hence this message rather than the refusal's.
  if (reopen && content === '') return 'If you want to reopen this item, you must specify a reason';

  const followup = addFollowupTo(state, ticket, {
    users_id: toInt(input.users_id) ?? user.id,
    content,
    is_private: toInt(input.is_private) === 1 || input.is_private === true ? 1 : 0,
    close,
    reopen,
    pending: Boolean(toInt(input.pending) ?? input.pending),
  });
  // Follow-ups add no message after redirect.
  return { id: followup.id, message: '' };
}
