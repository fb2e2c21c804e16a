/**
 * The fake GLPI's memory: its data, the open sessions, the requests it saw,
 * and the failures a test asked for. Route modules read and change it; tests
 * inspect it.
 */
import { demoSeed, type FakeAsset, type FakeCategory, type FakeSeed, type FakeUser } from './seed.js';

export interface FakeSession {
  token: string;
  userId: number;
  openedAt: Date;
}

export interface FakeTicket {
  id: number;
  name: string;
  /** As sent (HTML); answers encode it the way GLPI ≤ 10 does. */
  content: string;
  type: 1 | 2;
  urgency: number;
  status: number;
  itilcategories_id: number;
  users_id_recipient: number;
  date: string;
  /** Linked assets, from `items_id`. */
  items: { itemtype: string; items_id: number }[];
  /** `_users_id_requester_notif` as sent, when it was. */
  requesterNotification?: { use_notification: number[]; alternative_email?: string[] };
  /** The whole `input` object as received, for tests. */
  input: Record<string, unknown>;
}

export interface FakeDocument {
  id: number;
  name: string;
  filename: string;
  mime: string;
  size: number;
  users_id: number;
  file: File;
}

export interface FakeDocumentItem {
  id: number;
  documents_id: number;
  itemtype: string;
  items_id: number;
}

export interface RecordedRequest {
  method: string;
  url: string;
  /** The path after `apirest.php/`, e.g. `Ticket` or `User/7/Computer`. */
  endpoint: string;
  headers: Record<string, string>;
}

/**
 * What `failNext` can make go wrong:
 * - `html`: a 200 HTML login page instead of JSON (URL not reaching apirest.php);
 * - `php-notice`: PHP notice text printed before the real JSON;
 * - `truncated`: the real answer cut in half;
 * - `network`: no answer at all (fetch rejects);
 * - `500`: `ERROR_SQL` with status 500;
 * - `429`: a proxy's rate limit, with `Retry-After`;
 * - `timeout`: the answer comes after `hangMs`;
 * - `expire-session`: every session dies before the request is read.
 */
export type FailureKind = 'html' | 'php-notice' | 'truncated' | 'network' | '500' | '429' | 'timeout' | 'expire-session';

export interface FailureOptions {
  /** How many requests fail this way (default 1). */
  times?: number;
  /** Only requests to this endpoint (`Document`) or below it (`User` matches `User/7/Computer`). */
  endpoint?: string;
  /** `Retry-After` of a 429: seconds or an HTTP date (default "120"). */
  retryAfter?: string;
}

interface QueuedFailure extends FailureOptions {
  kind: FailureKind;
  left: number;
}

export class GlpiFakeState {
  readonly users: FakeUser[];
  readonly categories: FakeCategory[];
  readonly assets: FakeAsset[];
  readonly tickets: FakeTicket[] = [];
  readonly documents: FakeDocument[] = [];
  readonly documentItems: FakeDocumentItem[] = [];
  readonly sessions = new Map<string, FakeSession>();
  /** Every request the fake answered, in order. */
  readonly requests: RecordedRequest[] = [];
  private readonly failures: QueuedFailure[] = [];

  constructor(seed: FakeSeed = demoSeed()) {
    this.users = seed.users;
    this.categories = seed.categories;
    this.assets = seed.assets;
  }

  /** Makes the next matching request(s) fail; see FailureKind. */
  failNext(kind: FailureKind, options: FailureOptions = {}): void {
    this.failures.push({ ...options, kind, left: options.times ?? 1 });
  }

  /** Ends every session, as a server-side expiry or a restart does. */
  expireSessions(): void {
    this.sessions.clear();
  }

  expireSession(token: string): void {
    this.sessions.delete(token);
  }

  openSession(user: FakeUser): FakeSession {
    const bytes = crypto.getRandomValues(new Uint8Array(13));
    const token = Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
    const session = { token, userId: user.id, openedAt: new Date() };
    this.sessions.set(token, session);
    return session;
  }

  userOf(session: FakeSession): FakeUser {
    const user = this.users.find((candidate) => candidate.id === session.userId);
    if (!user) throw new Error(`fake GLPI: session of unknown user ${session.userId}`);
    return user;
  }

  /** The next id of a table: one more than the largest so far, from `first`. */
  nextId(rows: readonly { id: number }[], first = 1): number {
    return rows.reduce((max, row) => Math.max(max, row.id + 1), first);
  }

  /** The failure this request must suffer, if a test asked for one. `expire-session` waits for a request with a session. */
  takeFailure(endpoint: string, hasSessionToken: boolean): QueuedFailure | undefined {
    const index = this.failures.findIndex(
      (failure) =>
        (!failure.endpoint || endpoint === failure.endpoint || endpoint.startsWith(`${failure.endpoint}/`)) &&
        (failure.kind !== 'expire-session' || hasSessionToken),
    );
    if (index < 0) return undefined;
    const failure = this.failures[index];
    if (--failure.left <= 0) this.failures.splice(index, 1);
    return failure;
  }
}
