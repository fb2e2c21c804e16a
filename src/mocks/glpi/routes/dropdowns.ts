/** ITILCategory, the one dropdown the widgets read (BACKENDS.md §1.10). */
import { rightsOf } from '../itil.js';
import { decodeStored } from '../protocol.js';
import type { Route } from '../route.js';
import type { FakeCategory } from '../seed.js';

export const dropdownRoutes: Route[] = [
  {
    method: 'get',
    path: 'ITILCategory',
    handle: ({ request, query, state, session, api }) => {
      // `API::getItems` refuses an itemtype the profile may not view (`src/Api/API.php` lines 1108-1109 of
      // 10.0.11): a Self-Service profile has no `itilcategory` right at all (see FakeRights.central).
      if (!rightsOf(state.userOf(session)).central) return api.rightMissing();
      const expand = query.get('expand_dropdowns') === 'true' || query.get('expand_dropdowns') === '1';
      const rows = [...state.categories].sort((a, b) => a.id - b.id).map((row) => categoryRow(row, state.categories, expand, state.version));
      return api.page(request, 'ITILCategory', rows);
    },
  },
];

/** A category as the API lists it; `expand_dropdowns` turns foreign keys into names. */
function categoryRow(category: FakeCategory, all: readonly FakeCategory[], expand: boolean, version: 10 | 11): Record<string, unknown> {
  const parent = all.find((candidate) => candidate.id === category.itilcategories_id);
  // The seed keeps names as GLPI 10 stored them; GLPI 11's migration leaves them raw.
  const text = (value: string) => (version === 11 ? decodeStored(value) : value);
  return {
    id: category.id,
    entities_id: expand ? text('Entit&eacute; racine') : 0,
    is_recursive: 1,
    name: text(category.name),
    itilcategories_id: expand && parent ? text(parent.completename) : category.itilcategories_id,
    completename: text(category.completename),
    comment: null,
    level: category.level,
    is_helpdeskvisible: category.is_helpdeskvisible,
    is_incident: category.is_incident,
    is_request: category.is_request,
    is_problem: 1,
    is_change: 0,
    date_mod: '2024-03-12 09:41:00',
    date_creation: '2023-01-05 14:02:00',
  };
}
