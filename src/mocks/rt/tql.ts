/**
 * The part of RT's TicketSQL the fake understands: `Field op value` clauses joined by AND
 * and OR, with parentheses; fields id, Subject, Status (and `__Active__`/`__Inactive__`),
 * Queue, Requestor[.id|.Name|.EmailAddress], Creator, Owner, Created, LastUpdated and
 * custom fields (`CF.{Name}`, `CF.Name`, `'CF.{Name}'`); values quoted with ' or ", numbers,
 * NULL, and `__CurrentUser__` / `__CurrentUserName__`. RT refuses an unknown field with a
 * 400; a custom field that does not exist simply matches nothing, as in RT.
 */
import type { RtFakeUser } from './seed.js';
import type { RtFakeState, RtFakeTicket } from './state.js';

type Token = { kind: 'word' | 'value' | 'op' | 'paren'; text: string };

export class TicketSqlError extends Error {}

const OPERATORS = /^(?:!=|<>|<=|>=|=|<|>)/;

function tokenize(query: string): Token[] {
  const tokens: Token[] = [];
  let rest = query.trim();
  while (rest) {
    let match: RegExpExecArray | null;
    if ((match = /^\s+/.exec(rest))) {
      // spaces
    } else if ((match = /^[()]/.exec(rest))) tokens.push({ kind: 'paren', text: match[0] });
    else if ((match = OPERATORS.exec(rest))) tokens.push({ kind: 'op', text: match[0] });
    else if ((match = /^(['"])((?:\\.|(?!\1)[^\\])*)\1/.exec(rest))) {
      const value = match[2].replace(/\\(.)/g, '$1');
      // A quoted field name ('CF.{Site}') is a word where a field is expected.
      tokens.push({ kind: 'value', text: value });
    } else if ((match = /^(?:CF|CustomField)\.\{[^}]*\}(?:\.\w+)?/i.exec(rest)) || (match = /^[\w.]+/.exec(rest))) {
      tokens.push({ kind: 'word', text: match[0] });
    } else throw new TicketSqlError(`Wrong query, unexpected '${rest.slice(0, 10)}'`);
    rest = rest.slice(match[0].length);
  }
  return tokens;
}

type Test = (ticket: RtFakeTicket) => boolean;

/** Parses `query` for `user`: a test of tickets, or a TicketSqlError. */
export function ticketSql(query: string, state: RtFakeState, user: RtFakeUser): Test {
  const tokens = tokenize(query);
  let at = 0;
  const peek = () => tokens[at];
  const take = () => tokens[at++];
  const keyword = (word: string) => peek()?.kind === 'word' && peek().text.toUpperCase() === word;

  function expression(): Test {
    let test = term();
    while (keyword('OR')) {
      take();
      const left = test;
      const right = term();
      test = (ticket) => left(ticket) || right(ticket);
    }
    return test;
  }

  function term(): Test {
    let test = factor();
    while (keyword('AND')) {
      take();
      const left = test;
      const right = factor();
      test = (ticket) => left(ticket) && right(ticket);
    }
    return test;
  }

  function factor(): Test {
    const token = take();
    if (!token) throw new TicketSqlError('Wrong query, expecting a clause');
    if (token.kind === 'paren' && token.text === '(') {
      const test = expression();
      if (take()?.text !== ')') throw new TicketSqlError("Wrong query, expecting ')'");
      return test;
    }
    if (token.kind !== 'word' && token.kind !== 'value') throw new TicketSqlError(`Wrong query, expecting a field before '${token.text}'`);
    return clause(token.text);
  }

  function clause(field: string): Test {
    let op = take();
    if (op?.kind === 'word') {
      const word = op.text.toUpperCase();
      if (word === 'NOT' && keyword('LIKE')) take();
      if (word === 'IS' && keyword('NOT')) take();
      op = { kind: 'op', text: { NOT: 'NOT LIKE', IS: at && tokens[at - 1].text.toUpperCase() === 'NOT' ? 'IS NOT' : 'IS', LIKE: 'LIKE' }[word] ?? '' };
    }
    if (!op?.text || op.kind !== 'op') throw new TicketSqlError(`Wrong query, expecting an operator after '${field}'`);
    const valueToken = take();
    if (!valueToken || valueToken.kind === 'paren' || valueToken.kind === 'op') throw new TicketSqlError(`Wrong query, expecting a VALUE after '${field} ${op.text}'`);
    let value = valueToken.text;
    if (value === '__CurrentUser__') value = String(user.id);
    if (value === '__CurrentUserName__') value = user.name;
    const values = fieldValues(field, value);
    return (ticket) => compare(values(ticket), op.text, value);
  }

  /** The ticket's values of a field, as strings; `value` resolves names for the fields that take them. */
  function fieldValues(field: string, value: string): (ticket: RtFakeTicket) => string[] {
    const custom = /^'?(?:CF|CustomField)\.(?:\{(.*)\}|([\w ]+))(?:\.\w+)?'?$/i.exec(field);
    if (custom) {
      const name = custom[1] ?? custom[2];
      return (ticket) => ticket.customFields.get(state.customField(name, ticket.queue)?.id ?? -1) ?? [];
    }
    const [base, sub = ''] = field.split('.');
    const people = (ids: number[]) => {
      const users = ids.map((id) => state.user(id)).filter((one): one is RtFakeUser => Boolean(one));
      if (/^id$/i.test(sub)) return users.map((one) => String(one.id));
      if (/^name$/i.test(sub)) return users.map((one) => one.name);
      // A bare role matches the email address, as RT's Watcher search does; ids and names also match here.
      return users.flatMap((one) => [one.email, one.name, String(one.id)]);
    };
    switch (base.toLowerCase()) {
      case 'id':
        return (ticket) => [String(ticket.id)];
      case 'subject':
        return (ticket) => [ticket.subject];
      case 'status':
        if (value === '__Active__' || value === '__Inactive__') {
          return (ticket) => [['new', 'open', 'stalled'].includes(ticket.status) === (value === '__Active__') ? value : ticket.status];
        }
        return (ticket) => [ticket.status];
      case 'queue':
        return (ticket) => {
          const queue = state.queue(ticket.queue);
          return queue ? [String(queue.id), queue.name] : [];
        };
      case 'requestor':
      case 'requestors':
        return (ticket) => people(ticket.requestors);
      case 'creator':
        return (ticket) => people([ticket.creator]);
      case 'owner':
        return (ticket) => people([ticket.owner]);
      case 'created':
        return (ticket) => [ticket.created.toISOString()];
      case 'lastupdated':
        return (ticket) => [ticket.lastUpdated.toISOString()];
      default:
        // RT's own words, from RT::Tickets::_parser, with the source location Perl's `die` adds:
        // line 3208 in Debian's 5.0.3+dfsg-3~deb12u7 (3187 in earlier builds). The line moves with
        // every build, so tests compare the sentence without it (test/support/rt-messages.ts).
        throw new TicketSqlError(`Unknown field: ${field} at /usr/share/request-tracker5/lib/RT/Tickets.pm line 3208.\n`);
    }
  }

  function compare(values: string[], op: string, value: string): boolean {
    const lower = value.toLowerCase();
    const dates = (a: string) => (/^\d{4}-\d\d-\d\d/.test(a) && /^\d{4}-\d\d-\d\d/.test(value) ? Date.parse(a) - Date.parse(value) : NaN);
    const order = (a: string) => (/^\d+$/.test(a) && /^\d+$/.test(value) ? Number(a) - Number(value) : Number.isNaN(dates(a)) ? a.localeCompare(value) : dates(a));
    switch (op) {
      case '=':
        return values.some((one) => one.toLowerCase() === lower);
      case '!=':
      case '<>':
        return !values.some((one) => one.toLowerCase() === lower);
      case 'LIKE':
        return values.some((one) => one.toLowerCase().includes(lower));
      case 'NOT LIKE':
        return !values.some((one) => one.toLowerCase().includes(lower));
      case 'IS':
        return !values.length || values.every((one) => one === '');
      case 'IS NOT':
        return values.some((one) => one !== '');
      case '<':
        return values.some((one) => order(one) < 0);
      case '>':
        return values.some((one) => order(one) > 0);
      case '<=':
        return values.some((one) => order(one) <= 0);
      case '>=':
        return values.some((one) => order(one) >= 0);
      default:
        throw new TicketSqlError(`Wrong query, unknown operator ${op}`);
    }
  }

  if (!tokens.length) return () => true;
  const test = expression();
  if (at < tokens.length) throw new TicketSqlError(`Wrong query, unexpected '${tokens[at].text}'`);
  return test;
}
