/**
 * The helpdesk of the ticket-list benchmark: the msw fake of GLPI that the tests and the
 * demo use (`createGlpiFake` from the built `dist/mocks.js`), answering from Node through
 * msw's `getResponse`, filled with `generateTickets(count)` and French titles varied
 * enough that each search of the benchmark finds its own subset.
 *
 * One fake per page size, made once and reused by every load of that size: reading the
 * list changes nothing in it, and making it (10,000 tickets) takes longer than a load's
 * requests. What the fake itself spends on each answer is timed (`timing`), so that the
 * report can say how much of a figure is the fake's and not the widget's.
 */
import { pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';
import { getResponse } from 'msw';

/** What people write to a helpdesk; each title also names a room, so a number narrows a search. */
const TOPICS = [
  'Imprimante hors ligne',
  'Imprimante : bourrage papier',
  'Réseau Wi-Fi lent',
  'Réseau coupé au bureau',
  'Messagerie : mails rejetés',
  'Écran noir au démarrage',
  'Nouveau poste pour un arrivant',
  'Mot de passe oublié',
  'Accès VPN refusé',
  'Téléphone sans tonalité',
  'Logiciel de paie bloqué',
  'Scanner introuvable',
  'Clavier défectueux',
  'Demande de licence',
  'Partage réseau inaccessible',
  'Visioconférence sans son',
];

/** The title of the `index`-th generated ticket (0 = newest). */
export const titleOf = (index) => `${TOPICS[index % TOPICS.length]}, salle ${((index * 37) % 400) + 1}`;

/**
 * Searches a person types, one key at a time, then erases, and what each tries: words of
 * a title (one topic in eight, narrowing as it is typed), two words, a ticket number
 * (`#4` keeps ~1,100 tickets, `#4312` one), and a word every title holds then a number.
 */
export const SEARCHES = ['imprimante', 'réseau wi', '#4312', 'salle 12'];

/** Loads `dist/mocks.js` (or the one of `dist`). */
export async function loadMocks(dist) {
  return import(pathToFileURL(`${dist}/mocks.js`).href);
}

/**
 * A GLPI fake at `baseUrl` holding `count` tickets of the demo person, newest first:
 * `{ fake, handle(request, response, body) }`. `handle` answers one Node request and
 * adds the fake's own time for it (ms, from the Request built to the body read) to
 * `timing.pages` for a ticket page (`search/Ticket`), to `timing.other` otherwise. Requests
 * are answered one after the other (Node would run their work on one thread anyway), so
 * that each time is the fake's work for that request alone.
 */
export function createHelpdesk(mocks, baseUrl, count) {
  const fake = mocks.createGlpiFake({ baseUrl });
  fake.state.generateTickets(count).forEach((ticket, index) => {
    ticket.name = titleOf(index);
    ticket.content = `<p>${ticket.name}</p>`;
  });
  const timing = { pages: [], other: [] };
  // One answer at a time: each one's time is then its own, not shared with the answers it would interleave with.
  let queue = Promise.resolve();
  const handle = (request, response, body) => {
    const turn = queue.then(() => answer(request, response, body));
    queue = turn.catch(() => undefined);
    return turn;
  };

  async function answer(request, response, body) {
    const url = new URL(request.url ?? '/', baseUrl);
    const started = performance.now();
    const fetchRequest = new Request(url, {
      method: request.method,
      headers: Object.entries(request.headers).flatMap(([name, value]) => (name.startsWith(':') ? [] : [[name, String(value)]])),
      body: ['GET', 'HEAD'].includes(request.method) ? undefined : body,
    });
    const answer = (await getResponse(fake.handlers, fetchRequest)) ?? new Response('Not found', { status: 404 });
    const bytes = Buffer.from(await answer.arrayBuffer());
    (url.pathname.includes('/search/Ticket') ? timing.pages : timing.other).push(performance.now() - started);
    // The fake keeps every request it saw, for tests: forget them, the benchmark makes thousands.
    fake.state.requests.length = 0;
    if (response.destroyed) return answer.status;
    const headers = Object.fromEntries([...answer.headers].filter(([name]) => !/^(content-length|content-encoding|transfer-encoding)$/i.test(name)));
    response.writeHead(answer.status, { ...headers, 'Content-Length': bytes.length, 'Cache-Control': 'no-store' });
    response.end(bytes);
    return answer.status;
  }

  return { fake, handle, timing };
}
