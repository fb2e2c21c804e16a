/**
 * Registers an element under its tag unless the page already has one there. Two
 * copies of support-widgets on a page (the script tag of an intranet template and a
 * bundle of an application, or two versions) must not throw: the first one wins,
 * and the second says so once in the console when it is another class.
 */
export function define(tag: string, element: CustomElementConstructor): void {
  const present = customElements.get(tag);
  if (!present) customElements.define(tag, element);
  else if (present !== element) console.info(`support-widgets: <${tag}> is already defined on this page (another copy of support-widgets?); that one is kept.`);
}
