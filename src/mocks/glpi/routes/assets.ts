/** A person's assets as sub-items of their User: `GET /User/:id/Computer` and the like. */
import { rightsOf } from '../itil.js';
import { decodeStored } from '../protocol.js';
import { param, type Route } from '../route.js';

/** The asset types the fake knows; others are not resources. */
export const ASSET_ITEMTYPES = ['Computer', 'Monitor', 'Printer', 'Phone', 'Peripheral', 'NetworkEquipment'];

export const assetRoutes: Route[] = [
  {
    method: 'get',
    path: 'User/:id/:itemtype',
    handle: (call) => {
      const { request, state, session, settings, api } = call;
      const itemtype = param(call, 'itemtype');
      if (!ASSET_ITEMTYPES.includes(itemtype)) {
        return api.error('ERROR_RESOURCE_NOT_FOUND_NOR_COMMONDBTM', 400, `${itemtype} is not a resource of this API`);
      }
      const user = state.users.find((candidate) => String(candidate.id) === param(call, 'id'));
      if (!user) return api.error('ERROR_ITEM_NOT_FOUND', 404, 'Item not found');
      // Only one's own assets, of the types the profile may view; a Self-Service profile may view none
      // (`API::getItems`, `src/Api/API.php` lines 1108-1109 of 10.0.11; see FakeRights.central).
      const central = rightsOf(state.userOf(session)).central;
      if (user.id !== session.userId || !central || settings.deniedItemtypes.includes(itemtype)) {
        return api.rightMissing();
      }
      const rows = state.assets
        .filter((asset) => asset.itemtype === itemtype && asset.users_id === user.id && !asset.is_deleted)
        .sort((a, b) => a.id - b.id)
        // The seed keeps names as GLPI 10 stored them; GLPI 11's migration leaves them raw.
        .map(({ id, name, serial, users_id, is_deleted }) => ({
          id,
          entities_id: 0,
          name: state.version === 11 ? decodeStored(name) : name,
          serial,
          users_id,
          is_deleted,
        }));
      return api.page(request, itemtype, rows);
    },
  },
];
