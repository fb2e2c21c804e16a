/** `<contact-guidance>`: importing this module registers it. */
import { define } from './elements/define.js';
import { ContactGuidance } from './elements/contact-guidance/contact-guidance.js';

define('contact-guidance', ContactGuidance);

export { ContactGuidance };
