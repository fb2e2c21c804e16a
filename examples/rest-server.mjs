// The REST protocol's example server (docs/rest-protocol.md) on node:http, with the
// demo's tickets in memory. The routes themselves are src/mocks/rest/example-server.ts:
// one fetch-style handler, (request) => Promise<Response>, the same the tests and the
// demo run through msw. Read it to implement the routes in your application.
//
//   npm run build && node examples/rest-server.mjs        (PORT=8787 by default)
//   curl -H 'Authorization: Bearer rest-demo-token' http://localhost:8787/api/support/tickets
//
// Node ≥ 20 has Request and Response; nothing else is needed.
import { createServer } from 'node:http';
import { addRestDemoTickets, createRestExampleServer, REST_DEMO_PERSON, REST_SESSION_COOKIE } from 'support-widgets/mocks';

const port = Number(process.env.PORT ?? 8787);
const basePath = '/api/support';
const server = createRestExampleServer({ basePath, ticketUrl: `http://localhost:${port}/support/tickets/{id}` });
addRestDemoTickets(server.store);

createServer(async (incoming, outgoing) => {
  try {
    // node:http's message → a fetch Request (the body streamed as it comes).
    const headers = new Headers();
    for (const [name, value] of Object.entries(incoming.headers)) {
      for (const one of [value ?? []].flat()) headers.append(name, one);
    }
    const hasBody = !['GET', 'HEAD'].includes(incoming.method ?? 'GET');
    const request = new Request(new URL(incoming.url ?? '/', `http://${incoming.headers.host ?? 'localhost'}`), {
      method: incoming.method,
      headers,
      body: hasBody ? incoming : undefined,
      duplex: 'half',
    });
    const response = await server.handle(request);
    // A fetch Response → node:http's answer.
    outgoing.writeHead(response.status, Object.fromEntries(response.headers));
    outgoing.end(Buffer.from(await response.arrayBuffer()));
  } catch (error) {
    console.error(error);
    outgoing.writeHead(500, { 'Content-Type': 'application/problem+json' });
    outgoing.end(JSON.stringify({ type: 'about:blank', title: 'Internal error', status: 500, code: 'server-error' }));
  }
}).listen(port, () => {
  console.log(`REST protocol example on http://localhost:${port}${basePath}/`);
  console.log(`  bearer token:   Authorization: Bearer ${REST_DEMO_PERSON.token}`);
  console.log(`  session cookie: Cookie: ${REST_SESSION_COOKIE}=${REST_DEMO_PERSON.session}`);
});
