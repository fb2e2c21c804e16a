import { expect } from '@open-wc/testing';
import { createEmailFake, type EmailFake, type EmailFakeOptions } from '../../src/mocks/index.js';
import { useHandlers } from '../support/msw.js';

const ENDPOINT = 'https://www.example.fr/support-mail';
let fake: EmailFake;

async function start(options: EmailFakeOptions = {}) {
  fake = createEmailFake({ endpoint: ENDPOINT, ...options });
  await useHandlers(...fake.handlers);
}

function message(fields: Record<string, string> = {}, ...files: File[]): FormData {
  const form = new FormData();
  for (const [name, value] of Object.entries({ to: 'support@example.fr', subject: 'Imprimante hors ligne', body: 'Urgence : Haute\n\nElle ne répond plus.', ...fields })) form.append(name, value);
  for (const file of files) form.append('attachments', file, file.name);
  return form;
}

const post = (body: BodyInit, headers: Record<string, string> = {}) => fetch(ENDPOINT, { method: 'POST', body, headers });

describe('email endpoint fake', () => {
  beforeEach(() => start());

  it('sends what it is given to its own address, files included, and answers its id', async () => {
    const response = await post(message({ replyTo: 'camille@example.org', submissionId: 's-1', urgency: 'high' }, new File(['log'], 'log.txt')));
    expect(response.status).to.equal(201);
    expect(await response.json()).to.deep.equal({ id: 'msg-1' });
    const [sent] = fake.state.sent;
    expect(sent).to.deep.include({ to: 'support@example.fr', subject: 'Imprimante hors ligne', replyTo: 'camille@example.org', submissionId: 's-1', urgency: 'high' });
    expect(sent.body).to.equal('Urgence : Haute\r\n\r\nElle ne répond plus.');
    expect(sent.attachments.map((file) => file.name)).to.deep.equal(['log.txt']);
  });

  it('sends one message per submission id, by header or by field, and answers the first one’s id', async () => {
    await post(message(), { 'Idempotency-Key': 'k-1' });
    const again = await post(message(), { 'Idempotency-Key': 'k-1' });
    expect([again.status, await again.json()]).to.deep.equal([200, { id: 'msg-1' }]);
    await post(message({ submissionId: 'k-2' }));
    await post(message({ submissionId: 'k-2' }));
    await post(message());
    await post(message());
    expect(fake.state.sent.map((sent) => sent.id)).to.deep.equal(['msg-1', 'msg-2', 'msg-3', 'msg-4']);
    expect(fake.state.countSubject('Imprimante hors ligne')).to.equal(4);
  });

  it('refuses what a careful endpoint refuses, saying which field', async () => {
    const cases: [BodyInit, number, string[] | undefined][] = [
      [JSON.stringify({ to: 'support@example.fr' }), 415, undefined],
      [message({ subject: ' ', body: '' }), 400, ['subject', 'body']],
      [message({ to: 'anyone@example.org' }), 400, ['to']],
      [message({ replyTo: 'not an address' }), 400, ['replyTo']],
      [message({ subject: 'Hello\r\nBcc: all@example.org' }), 400, ['subject']],
    ];
    for (const [body, status, fields] of cases) {
      const response = await post(body, typeof body === 'string' ? { 'Content-Type': 'application/json' } : {});
      expect(response.status).to.equal(status);
      expect((await response.json()).fields).to.deep.equal(fields);
    }
    await start({ maxSize: 5 });
    expect((await post(message({}, new File(['123456'], 'big.bin')))).status).to.equal(413);
    expect((await fetch(ENDPOINT)).status).to.equal(405);
    expect(fake.state.sent).to.deep.equal([]);
  });

  it('says sent as configured: JSON, plain text or no content', async () => {
    await start({ answer: 'text' });
    expect(await (await post(message())).text()).to.equal('OK');
    await start({ answer: 'empty' });
    expect((await post(message())).status).to.equal(204);
  });

  it('fails on demand, and sends the message whose answer it loses', async () => {
    fake.state.failNext('429', { retryAfter: '5' });
    fake.state.failNext('503');
    fake.state.failNext('html');
    fake.state.failNext('lost-answer');
    const limited = await post(message());
    expect([limited.status, limited.headers.get('Retry-After')]).to.deep.equal([429, '5']);
    expect((await post(message())).status).to.equal(503);
    expect((await post(message())).headers.get('Content-Type')).to.equal('text/html');
    let lost = false;
    await post(message()).catch(() => (lost = true));
    expect(lost).to.equal(true);
    expect(fake.state.sent).to.have.length(1);
    expect(fake.state.requests.map((request) => [request.status, request.failure])).to.deep.equal([
      [429, '429'],
      [503, '503'],
      [200, 'html'],
      [0, 'lost-answer'],
    ]);
  });

  it("answers a 502 or 503 with nginx's own page, as the proxy in front of any helpdesk does (src/mocks/faults.ts)", async () => {
    // nginx src/http/ngx_http_special_response.c: ngx_http_error_502_page / _503_page and
    // ngx_http_error_tail, each line ending in CRLF (the version in the tail left out).
    const page = (title: string) => `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`;
    fake.state.failNext('502');
    fake.state.failNext('503');
    const bad = await post(message());
    expect([bad.status, bad.headers.get('Content-Type'), await bad.text()]).to.deep.equal([502, 'text/html', page('502 Bad Gateway')]);
    const busy = await post(message());
    expect([busy.status, await busy.text()]).to.deep.equal([503, page('503 Service Temporarily Unavailable')]);
    expect(fake.state.sent).to.have.length(0);
  });
});
