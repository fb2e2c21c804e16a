/**
 * One endpoint of the fake GLPI. Routes only hold the endpoint's own rules:
 * the checks every call goes through (App-Token, session, GET body, CORS,
 * failures asked by tests) are applied around them by `createGlpiFake`.
 */
import type { GlpiApi } from './protocol.js';
import type { FakeSession, GlpiFakeState } from './state.js';

export interface FakeSettings {
  /** Basic login with login/password is enabled (GLPI's `enable_api_login_credentials`). */
  credentialsLogin: boolean;
  /** Asset types the demo profile may not read: 401 `ERROR_RIGHT_MISSING`. */
  deniedItemtypes: readonly string[];
  /** PHP's `post_max_size`, in bytes: larger uploads arrive without their files. */
  postMaxSize: number;
}

export interface FakeCall {
  request: Request;
  params: Record<string, string | readonly string[] | undefined>;
  query: URLSearchParams;
  state: GlpiFakeState;
  settings: FakeSettings;
  api: GlpiApi;
  /** The caller's session; set for every route that needs one. */
  session: FakeSession;
}

export interface Route {
  method: 'get' | 'post' | 'put' | 'delete';
  /** msw path pattern under `apirest.php/`, e.g. `User/:id/:itemtype`. */
  path: string;
  /** Whether a valid Session-Token is required (all but initSession). */
  needsSession?: boolean;
  handle(call: FakeCall): Response | Promise<Response>;
}

/** A path parameter as one string. */
export function param(call: FakeCall, name: string): string {
  const value = call.params[name];
  return typeof value === 'string' ? value : (value?.[0] ?? '');
}
