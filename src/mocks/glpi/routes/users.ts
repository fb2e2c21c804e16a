/** `GET /User/:id`: a person's record, for themselves or a profile with the User READ right. */
import { rightsOf } from '../itil.js';
import { asAnswered } from '../protocol.js';
import { param, type FakeCall, type Route } from '../route.js';
import { ENTITY_NAME, rowOptions } from '../rows.js';

export const userRoutes: Route[] = [{ method: 'get', path: 'User/:id', handle: readUser }];

function readUser(call: FakeCall): Response {
  const { state, session, query, api } = call;
  const user = state.users.find((candidate) => String(candidate.id) === param(call, 'id'));
  if (!user) return api.notFound();
  const reader = state.userOf(session);
  // `user` READ exists only on the standard interface (Profile::cleanProfile drops it from Self-Service).
  const rights = rightsOf(reader);
  if (user.id !== reader.id && !(rights.readUsers && rights.central)) return api.rightMissing();
  const entity = user.entities_id ?? 0;
  // Passwords and tokens are never disclosed (unsetUndisclosedFields).
  return api.json({
    id: user.id,
    name: asAnswered(state.version, user.name),
    realname: asAnswered(state.version, user.realname),
    firstname: asAnswered(state.version, user.firstname),
    phone: null,
    is_active: 1,
    entities_id: rowOptions(query).expand ? ENTITY_NAME : entity,
    language: 'fr_FR',
    date_mod: '2024-01-08 09:12:00',
  });
}
