/**
 * `<support-launcher>`: importing this module registers it
 * (`import 'support-widgets/support-launcher.js'`). The form and the list it opens are
 * imported when it is first opened, so that a page pays only for this small piece until then.
 */
import { SupportLauncher } from './elements/support-launcher/support-launcher.js';

// As `define` (elements/define.ts) does, without importing the code every other element shares:
// a second copy of support-widgets on the page keeps the first one's element.
if (!customElements.get('support-launcher')) customElements.define('support-launcher', SupportLauncher);

export { SupportLauncher };

declare global {
  interface HTMLElementTagNameMap {
    'support-launcher': SupportLauncher;
  }
}
