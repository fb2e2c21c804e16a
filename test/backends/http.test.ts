import { expect } from '@open-wc/testing';
import { delay, http, HttpResponse } from 'msw';
import { HelpdeskError } from '../../src/core/errors.js';
import { parseJsonBody, parseRetryAfter, requestBlob, requestJson, type HttpRequest } from '../../src/backends/http.js';
import { useHandlers } from '../support/msw.js';

const URL_ = 'https://api.test/apirest.php/thing';

function answer(body: string | null, init: ResponseInit = {}) {
  return useHandlers(http.all(URL_, () => new HttpResponse(body, init)));
}

async function rejection(request: Partial<HttpRequest> = {}): Promise<HelpdeskError> {
  try {
    await requestJson({ url: URL_, timeout: 5000, ...request });
  } catch (error) {
    expect(error).to.be.instanceOf(HelpdeskError);
    return error as HelpdeskError;
  }
  throw new Error('expected the request to fail');
}

describe('requestJson', () => {
  it('resolves with status, headers and the parsed body', async () => {
    await answer('{"id":3}', { status: 206, headers: { 'Content-Range': '0-0/4' } });
    const response = await requestJson({ url: URL_, timeout: 5000 });
    expect(response.status).to.equal(206);
    expect(response.body).to.deep.equal({ id: 3 });
    expect(response.headers.get('Content-Range')).to.equal('0-0/4');
  });

  it('resolves an empty body as undefined', async () => {
    await answer(null, { status: 204 });
    expect((await requestJson({ url: URL_, timeout: 5000 })).body).to.equal(undefined);
  });

  it('sends JSON with its Content-Type, and forms as multipart', async () => {
    const seen: string[] = [];
    await useHandlers(
      http.post(URL_, async ({ request }) => {
        seen.push(`${request.headers.get('Content-Type')?.split(';')[0]} ${await request.text()}`.slice(0, 60));
        return HttpResponse.json({});
      }),
    );
    await requestJson({ url: URL_, method: 'POST', json: { input: { a: 1 } }, headers: { 'X-A': 'b' }, timeout: 5000 });
    const form = new FormData();
    form.append('part', 'value');
    await requestJson({ url: URL_, method: 'POST', form, timeout: 5000 });
    expect(seen[0]).to.equal('application/json {"input":{"a":1}}');
    expect(seen[1]).to.match(/^multipart\/form-data /);
  });

  it('recovers the JSON after a PHP notice', async () => {
    await answer('<br />\n<b>Notice</b>:  Undefined index: x in <b>/var/www/a.php</b> on line <b>12</b><br />\n{"session_token":"abc"}');
    expect((await requestJson({ url: URL_, timeout: 5000 })).body).to.deep.equal({ session_token: 'abc' });
  });

  it('says an HTML page probably means the URL does not reach the API', async () => {
    await answer('<!DOCTYPE html><html><body>Login</body></html>', { headers: { 'Content-Type': 'text/html' } });
    const error = await rejection({ endpointName: 'apirest.php', url: `${URL_}?session_token=secret` });
    expect(error.kind).to.equal('bad-response');
    expect(error.detail).to.contain('probably does not reach apirest.php');
    expect(error.detail).not.to.contain('secret');
  });

  it('reports truncated JSON as a bad response', async () => {
    await answer('{"id":3,"name":"Impri');
    const error = await rejection();
    expect(error.kind).to.equal('bad-response');
    expect(error.detail).to.contain('not valid JSON');
  });

  it('reports a 5xx page that is not JSON as a server error', async () => {
    await answer('<html><body>502 Bad Gateway</body></html>', { status: 502, headers: { 'Content-Type': 'text/html' } });
    const error = await rejection({ endpointName: 'apirest.php' });
    expect([error.kind, error.status]).to.deep.equal(['server', 502]);
    // The helpdesk is down behind a proxy: nothing says the address is wrong.
    expect(error.detail).to.equal("HTTP 502: an error page (HTML) came back instead of the helpdesk's answer");
  });

  it('turns a connection failure into a network error', async () => {
    await useHandlers(http.all(URL_, () => HttpResponse.error()));
    expect((await rejection()).kind).to.equal('network');
  });

  it('gives up after the timeout', async () => {
    await useHandlers(
      http.all(URL_, async () => {
        await delay(1000);
        return HttpResponse.json({});
      }),
    );
    const error = await rejection({ timeout: 100 });
    expect(error.kind).to.equal('timeout');
    expect(error.detail).to.contain('100 ms');
  });

  it('rejects with the caller’s own abort reason, not a HelpdeskError', async () => {
    await useHandlers(
      http.all(URL_, async () => {
        await delay(1000);
        return HttpResponse.json({});
      }),
    );
    const controller = new AbortController();
    const pending = requestJson({ url: URL_, timeout: 5000, signal: controller.signal });
    controller.abort();
    let caught: unknown;
    await pending.catch((error: unknown) => (caught = error));
    expect(caught).to.be.instanceOf(DOMException);
    expect((caught as DOMException).name).to.equal('AbortError');
  });

  it('reads Retry-After of a 429 as seconds or as a date', async () => {
    await answer('slow down', { status: 429, headers: { 'Retry-After': '30' } });
    const seconds = await rejection();
    expect([seconds.kind, seconds.retryAfter]).to.deep.equal(['rate-limited', 30]);

    await answer('slow down', { status: 429, headers: { 'Retry-After': new Date(Date.now() + 90_000).toUTCString() } });
    const date = await rejection();
    expect(date.retryAfter).to.be.within(88, 91);
  });

  it('lets the adapter read its own error bodies, else falls back on the status', async () => {
    await answer('["ERROR_X","no"]', { status: 400 });
    const mapped = await rejection({ toError: ({ body, status }) => new HelpdeskError('setup', { status, code: (body as string[])[0] }) });
    expect([mapped.kind, mapped.code, mapped.status]).to.deep.equal(['setup', 'ERROR_X', 400]);

    for (const [status, kind] of [[401, 'auth'], [403, 'forbidden'], [404, 'not-found'], [422, 'validation'], [503, 'server']] as const) {
      await answer('{}', { status });
      expect((await rejection({ toError: () => undefined })).kind).to.equal(kind);
    }
  });
});

describe('requestBlob', () => {
  it('resolves with the bytes and their type, asking for a file', async () => {
    let accept: string | null = null;
    await useHandlers(
      http.get(URL_, ({ request }) => {
        accept = request.headers.get('Accept');
        return new HttpResponse(new Uint8Array([0, 1, 254, 255]), { headers: { 'Content-Type': 'image/png' } });
      }),
    );
    const blob = await requestBlob({ url: URL_, timeout: 5000 });
    expect(accept).to.equal('application/octet-stream');
    expect(blob.type).to.equal('image/png');
    expect([...new Uint8Array(await blob.arrayBuffer())]).to.deep.equal([0, 1, 254, 255]);
  });

  it('reads a failed answer as requestJson does: the adapter’s error body, 429, HTML, network, timeout', async () => {
    const fail = async (request: Partial<HttpRequest> = {}) => {
      try {
        await requestBlob({ url: URL_, timeout: 5000, ...request });
      } catch (error) {
        return error as HelpdeskError;
      }
      throw new Error('expected a rejection');
    };
    await answer('["ERROR_RIGHT_MISSING","no"]', { status: 401 });
    const mapped = await fail({ toError: ({ body, status }) => new HelpdeskError('forbidden', { status, code: (body as string[])[0] }) });
    expect([mapped.kind, mapped.code]).to.deep.equal(['forbidden', 'ERROR_RIGHT_MISSING']);
    await answer('slow down', { status: 429, headers: { 'Retry-After': '7' } });
    expect((await fail()).retryAfter).to.equal(7);
    await answer('<!DOCTYPE html><html></html>', { status: 502 });
    expect((await fail()).kind).to.equal('server');
    await useHandlers(http.all(URL_, () => HttpResponse.error()));
    expect((await fail()).kind).to.equal('network');
    await useHandlers(
      http.all(URL_, async () => {
        await delay(1000);
        return new HttpResponse('late');
      }),
    );
    expect((await fail({ timeout: 100 })).kind).to.equal('timeout');
  });

  it('sends PUT with JSON', async () => {
    let seen = '';
    await useHandlers(
      http.put(URL_, async ({ request }) => {
        seen = `${request.method} ${request.headers.get('Content-Type')} ${await request.text()}`;
        return HttpResponse.json([{ 12: true, message: '' }]);
      }),
    );
    await requestJson({ url: URL_, method: 'PUT', json: { input: { status: 6 } }, timeout: 5000 });
    expect(seen).to.equal('PUT application/json {"input":{"status":6}}');
  });
});

describe('parseJsonBody', () => {
  it('recovers JSON after plain-text PHP warnings too', () => {
    expect(parseJsonBody('\nWarning: Undefined array key "a" in /x.php on line 3\n["ERROR_SQL","x"]')).to.deep.equal({
      ok: true,
      value: ['ERROR_SQL', 'x'],
    });
  });

  it('does not mistake a nested object of a truncated answer for the answer', () => {
    expect(parseJsonBody('Notice: x in /a.php on line 1\n{"a":\n{"b":1}').ok).to.equal(false);
    expect(parseJsonBody('[{"id":1},\n{"id":2}').ok).to.equal(false);
  });

  it('tells HTML from other garbage', () => {
    expect(parseJsonBody('<html lang="fr"><body></body></html>')).to.deep.equal({ ok: false, html: true });
    expect(parseJsonBody('Internal error')).to.deep.equal({ ok: false, html: false });
  });
});

describe('header parsing', () => {
  it('reads Retry-After', () => {
    const now = Date.parse('2025-01-01T12:00:00Z');
    expect(parseRetryAfter('120', now)).to.equal(120);
    expect(parseRetryAfter('Wed, 01 Jan 2025 12:01:00 GMT', now)).to.equal(60);
    expect(parseRetryAfter('Wed, 01 Jan 2025 11:00:00 GMT', now)).to.equal(0);
    expect(parseRetryAfter('soon', now)).to.equal(undefined);
    expect(parseRetryAfter(null, now)).to.equal(undefined);
  });
});
