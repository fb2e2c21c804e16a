/**
 * How RT's REST2 writes its answers (lib/RT/REST2/Util.pm, Resource/Collection.pm,
 * Middleware/ErrorAsJSON.pm in RT 5.0): records with `{type, id, _url}` references,
 * W3CDTF dates in UTC (the epoch for "not set"), numbers of a collection's fields as
 * strings, collections with page/per_page/total/pages/next_page, and every error as
 * `{"message": …}` with its status.
 */
import { HttpResponse } from 'msw';
import type { RtFakeUser } from './seed.js';
import type { RtFakeArticle, RtFakeAttachment, RtFakeState, RtFakeTicket, RtFakeTransaction } from './state.js';

/** RT's format_datetime: seconds, UTC, `Z`; an unset date is the epoch. */
export const rtDate = (date: Date | undefined) => (date ?? new Date(0)).toISOString().replace(/\.\d{3}Z$/, 'Z');

/** MIME::Base64's encode_base64: lines of 76 characters, each ending in a newline. */
export function mimeBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let start = 0; start < bytes.length; start += 0x8000) binary += String.fromCharCode(...bytes.subarray(start, start + 0x8000));
  return (btoa(binary).match(/.{1,76}/g) ?? []).map((line) => `${line}\n`).join('');
}

/** MIME::Base64's decode_base64: what is not base64 is skipped. */
export function fromBase64(text: string): Uint8Array {
  const clean = text.replace(/[^A-Za-z0-9+/=]/g, '');
  try {
    return Uint8Array.from(atob(clean.slice(0, clean.length - (clean.length % 4))), (char) => char.charCodeAt(0));
  } catch {
    return new Uint8Array();
  }
}

export type RtJson = Record<string, unknown>;

/** One answer's context: the absolute REST2 root, the caller and the request's query. */
export class RtApi {
  constructor(
    readonly root: string,
    readonly state: RtFakeState,
    readonly user: RtFakeUser,
    readonly query: URLSearchParams,
  ) {}

  url(path: string): string {
    return `${this.root}/${path}`;
  }

  /** `{type, id, _url}`: a user is named by login, everything else by id. */
  ref(type: string, id: number | string): RtJson {
    return { type, id: String(id), _url: this.url(`${type}/${id}`) };
  }

  userRef(userId: number, param?: string): RtJson {
    const user = this.state.user(userId);
    const ref = this.ref('user', user?.name ?? userId);
    // `fields[Creator]=Name,RealName` adds those fields of the user.
    for (const field of (param && this.query.get(param)?.split(',')) || []) ref[field] = user ? (userFields(user)[field] ?? '') : '';
    return ref;
  }

  json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
    return HttpResponse.json(body as never, { status, headers: { 'Content-Type': 'application/json; charset=utf-8', ...headers } });
  }

  /** error_as_json. */
  error(status: number, message: string): Response {
    return rtError(status, message);
  }

  /**
   * A collection page. `counted`: RT counts the rows, which are already those the caller may
   * see; otherwise (`total` null) RT reads a page of all rows, then drops those the caller may
   * not see (`visible`), so a page may come short of `per_page` with more after it.
   */
  collection<T>(request: Request, rows: readonly T[], serialize: (row: T) => RtJson, options: { counted: boolean; visible?: (row: T) => boolean }): Response {
    const query = this.query;
    const perPageParam = query.get('per_page') ?? '';
    const perPage = !/^\d+$/.test(perPageParam) || Number(perPageParam) === 0 ? 20 : Math.min(Number(perPageParam), 100);
    const pageParam = query.get('page') ?? '';
    const page = !/^\d+$/.test(pageParam) || Number(pageParam) === 0 ? 1 : Number(pageParam);
    const slice = rows.slice((page - 1) * perPage, page * perPage).filter((row) => options.counted || !options.visible || options.visible(row));
    const items = slice.map(serialize);
    const total = options.counted ? rows.length : null;
    const pages = total === null ? null : Math.ceil(total / perPage);
    const body: RtJson = { count: items.length, total, per_page: perPage, page, items, pages };
    const at = (n: number) => {
      const url = new URL(request.url);
      url.searchParams.delete('page');
      url.searchParams.append('page', String(n));
      return url.href;
    };
    if (pages) {
      if (page < pages) body.next_page = at(page + 1);
      if (page > 1) body.prev_page = at(page > pages ? pages : page - 1);
    }
    return this.json(body);
  }

  /** The `fields=` of a collection, added to each row's reference. */
  fields(): string[] {
    return (this.query.get('fields') ?? '').split(',').filter(Boolean);
  }

  // ---- records ----

  ticketFields(ticket: RtFakeTicket): RtJson {
    const state = this.state;
    return {
      id: ticket.id,
      Type: 'ticket',
      Subject: ticket.subject,
      Status: ticket.status,
      Queue: this.ref('queue', ticket.queue),
      Owner: this.userRef(ticket.owner, 'fields[Owner]'),
      Creator: this.userRef(ticket.creator, 'fields[Creator]'),
      LastUpdatedBy: this.userRef(ticket.lastUpdatedBy, 'fields[LastUpdatedBy]'),
      Requestor: ticket.requestors.map((id) => this.userRef(id, 'fields[Requestor]')),
      // Plain references: RT 5.0.3 expands no `fields[Cc]` (test/mocks/rt-fidelity.test.ts compares with a real one).
      Cc: ticket.cc.map((id) => this.userRef(id)),
      AdminCc: [],
      Priority: String(ticket.priority),
      InitialPriority: '0',
      FinalPriority: '0',
      TimeWorked: '0',
      TimeLeft: '0',
      TimeEstimated: '0',
      EffectiveId: this.ref('ticket', ticket.id),
      Created: rtDate(ticket.created),
      LastUpdated: rtDate(ticket.lastUpdated),
      Resolved: rtDate(ticket.resolved),
      Started: rtDate(undefined),
      Starts: rtDate(undefined),
      Due: rtDate(undefined),
      CustomFields: state.customFields
        .filter((field) => field.queues.includes(ticket.queue))
        .map((field) => ({ ...this.ref('customfield', field.id), name: field.name, values: ticket.customFields.get(field.id) ?? [] })),
    };
  }

  /** `GET ticket/:id`: the record and its hypermedia (Resource/Ticket.pm). */
  ticketRecord(ticket: RtFakeTicket): RtJson {
    const { state, user } = this;
    const self = { ref: 'self', type: 'ticket', id: ticket.id, _url: this.url(`ticket/${ticket.id}`) };
    const links: RtJson[] = [
      self,
      ...state.customFields.filter((field) => field.queues.includes(ticket.queue)).map((field) => ({ ...this.ref('customfield', field.id), ref: 'customfield', name: field.name })),
      { ref: 'history', _url: this.url(`ticket/${ticket.id}/history`) },
    ];
    if (state.canReply(user, ticket)) links.push({ ref: 'correspond', _url: this.url(`ticket/${ticket.id}/correspond`) });
    // The link needs CommentOnTicket itself (staff), though RT takes a comment from anyone with ModifyTicket too.
    if (user.privileged && state.canSee(user, ticket)) links.push({ ref: 'comment', _url: this.url(`ticket/${ticket.id}/comment`) });
    // The default lifecycle's actions from this status, each needing ModifyTicket (deleting needs DeleteTicket, which nobody here has).
    if (state.canModify(user, ticket)) {
      for (const [to, label, update] of LIFECYCLE_ACTIONS[ticket.status] ?? []) {
        if (to === 'deleted') continue;
        const suffix = update === 'Respond' ? '/correspond' : update === 'Comment' ? '/comment' : '';
        links.push({ ref: 'lifecycle', from: ticket.status, to, label, ...(update ? { update } : {}), _url: this.url(`ticket/${ticket.id}${suffix}`) });
      }
    }
    return { ...this.ticketFields(ticket), _hyperlinks: links };
  }

  /**
   * An article's Content field with its value (lib/RT/REST2/Util.pm:186-215): shown only to
   * those with SeeCustomField on it — none otherwise.
   */
  articleCustomFields(article: RtFakeArticle): RtJson[] {
    const field = this.state.articleField;
    if (!this.state.canSeeArticleContent()) return [];
    return [{ ...this.ref('customfield', field.id), name: field.name, values: article.content === undefined ? [] : [article.content] }];
  }

  /**
   * An article's fields as `fields=` selects them (lib/RT/REST2/Resource.pm:74-180): the
   * Class as a reference, and `CustomFields` an empty string when the person may see no
   * field (Resource.pm:115, 179).
   */
  articleFields(article: RtFakeArticle): RtJson {
    const fields = this.articleCustomFields(article);
    return {
      id: article.id,
      Name: article.name,
      Summary: article.summary,
      SortOrder: String(article.sortOrder),
      Class: this.ref('class', article.classId),
      Parent: '0',
      URI: `fsck.com-article://fake-rt/article/${article.id}`,
      Disabled: '0',
      Creator: this.userRef(article.creator),
      Created: rtDate(article.created),
      LastUpdatedBy: this.userRef(article.creator),
      LastUpdated: rtDate(article.created),
      CustomFields: fields.length ? fields : '',
    };
  }

  /** `GET article/:id` (REST2/Resource/Article.pm with Record/Readable.pm): the record, `CustomFields` always a list. */
  articleRecord(article: RtFakeArticle): RtJson {
    const fields = this.articleCustomFields(article);
    return {
      ...this.articleFields(article),
      CustomFields: fields,
      _hyperlinks: [
        { ref: 'self', type: 'article', id: article.id, _url: this.url(`article/${article.id}`) },
        ...fields.map(({ id, name }) => ({ ...this.ref('customfield', String(id)), ref: 'customfield', name })),
        { ref: 'history', _url: this.url(`article/${article.id}/history`) },
      ],
    };
  }

  transactionFields(transaction: RtFakeTransaction): RtJson {
    return {
      id: transaction.id,
      Type: transaction.type,
      Object: this.ref('ticket', transaction.ticket),
      ObjectType: 'RT::Ticket',
      ObjectId: String(transaction.ticket),
      Creator: this.userRef(transaction.creator, 'fields[Creator]'),
      Created: rtDate(transaction.created),
      Field: transaction.field,
      OldValue: transaction.oldValue,
      NewValue: transaction.newValue,
      Data: transaction.data,
      TimeTaken: '0',
    };
  }

  attachmentFields(attachment: RtFakeAttachment): RtJson {
    return {
      id: attachment.id,
      TransactionId: String(attachment.transaction),
      Parent: attachment.parent ? this.ref('attachment', attachment.parent) : '0',
      ContentType: attachment.contentType,
      Filename: attachment.filename,
      Subject: attachment.subject,
      Headers: attachment.headers,
      MessageId: '',
      ContentLength: String(attachment.content.length),
      Creator: this.userRef(attachment.creator, 'fields[Creator]'),
      Created: rtDate(attachment.created),
      Content: new TextDecoder().decode(attachment.content),
    };
  }
}

/** The default lifecycle's `actions` (RT_Config.pm): target, label, and the message that goes with it. */
const LIFECYCLE_ACTIONS: Record<string, [string, string, string?][]> = {
  new: [
    ['open', 'Open It', 'Respond'],
    ['resolved', 'Resolve', 'Comment'],
    ['rejected', 'Reject', 'Respond'],
    ['deleted', 'Delete'],
  ],
  open: [
    ['stalled', 'Stall', 'Comment'],
    ['resolved', 'Resolve', 'Comment'],
    ['rejected', 'Reject', 'Respond'],
  ],
  stalled: [['open', 'Open It']],
  resolved: [['open', 'Re-open', 'Comment']],
  rejected: [['open', 'Re-open', 'Comment']],
  deleted: [['open', 'Undelete']],
};

/** A user's own fields (all of them for themselves and for staff). */
export function userFields(user: RtFakeUser): Record<string, unknown> {
  return { id: user.id, Name: user.name, RealName: user.realName, EmailAddress: user.email, Privileged: user.privileged ? 1 : 0, Disabled: '0' };
}

/** error_as_json, for the places with no RtApi yet (auth, failures). */
export function rtError(status: number, message: string): Response {
  return HttpResponse.json({ message }, { status, headers: { 'Content-Type': 'application/json; charset=utf-8' } });
}

/** RT's login page, which a URL reaching RT's web interface instead of REST2 answers. */
export const LOGIN_PAGE = `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Login</title></head>
<body><div id="body" class="login-body"><form id="login" name="login" method="post" action="/NoAuth/Login.html">
<input name="user" id="user"><input type="password" name="pass"><input type="submit" class="button" value="Login">
</form></div></body></html>`;
