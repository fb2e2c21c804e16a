/**
 * What every fake answers when the reverse proxy in front of the helpdesk fails: the
 * same nginx error page whatever the helpdesk, since it never reaches the helpdesk.
 */
const TITLES = { 502: '502 Bad Gateway', 503: '503 Service Unavailable' } as const;

/** nginx's HTML page for a 502 (the helpdesk is down) or a 503 (overloaded). */
export function proxyErrorPage(status: '502' | '503'): Response {
  const title = TITLES[status];
  return new Response(`<html><head><title>${title}</title></head><body><center><h1>${title}</h1></center><hr><center>nginx</center></body></html>`, {
    status: Number(status),
    headers: { 'Content-Type': 'text/html' },
  });
}
