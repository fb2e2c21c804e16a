/**
 * The browser's side of the real RT the test server runs (test/support/real-rt.mjs): its
 * address and test accounts, or this file's tests skipped with a notice when RT is not
 * installed — failed instead when the run requires it (REQUIRE_REAL_RT=1, as CI does).
 */

export interface RealRtAccount {
  login: string;
  password: string;
  email: string;
  name: string;
}

export interface RealRt {
  available: boolean;
  required?: boolean;
  reason?: string;
  /** The REST2 root, proxied same-origin: `/real-rt/REST/2.0`. */
  url: string;
  queue: string;
  restrictedQueue: string;
  submissionField: string;
  siteField: string;
  requester: RealRtAccount & { token: string };
  other: RealRtAccount;
  agent: RealRtAccount;
}

let status: Promise<RealRt> | undefined;

/** RT started (once per run, on first use), or the calling suite skipped; use in a `before` hook. */
export async function realRt(context: Mocha.Context): Promise<RealRt> {
  // Starting RT takes a few seconds, and more on a busy machine.
  context.timeout(180_000);
  status ??= fetch('/real-rt-status').then((response) => response.json() as Promise<RealRt>);
  const rt = await status;
  if (rt.available) return rt;
  if (rt.required) throw new Error(`a real RT 5 is required (REQUIRE_REAL_RT=1): ${rt.reason}`);
  console.warn(`Skipping the real-RT tests: ${rt.reason}`);
  context.skip();
}

/** Basic auth of an account, for raw calls. */
export const basicOf = ({ login, password }: { login: string; password: string }) => `Basic ${btoa(`${login}:${password}`)}`;
