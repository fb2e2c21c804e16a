/**
 * Documents (BACKENDS.md §1.9): multipart `POST /Document` with `uploadManifest` and
 * `filename[n]` parts; `GET /Document/:id` as a row, or the file itself with
 * `alt=media` or `Accept: application/octet-stream` (Document::post_getFromDB).
 */
import { HttpResponse } from 'msw';
import { addDocument, mayAddFollowup, seesDocument } from '../itil.js';
import { isRecord, readParameters, toInt } from '../protocol.js';
import { param, type FakeCall, type Route } from '../route.js';
import { documentRow, rowOptions } from '../rows.js';

export const documentRoutes: Route[] = [
  { method: 'post', path: 'Document', handle: upload },
  { method: 'get', path: 'Document/:id', handle: readDocument },
];

async function upload({ request, state, session, settings, api }: FakeCall): Promise<Response> {
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

  const link = input.itemtype === undefined ? undefined : { itemtype: String(input.itemtype), items_id: toInt(input.items_id) ?? -1 };
  const ticket = link?.itemtype === 'Ticket' ? state.ticket(link.items_id) : undefined;
  // Linking a file to a ticket takes the right to add to it.
  if (link && !(ticket && mayAddFollowup(state.userOf(session), ticket))) {
    return api.error('ERROR_GLPI_ADD', 400, `Cannot attach a document to ${link.itemtype} ${String(input.items_id)}`, false);
  }
  // GLPI makes one Document of the first file.
  const [file] = files;
  const document = addDocument(state, {
    file,
    name: typeof input.name === 'string' ? input.name : undefined,
    users_id: session.userId,
    link,
    tickets_id: ticket?.id,
  });
  return api.json(
    {
      id: document.id,
      message: `Document ${file.name} added`,
      upload_result: { filename: files.map((one) => ({ name: one.name, size: one.size, type: one.type })) },
    },
    201,
    { Location: `${api.url}/Document/${document.id}` },
  );
}

function readDocument(call: FakeCall): Response {
  const { request, query, state, session, api } = call;
  const document = state.documents.find((candidate) => String(candidate.id) === param(call, 'id'));
  if (!document) return api.notFound();
  if (!seesDocument(state, state.userOf(session), document)) return api.rightMissing();
  if (query.get('alt') === 'media' || request.headers.get('Accept') === 'application/octet-stream') {
    const name = document.filename.replace(/["\\\r\n]/g, '_');
    return new HttpResponse(document.file, {
      status: 200,
      headers: {
        'Content-Type': document.mime,
        'Content-Length': String(document.size),
        'Content-Disposition': `attachment; filename="${name}"; filename*=utf-8''${encodeURIComponent(document.filename)}`,
      },
    });
  }
  return api.json(documentRow(state, api, document, rowOptions(query)));
}
