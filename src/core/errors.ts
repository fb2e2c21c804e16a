/**
 * Every failure the widgets can meet, as one typed error. Adapters turn HTTP
 * and parsing failures into these; elements turn `kind` into a sentence the
 * person can act on (see `src/i18n`), and keep `detail` for the technical text.
 */
export type HelpdeskErrorKind =
  /** No credentials, or the backend refused them: the person must sign in (again). */
  | 'auth'
  /** Signed in, but the profile lacks the right for this action. */
  | 'forbidden'
  /** The backend refused the data; `fields` names what is missing or wrong when known. */
  | 'validation'
  | 'not-found'
  /** Too many requests; `retryAfter` in seconds when the backend says. */
  | 'rate-limited'
  /** No answer at all: offline, DNS, CORS, connection reset. */
  | 'network'
  | 'timeout'
  /** 5xx from the backend. */
  | 'server'
  /** An answer that is not what the API promises: HTML, truncated JSON, wrong shape. */
  | 'bad-response'
  /** The helpdesk is set up in a way that cannot work (API disabled, IP not allowed, bad app token). */
  | 'setup';

/**
 * A precise cause an adapter recognised, when it changes what the person or their provider
 * must do; elements then show its own sentence (`errorReasons` in `src/i18n`) instead of the
 * kind's.
 */
export type HelpdeskErrorReason =
  /** The account uses two-factor authentication, which the helpdesk refuses with a password: an access token is needed. */
  | 'two-factor'
  /** The helpdesk refuses new tickets in the group the configuration names (`backend.group`). */
  | 'group-refused';

export interface HelpdeskErrorOptions {
  status?: number;
  /** The backend's own error code, e.g. GLPI's `ERROR_SESSION_TOKEN_INVALID`. */
  code?: string;
  /** The backend's message or other technical detail, as plain text. */
  detail?: string;
  fields?: string[];
  retryAfter?: number;
  reason?: HelpdeskErrorReason;
  /** The request never left the browser (it was offline): nothing of it can be at work on the helpdesk. */
  unsent?: boolean;
  cause?: unknown;
}

export class HelpdeskError extends Error {
  readonly kind: HelpdeskErrorKind;
  readonly status?: number;
  readonly code?: string;
  readonly detail?: string;
  readonly fields: string[];
  readonly retryAfter?: number;
  readonly reason?: HelpdeskErrorReason;
  readonly unsent: boolean;

  constructor(kind: HelpdeskErrorKind, options: HelpdeskErrorOptions = {}) {
    super(options.detail ? `${kind}: ${options.detail}` : kind, { cause: options.cause });
    this.name = 'HelpdeskError';
    this.kind = kind;
    this.status = options.status;
    this.code = options.code;
    this.detail = options.detail;
    this.fields = options.fields ?? [];
    this.retryAfter = options.retryAfter;
    this.reason = options.reason;
    this.unsent = options.unsent ?? false;
  }

  /** Whether sending the same request later may succeed without the person changing anything. */
  get transient(): boolean {
    return ['network', 'timeout', 'server', 'rate-limited'].includes(this.kind);
  }

  /**
   * Whether the request may still be at work on the helpdesk although this call is over:
   * the widget gave up waiting (timeout), the connection broke with the request perhaps
   * already sent (network), or a gateway gave up on a helpdesk still busy behind it (504).
   * Any other answer came from a helpdesk that was done with the request.
   */
  get mayStillRun(): boolean {
    return !this.unsent && (this.kind === 'timeout' || this.kind === 'network' || this.status === 504);
  }
}

export function isHelpdeskError(error: unknown): error is HelpdeskError {
  return error instanceof HelpdeskError;
}

/** Wraps anything thrown into a HelpdeskError, so callers handle one type. */
export function toHelpdeskError(error: unknown): HelpdeskError {
  if (isHelpdeskError(error)) return error;
  if (error instanceof DOMException && error.name === 'TimeoutError') {
    return new HelpdeskError('timeout', { cause: error });
  }
  const detail = error instanceof Error ? error.message : String(error);
  return new HelpdeskError('network', { detail, cause: error });
}
