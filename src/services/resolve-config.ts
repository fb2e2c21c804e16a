/**
 * Turns what an element was given — the id of a JSON `<script>`, a config object,
 * or the plain `backend` + `endpoint` attributes — into a checked configuration,
 * or into problems a site administrator can fix. Never throws.
 */
import { parseConfig, type ConfigProblem, type HelpdeskConfig } from '../config/index.js';
import type { Messages } from '../i18n/en.js';

export interface ConfigSource {
  /** `config` attribute (script id) or property (object). */
  config?: unknown;
  backend?: string | null;
  endpoint?: string | null;
}

export type ResolvedConfig = { ok: true; config: HelpdeskConfig } | { ok: false; problems: ConfigProblem[] };

export function resolveConfig(source: ConfigSource, messages: Messages): ResolvedConfig {
  let input: unknown = source.config;
  if (typeof input === 'string') {
    const id = input;
    const script = document.getElementById(id);
    if (!script) return { ok: false, problems: [{ key: 'config', problem: messages.config.notFound(id) }] };
    try {
      input = JSON.parse(script.textContent ?? '');
    } catch (error) {
      return { ok: false, problems: [{ key: 'config', problem: messages.config.badJson(id, (error as Error).message) }] };
    }
  } else if (input === undefined || input === null) {
    if (!source.backend && !source.endpoint) return { ok: false, problems: [{ key: 'config', problem: messages.config.missing }] };
    input = { backend: { type: source.backend ?? undefined, url: source.endpoint ?? undefined } };
  }
  return parseConfig(input);
}
