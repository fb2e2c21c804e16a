/**
 * The fault switch every fake shares: a test asks for the next call(s) to fail
 * (`state.failNext(kind, options)`), and the fake takes, for each request, the failure
 * it must suffer. Which requests a failure matches is each fake's own (an endpoint, a
 * path, a method, the relay's call upstream: named like its helpdesk's URLs), and so is
 * what its helpdesk answers when it fails — its 500, its 429, the HTML page a wrong URL
 * reaches — since the real ones differ. What a failure does to the exchange is the same
 * everywhere and written once here.
 */
import { delay, http, HttpResponse } from 'msw';

/**
 * The failures every fake can make:
 * - `network`: no answer at all (fetch rejects);
 * - `lost-answer`: the request is carried out, then the connection drops before the answer;
 * - `timeout`: the request is carried out and answered after the fake's `hangMs`;
 * - `500`: the helpdesk's own error answer;
 * - `502`, `503`: the reverse proxy's HTML error page while the helpdesk is down or overloaded;
 * - `429`: a rate limit, with `Retry-After` unless `retryAfter` is null;
 * - `html`: a 200 HTML page where JSON was expected (a URL that does not reach the API).
 */
export type CommonFailureKind = 'network' | 'lost-answer' | 'timeout' | '500' | '502' | '503' | '429' | 'html';

/** Options every fake's `failNext` takes, beside its own filters. */
export interface CommonFailureOptions {
  /** How many requests fail this way (default 1). */
  times?: number;
  /** `Retry-After` of a 429: seconds or an HTTP date (each fake has its default); null sends none. */
  retryAfter?: string | null;
}

/** A failure a test asked for, with how many requests it still has to spoil. */
export type QueuedFailure<K extends string, O extends CommonFailureOptions> = O & { kind: K; left: number };

/** The failures a test queued on one fake, in the order it asked for them. */
export class FaultSwitch<K extends string, O extends CommonFailureOptions> {
  readonly #queue: QueuedFailure<K, O>[] = [];

  /** Makes the next `options.times` (default 1) requests that match `options` fail with `kind`. */
  failNext(kind: K, options: O): void {
    this.#queue.push({ ...options, kind, left: options.times ?? 1 });
  }

  /** The first queued failure `matches` accepts, counted as used; undefined when none. */
  take(matches: (failure: QueuedFailure<K, O>) => boolean = () => true): QueuedFailure<K, O> | undefined {
    const index = this.#queue.findIndex(matches);
    if (index < 0) return undefined;
    const failure = this.#queue[index];
    if (--failure.left <= 0) this.#queue.splice(index, 1);
    return failure;
  }
}

/** Whether `path` is `filter` or below it (`ticket` matches `ticket/12/history`, not `tickets`); no filter matches all. */
export const atOrBelow = (path: string, filter: string | undefined): boolean => !filter || path === filter || path.startsWith(`${filter}/`);

/** Whether `method` is the filter's, in any case; no filter matches all. */
export const sameMethod = (method: string, filter: string | undefined): boolean => !filter || filter.toUpperCase() === method.toUpperCase();

/** How one fake's helpdesk answers when it fails. */
export interface FailureAnswers {
  /** Its 500. */
  serverError(): Response | Promise<Response>;
  /** Its 429, with `Retry-After` unless `retryAfter` is null. */
  rateLimited(retryAfter: string | null): Response | Promise<Response>;
  /** `Retry-After` of its 429 when the test set none. */
  retryAfter: string;
  /** The 200 HTML page a URL that misses the API reaches: a login page, the web app. */
  htmlPage(): Response;
  /** How long `timeout` holds the answer, in ms. */
  hangMs: number;
}

/**
 * The answer that replaces the helpdesk's, or undefined when the request goes on to the
 * helpdesk: no failure, `timeout` once its wait is over, `lost-answer` (see `delivered`),
 * or a kind of the fake's own that it handles itself.
 */
export async function failedAnswer(failure: { kind: string; retryAfter?: string | null } | undefined, answers: FailureAnswers): Promise<Response | undefined> {
  switch (failure?.kind) {
    case 'network':
      return HttpResponse.error();
    case 'html':
      return answers.htmlPage();
    case '429':
      return answers.rateLimited(failure.retryAfter === undefined ? answers.retryAfter : failure.retryAfter);
    case '502':
    case '503':
      return proxyErrorPage(failure.kind);
    case '500':
      return answers.serverError();
    case 'timeout':
      await delay(answers.hangMs);
      return undefined;
    default:
      return undefined;
  }
}

/**
 * What reaches the caller of a request the helpdesk carried out: nothing after
 * `lost-answer` (done on the server, never heard of by the caller), half of it after
 * `truncated` (a connection dropped mid-body), else the answer itself.
 */
export async function delivered(failure: { kind: string } | undefined, response: Response): Promise<Response> {
  if (failure?.kind === 'lost-answer') return HttpResponse.error();
  if (failure?.kind === 'truncated') return truncated(response);
  return response;
}

/** The whole exchange: the failure's answer, or the helpdesk's (`respond`) as `delivered` lets it through. */
export async function answerWith(failure: { kind: string; retryAfter?: string | null } | undefined, answers: FailureAnswers, respond: () => Promise<Response>): Promise<Response> {
  return (await failedAnswer(failure, answers)) ?? delivered(failure, await respond());
}

/** The answer cut in half, bytes (a download is damaged the same way), without its now wrong Content-Length. */
async function truncated(response: Response): Promise<Response> {
  const bytes = new Uint8Array(await response.arrayBuffer());
  const headers = new Headers(response.headers);
  headers.delete('Content-Length');
  return new HttpResponse(bytes.slice(0, Math.floor(bytes.length / 2)), { status: response.status, headers });
}

/**
 * What every fake answers when the reverse proxy in front of the helpdesk fails: the
 * same nginx error page whatever the helpdesk (the email endpoint too), since the request
 * never reaches it. The page is nginx's own, from src/http/ngx_http_special_response.c
 * (`ngx_http_error_502_page`, `ngx_http_error_503_page`, then `ngx_http_error_tail`,
 * lines ending in CRLF). With `server_tokens on` (the default) the tail names the
 * version ("nginx/1.24.0"); this fake says "nginx", as with `server_tokens off`.
 * Unconfirmed: which release stopped writing `<body bgcolor="white">` (older copies of
 * the file have it, newer ones `<body>`). The adapters read only the status and that
 * the body is HTML.
 */
const TITLES = { 502: '502 Bad Gateway', 503: '503 Service Temporarily Unavailable' } as const;

/** nginx's HTML page for a 502 (the helpdesk is down) or a 503 (overloaded, or `limit_req`). */
export function proxyErrorPage(status: '502' | '503'): Response {
  const title = TITLES[status];
  const page = ['<html>', `<head><title>${title}</title></head>`, '<body>', `<center><h1>${title}</h1></center>`, '<hr><center>nginx</center>', '</body>', '</html>', ''];
  return new Response(page.join('\r\n'), { status: Number(status), headers: { 'Content-Type': 'text/html' } });
}

/**
 * Makes the browser's offline mode reach the fakes. They answer from a service worker in
 * the page, so a browser set offline (DevTools' "Offline", a laptop off the network) would
 * still get their answers, and the outbox would never be seen at work. Put first among the
 * handlers: while `navigator.onLine` is false, a request under one of `prefixes` fails as
 * with no network; online, it goes on to the fakes. No helpdesk behaviour here (nothing to pin
 * to a helpdesk's source): what a browser without a network does to any `fetch`, a TypeError.
 */
export function offlineLikeTheNetwork(prefixes: readonly string[]) {
  return http.all(
    ({ request }) => prefixes.some((prefix) => new URL(request.url).pathname.startsWith(prefix)),
    () => (navigator.onLine ? undefined : HttpResponse.error()),
  );
}
