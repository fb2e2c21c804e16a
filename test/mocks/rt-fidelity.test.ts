/**
 * The fake RT against a real RT 5 (test/support/real-rt.mjs): the same raw requests go to
 * both, and what the adapter depends on must come back the same — statuses, RT's error
 * messages, the keys of records and collections, the references, which transactions and
 * MIME parts a requester sees, RT 5.0.3's failures. Nothing tied to one build of Debian's
 * package is compared: error sentences lose the Perl source location `die` appends to them
 * (test/support/rt-messages.ts), and the accounts' and queues' ids are read from the real
 * RT rather than assumed from its initial data. The fake is seeded with the real one's
 * accounts, queues and custom fields, under those ids. Skipped with the other real-RT tests
 * when RT is not installed.
 */
import { expect } from '@open-wc/testing';
import { createRtFake, type RtFakeSeed } from '../../src/mocks/index.js';
import { basicOf, realRt, type RealRt } from '../support/real-rt-client.js';
import { useHandlers } from '../support/msw.js';
import { withoutPerlLocation } from '../support/rt-messages.js';

const FAKE = 'https://fidelity.example/REST/2.0';

type Who = 'requester' | 'agent' | 'other' | 'wrong' | 'none';

interface Target {
  url: string;
  auth: Record<Who, string | undefined>;
  queue: string;
  restrictedQueue: string;
  /** An address of an account of both: a Cc member RT finds rather than makes. */
  ccKnown: string;
  /** Record ids on the real RT, which the fake is given too. */
  ids: { requester: number; other: number };
  /** The article classes: one everyone reads, one staff only. */
  articleClass: string;
  hiddenClass: string;
  /** Keeps this run's article names apart from other tests' on the real RT (the same on both targets). */
  tag: string;
}

interface Answer {
  status: number;
  type: ResponseType;
  location: string | null;
  body: unknown;
}

async function call(target: Pick<Target, 'url' | 'auth'>, path: string, init: { as?: Who; method?: string; json?: unknown; headers?: Record<string, string> } = {}): Promise<Answer> {
  const auth = target.auth[init.as ?? 'requester'];
  const response = await fetch(`${target.url}/${path}`, {
    method: init.method ?? (init.json === undefined ? 'GET' : 'POST'),
    headers: { ...(auth ? { Authorization: auth } : {}), ...(init.json === undefined ? {} : { 'Content-Type': 'application/json' }), ...init.headers },
    body: init.json === undefined ? undefined : JSON.stringify(init.json),
    redirect: 'manual',
    credentials: 'omit',
    cache: 'no-store',
  });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : '';
  } catch {
    // kept as text
  }
  return { status: response.status, type: response.type, location: response.headers.get('Location'), body };
}

const keys = (value: unknown) => (value && typeof value === 'object' ? Object.keys(value).sort() : typeof value);
const items = (answer: Answer) => (answer.body as { items: Record<string, unknown>[] }).items;
/** A sentence with its ticket id made neutral. */
const neutral = (text: unknown) => String(text).replace(/Ticket \d+:/, 'Ticket N:');

/**
 * The probes: each makes its calls on one helpdesk and returns what must be equal on both.
 * They run in order, on the tickets they make (the real RT also holds other tests' tickets).
 */
async function probe(target: Target): Promise<Record<string, unknown>> {
  const seen: Record<string, unknown> = {};
  const note = (name: string, value: unknown) => (seen[name] = withoutPerlLocation(value));
  const { queue, ids } = target;

  note('rt', keys((await call(target, 'rt')).body));
  for (const who of ['none', 'wrong'] as const) note(`refused ${who}`, (await call(target, 'rt', { as: who })).type);

  const file = { FileName: 'note.txt', FileType: 'text/plain', FileContent: btoa('still jammed') };
  const created = await call(target, 'ticket', {
    json: { Queue: queue, Subject: 'Fidelity <b>&', Requestor: ids.requester, Content: '<p>Bloqué</p>', ContentType: 'text/html', Priority: 75, CustomFields: { 'Widget submission': 'fid-1', Site: 'Lyon' }, Attachments: [file] },
  });
  note('create', [created.status, keys(created.body), /\/REST\/2\.0\/ticket\/\d+$/.test(created.location ?? '')]);
  const id = (created.body as { id: string }).id;

  for (const [name, json] of [
    ['no queue', { Subject: 'x' }],
    ['queue refused', { Queue: 'General', Subject: 'x' }],
    ['attachment incomplete', { Queue: queue, Attachments: [{ FileName: 'a.txt' }] }],
    ['attachments not a list', { Queue: queue, Attachments: {} }],
  ] as const) {
    const refused = await call(target, 'ticket', { json });
    note(name, [refused.status, refused.body]);
  }

  const record = await call(target, `ticket/${id}`);
  const ticket = record.body as Record<string, unknown> & { _hyperlinks: { ref: string; to?: string; label?: string; update?: string }[] };
  note('ticket keys', keys(ticket));
  note('ticket values', [typeof ticket.id, ticket.Subject, ticket.Status, ticket.Priority, keys(ticket.Requestor), (ticket.Requestor as { id: string }[])[0].id, keys(ticket.Queue)]);
  note('ticket links', ticket._hyperlinks.map((link) => [link.ref, link.to, link.label, link.update]));
  note('ticket fields', (ticket.CustomFields as { name: string; values: string[] }[]).map((field) => [field.name, field.values]).sort());
  note('if-modified-since', (await call(target, `ticket/${id}`, { headers: { 'If-Modified-Since': 'Sat, 21 Nov 2026 10:46:53 GMT' } })).status);
  note('unknown ticket', [(await call(target, 'ticket/987654')).status, (await call(target, 'ticket/987654')).body]);

  // People kept informed: a comma-separated Cc (RT 5.0.3 `_ResolveRoles` → `ParseInputPrincipals`), a known user's
  // address and an unknown one (made a user), any creator allowed (`Create`'s %acls); read back as role members.
  const withCc = await call(target, 'ticket', {
    json: { Queue: queue, Subject: 'Fidelity cc', Requestor: ids.requester, Content: 'cc', ContentType: 'text/plain', Cc: `${target.ccKnown}, new.watcher@example.com` },
  });
  note('create with cc', withCc.status);
  // Asked with `fields[Cc]`, which RT 5.0.3 does not expand: a member is a plain reference whose id is the user's name
  // (for a user made from an address, the address).
  const ccRecord = (await call(target, `ticket/${(withCc.body as { id: string }).id}?fields[Cc]=EmailAddress`)).body as { Cc: { id: string }[] };
  note('cc members', ccRecord.Cc.map((member) => [Object.keys(member).sort(), member.id]).sort());

  // Cc by PUT (Util.pm:480-589): the array replaces the list; a comma string is one address; no AddCc; 200 "Permission
  // denied" without ModifyTicket, the unknown address made a user all the same; an entry naming no one is an empty 500.
  const ccId = (withCc.body as { id: string }).id;
  const ccNow = async () => ((await call(target, `ticket/${ccId}`)).body as { Cc: { id: string }[] }).Cc.map((member) => member.id).sort();
  const putCc = async (Cc: unknown, ticketId = ccId) => {
    const answer = await call(target, `ticket/${ticketId}`, { method: 'PUT', json: { Cc } });
    return [answer.status, answer.body];
  };
  note('put cc union', await putCc([...(await ccNow()), 'added.watcher@example.com']));
  note('put cc again', await putCc(['added.watcher@example.com', ...(await ccNow()), target.ccKnown]));
  note('cc after union', await ccNow());
  // The addition first, then the removals in the order of the users’ ids as text (Util.pm:564), which differ between the two.
  const [commaStatus, [added, ...removed]] = (await putCc('comma.one@example.com, comma.two@example.com')) as [number, string[]];
  note('put cc comma string', [commaStatus, added, removed.sort()]);
  note('cc after comma string', await ccNow());
  note('put AddCc', (await call(target, `ticket/${ccId}`, { method: 'PUT', json: { AddCc: ['x@example.com'] } })).body);
  note('put cc unknown login', await putCc(['comma.one@example.com', 'no-such-login']));
  const restricted = await call(target, 'ticket', {
    json: { Queue: target.restrictedQueue, Subject: 'Fidelity restricted cc', Requestor: ids.requester, Content: 'cc', ContentType: 'text/plain', Cc: 'first.watcher@example.com' },
  });
  const restrictedId = (restricted.body as { id: string }).id;
  note('put cc refused', await putCc(['first.watcher@example.com', `refused.${target.tag}@example.com`], restrictedId));
  note('refused made a user', (await call(target, `user/${encodeURIComponent(`refused.${target.tag}@example.com`)}`, { as: 'agent' })).status);
  note('refused links', ((await call(target, `ticket/${restrictedId}`)).body as { _hyperlinks: { ref: string }[] })._hyperlinks.map((link) => link.ref));

  // Articles (REST2 Resource/Article.pm, Articles.pm).
  const articleName = `Fidelity article ${target.tag}`;
  const made = await call(target, 'article', { as: 'agent', json: { Class: target.articleClass, Name: articleName, Summary: 'A summary', CustomFields: { Content: '<p>Body</p>\nline' } } });
  note('article create', [made.status, keys(made.body), /\/REST\/2\.0\/article\/\d+$/.test(made.location ?? '')]);
  const articleId = (made.body as { id: string }).id;
  for (const [name, as, json] of [
    ['article no class', 'agent', { Name: 'x' }],
    ['article unknown class', 'agent', { Class: 'No such class', Name: 'x' }],
    ['article by a requester', 'requester', { Class: target.articleClass, Name: 'x' }],
    ['article same name', 'agent', { Class: target.articleClass, Name: articleName }],
    ['article no name', 'agent', { Class: target.articleClass }],
  ] as const) {
    const refused = await call(target, 'article', { as, json });
    note(name, [refused.status, refused.body]);
  }
  const hiddenMade = await call(target, 'article', { as: 'agent', json: { Class: target.hiddenClass, Name: `Fidelity hidden ${target.tag}`, CustomFields: { Content: 'staff' } } });
  const hiddenId = (hiddenMade.body as { id: string }).id;
  const article = (await call(target, `article/${articleId}`)).body as Record<string, unknown> & { CustomFields: { name: string; values: unknown[] }[]; _hyperlinks: { ref: string }[] };
  note('article keys', keys(article));
  note('article values', [typeof article.id, article.Name, article.Summary, article.SortOrder, article.Parent, article.Disabled, keys(article.Class), keys(article.Creator)]);
  note('article fields', article.CustomFields.map((field) => [keys(field), field.name, field.values]));
  note('article links', article._hyperlinks.map((link) => link.ref));
  note('article hidden', [(await call(target, `article/${hiddenId}`)).status, (await call(target, `article/${hiddenId}`)).body]);
  note('article unknown', [(await call(target, 'article/987654')).status, (await call(target, 'article/987654')).body]);
  const fieldId = (article.CustomFields[0] as unknown as { id: string }).id;
  const field = (await call(target, `customfield/${fieldId}`)).body as Record<string, unknown>;
  note('content field', [keys(field), field.Name, field.Type, field.LookupType, field.MaxValues]);
  note('unknown field', [(await call(target, 'customfield/987654')).status, (await call(target, 'customfield/987654')).body]);
  const everything = [{ field: 'id', operator: '>', value: 0 }];
  for (const [name, path, json] of [
    ['articles no query', 'articles', undefined],
    ['articles empty', 'articles', []],
    ['articles unknown field only', 'articles', [{ field: 'Nothing', value: 'x' }]],
  ] as const) {
    note(name, (await call(target, path, json === undefined ? {} : { json })).body);
  }
  const listed = await call(target, 'articles?per_page=500&fields=Name,Summary,CustomFields,Class', { json: everything });
  const list = listed.body as Record<string, unknown> & { items: (Record<string, unknown> & { Name: string })[] };
  note('articles list', [keys(list), list.per_page, list.total, list.pages, list.items.some((item) => item.Name === `Fidelity hidden ${target.tag}`)]);
  const ours = list.items.find((item) => item.Name === articleName)!;
  note('articles item', [keys(ours), ours.Summary, keys(ours.Class), (ours.CustomFields as { name: string; values: unknown[] }[]).map((one) => [keys(one), one.name, one.values])]);
  const search = async (query: unknown[]) =>
    ((await call(target, 'articles?fields=Name&per_page=100', { json: query })).body as { items: { Name: string }[] }).items.map((item) => item.Name).filter((name) => name.includes(target.tag)).sort();
  note('articles OR on one field', await search([{ field: 'Name', operator: 'LIKE', value: `article ${target.tag}` }, { field: 'Name', operator: 'LIKE', value: 'nothing-like-it' }]));
  note('articles AND across fields', await search([{ field: 'Name', operator: 'LIKE', value: target.tag }, { field: 'Summary', operator: 'LIKE', value: 'nothing-like-it' }]));
  note('articles class by name', await search([{ field: 'Class', value: target.articleClass }]));
  note('articles not an array', [(await call(target, 'articles', { json: { field: 'id' } })).status, (await call(target, 'articles', { json: { field: 'id' } })).body]);

  const theirs = await call(target, 'ticket', { as: 'agent', json: { Queue: queue, Subject: 'Not yours', Requestor: ids.other, Content: 'private', ContentType: 'text/plain' } });
  const theirId = (theirs.body as { id: string }).id;
  const forbidden = await call(target, `ticket/${theirId}`);
  note('their ticket', [forbidden.status, forbidden.body]);
  const theirReply = await call(target, `ticket/${theirId}/correspond`, { json: { Content: 'x', ContentType: 'text/plain' } });
  note('their reply', [theirReply.status, theirReply.body]);
  note('their history', keys((await call(target, `ticket/${theirId}/history`)).body));

  note('put same', (await call(target, `ticket/${id}`, { method: 'PUT', json: { Status: 'new' } })).body);
  note('put resolved', ((await call(target, `ticket/${id}`, { method: 'PUT', json: { Status: 'resolved' } })).body as string[]).map(neutral));
  note('put invalid', ((await call(target, `ticket/${id}`, { method: 'PUT', json: { Status: 'bogus' } })).body as string[]).map(neutral));
  const missing = await call(target, 'ticket/987654', { method: 'PUT', json: { Status: 'open' } });
  note('put missing', [missing.status, missing.body]);

  const noType = await call(target, `ticket/${id}/correspond`, { json: { Content: 'x' } });
  note('reply without type', [noType.status, noType.body]);
  const reply = await call(target, `ticket/${id}/correspond`, { json: { Content: 'Ça recommence', ContentType: 'text/plain' } });
  note('reply', [reply.status, reply.body, /\/REST\/2\.0\/transaction\/\d+$/.test(reply.location ?? '')]);
  await call(target, `ticket/${id}/comment`, { as: 'agent', json: { Content: 'internal', ContentType: 'text/plain' } });
  const answer = await call(target, `ticket/${id}/correspond`, { as: 'agent', json: { Content: '<p>Réglé</p>', ContentType: 'text/html', Status: 'resolved' } });
  note('agent reply with status', answer.body);
  note('status after', ((await call(target, `ticket/${id}`)).body as { Status: string }).Status);

  const history = await call(target, `ticket/${id}/history?fields=Type,Creator,Field,OldValue,NewValue&${encodeURIComponent('fields[Creator]')}=Name,RealName&per_page=100`);
  note('history', [keys(history.body), (history.body as { total: unknown }).total, items(history).map((item) => [item.Type, item.Field, item.OldValue, item.NewValue, keys(item.Creator)])]);
  note('history item keys', keys(items(history)[0]));
  const agentHistory = await call(target, `ticket/${id}/history?fields=Type&per_page=100`, { as: 'agent' });
  note('agent history types', new Set(items(agentHistory).map((item) => item.Type)).has('Comment'));

  const parts = await call(target, `ticket/${id}/attachments?fields=TransactionId,ContentType,Filename,ContentLength&per_page=100`);
  note('parts', items(parts).map((part) => [part.ContentType, part.Filename, part.ContentLength, typeof part.TransactionId]));
  note('parts item keys', keys(items(parts)[0]));
  note('parts with parent', (await call(target, `ticket/${id}/attachments?fields=Parent`)).status);
  const fileId = items(parts).find((part) => part.Filename === 'note.txt')!.id;
  const attachment = (await call(target, `attachment/${fileId}`)).body as Record<string, unknown>;
  note('attachment', [keys(attachment), attachment.Content, keys(attachment.TransactionId), keys(attachment.Parent)]);
  const top = items(parts)[0].id;
  note('top part', [((await call(target, `attachment/${top}`)).body as { Parent: unknown }).Parent, 'Filename' in ((await call(target, `attachment/${top}`)).body as object)]);
  note('unknown attachment', (await call(target, 'attachment/987654')).status);

  const query = encodeURIComponent(`Requestor.id = '__CurrentUser__' AND CF.{Widget submission} = 'fid-1'`);
  const found = await call(target, `tickets?query=${query}&fields=Subject,Status,Priority,LastUpdated&per_page=1`);
  note('search', [keys(found.body), keys(items(found)[0]), items(found)[0].Subject, items(found)[0].Priority]);
  const unknownField = await call(target, `tickets?query=${encodeURIComponent("Foo = 'x'")}`);
  note('search unknown field', [unknownField.status, unknownField.body]);
  note('search unknown custom field', (await call(target, `tickets?query=${encodeURIComponent("CF.{Nothing} = 'x'")}`)).body);

  note('own user', keys((await call(target, `user/${ids.requester}`)).body));
  const other = await call(target, `user/${ids.other}`);
  note('other user', [other.status, other.body]);
  const queueRecord = (await call(target, `queue/${encodeURIComponent(queue)}`)).body as { TicketCustomFields: { name: string }[] };
  note('queue fields', queueRecord.TicketCustomFields.map((field) => field.name).sort());
  const unknownPath = await call(target, 'nothing-here');
  note('unknown path', [unknownPath.status, unknownPath.body]);
  return seen;
}

describe('fake RT against a real RT 5', function () {
  let rt: RealRt & { articleClass?: string; hiddenClass?: string };

  before(async function () {
    rt = await realRt(this);
  });

  it('answers the adapter’s requests as the real one does', async function () {
    this.timeout(120_000);
    const withoutIds: Omit<Target, 'ids'> = {
      url: rt.url,
      auth: {
        requester: `token ${rt.requester.token}`,
        agent: basicOf(rt.agent),
        other: basicOf(rt.other),
        wrong: basicOf({ login: rt.requester.login, password: 'wrong' }),
        none: undefined,
      },
      queue: rt.queue,
      restrictedQueue: rt.restrictedQueue,
      ccKnown: rt.other.email,
      articleClass: rt.articleClass ?? 'General',
      hiddenClass: rt.hiddenClass ?? 'Widget internal',
      tag: Math.random().toString(36).slice(2, 8),
    };
    /** A record's id on the real RT, read by someone allowed to see it (RT numbers users, groups and queues from its initial data on). */
    const idOf = async (path: string, as: Who) => {
      const { status, body } = await call(withoutIds, path, { as });
      expect(status, path).to.equal(200);
      return Number((body as { id: unknown }).id);
    };
    const user = (account: { login: string }, as: Who) => idOf(`user/${encodeURIComponent(account.login)}`, as);
    const queueId = (name: string) => idOf(`queue/${encodeURIComponent(name)}`, 'agent');
    const ids = { requester: await user(rt.requester, 'requester'), other: await user(rt.other, 'other'), agent: await user(rt.agent, 'agent') };
    const queues = { main: await queueId(rt.queue), restricted: await queueId(rt.restrictedQueue) };
    const real: Target = { ...withoutIds, ids };
    // The articles' field and classes, as the real RT numbers them: read from an article of the class staff only read.
    const idsArticle = await call(real, 'article', { as: 'agent', json: { Class: rt.hiddenClass, Name: `Fidelity ids ${real.tag}`, CustomFields: { Content: 'x' } } });
    const ofProbe = (await call(real, `article/${(idsArticle.body as { id: string }).id}`, { as: 'agent' })).body as { Class: { id: string }; CustomFields: { id: string }[] };
    const seed: RtFakeSeed = {
      users: [
        { id: 1, name: 'RT_System', realName: 'The RT System itself', email: '', password: '', privileged: true },
        { id: 6, name: 'Nobody', realName: 'Nobody in particular', email: '', password: '', privileged: false },
        { id: ids.requester, name: rt.requester.login, realName: rt.requester.name, email: rt.requester.email, password: rt.requester.password, token: rt.requester.token, privileged: false },
        { id: ids.other, name: rt.other.login, realName: rt.other.name, email: rt.other.email, password: rt.other.password, privileged: false },
        { id: ids.agent, name: rt.agent.login, realName: rt.agent.name, email: rt.agent.email, password: rt.agent.password, privileged: true },
      ],
      queues: [
        { id: 1, name: 'General', description: 'The default queue', requestersCreate: false, requestersModify: false },
        { id: queues.main, name: rt.queue, description: '', requestersCreate: true, requestersModify: true },
        { id: queues.restricted, name: rt.restrictedQueue, description: '', requestersCreate: true, requestersModify: false },
      ],
      customFields: [
        { id: 1, name: rt.submissionField, queues: [queues.main, queues.restricted] },
        { id: 2, name: rt.siteField, queues: [queues.main] },
      ],
      // RT's own class and the test RT's staff-only one; the Content field everyone may see.
      articleClasses: [
        { id: 1, name: withoutIds.articleClass, readers: 'everyone' },
        { id: Number(ofProbe.Class.id), name: withoutIds.hiddenClass, readers: 'staff' },
      ],
      articleField: { id: Number(ofProbe.CustomFields[0].id), name: 'Content', type: 'Text', everyoneSees: true },
    };
    const fake = createRtFake({ baseUrl: FAKE, seed });
    await useHandlers(...fake.handlers);
    const fakeTarget: Target = { ...real, url: FAKE };
    const [fromReal, fromFake] = [await probe(real), await probe(fakeTarget)];
    for (const name of Object.keys(fromReal)) expect(fromFake[name], name).to.deep.equal(fromReal[name]);
  });
});
