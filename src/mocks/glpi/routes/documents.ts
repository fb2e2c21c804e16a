/** Uploads: multipart `POST /Document` with `uploadManifest` and `filename[n]` parts (BACKENDS.md §1.9). */
import { isRecord, readParameters, toInt } from '../protocol.js';
import type { FakeCall, Route } from '../route.js';

export const documentRoutes: Route[] = [{ method: 'post', path: 'Document', handle: addDocument }];

async function addDocument({ request, state, session, settings, api }: FakeCall): Promise<Response> {
  if (!(request.headers.get('Content-Type') ?? '').includes('multipart/form-data')) {
    const read = await readParameters(request, api);
    if (!read.ok) return read.response;
    if (!isRecord(read.params.input)) return api.error('ERROR_BAD_ARRAY', 400, 'The input parameter must be an object or an array of objects');
    return api.error('ERROR_GLPI_ADD', 400, 'A document needs a file: send it as multipart/form-data', false);
  }
  const form = await request.formData();
  const files = [...form.entries()]
    .filter(([name, value]) => /^filename(\[\d*\])?$/.test(name) && value instanceof File)
    .map(([, value]) => value as File);
  const size = files.reduce((sum, file) => sum + file.size, 0);
  // Past post_max_size PHP drops the whole body, so GLPI sees no file at all.
  if (files.length === 0 || size > settings.postMaxSize) {
    return api.error('ERROR_UPLOAD_FILE_TOO_BIG_POST_MAX_SIZE', 400, 'The file seems too big');
  }
  const manifest = form.get('uploadManifest');
  if (typeof manifest !== 'string') return api.error('ERROR_BAD_ARRAY', 400, 'The input parameter must be an object or an array of objects');
  let input: unknown;
  try {
    input = (JSON.parse(manifest) as { input?: unknown } | null)?.input;
  } catch {
    return api.error('ERROR_JSON_PAYLOAD_INVALID', 400, 'The JSON payload is not valid');
  }
  if (!isRecord(input)) return api.error('ERROR_BAD_ARRAY', 400, 'The input parameter must be an object or an array of objects');

  const link = input.itemtype === undefined ? undefined : { itemtype: String(input.itemtype), items_id: toInt(input.items_id) };
  if (link) {
    const ticket = link.itemtype === 'Ticket' ? state.tickets.find((candidate) => candidate.id === link.items_id) : undefined;
    if (!ticket || ticket.users_id_recipient !== session.userId) {
      return api.error('ERROR_GLPI_ADD', 400, `Cannot attach a document to ${link.itemtype} ${String(input.items_id)}`, false);
    }
  }
  // GLPI makes one Document of the first file.
  const [file] = files;
  const id = state.nextId(state.documents, 1);
  state.documents.push({
    id,
    name: typeof input.name === 'string' && input.name ? input.name : file.name,
    filename: file.name,
    mime: file.type || 'application/octet-stream',
    size: file.size,
    users_id: session.userId,
    file,
  });
  if (link?.items_id !== undefined) {
    state.documentItems.push({ id: state.nextId(state.documentItems), documents_id: id, itemtype: link.itemtype, items_id: link.items_id });
  }
  return api.json(
    {
      id,
      message: `Document ${file.name} added`,
      upload_result: { filename: files.map((one) => ({ name: one.name, size: one.size, type: one.type })) },
    },
    201,
    { Location: `${api.url}/Document/${id}` },
  );
}
