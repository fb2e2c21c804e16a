import { css } from 'lit';

/** Dark values, used for `prefers-color-scheme: dark` and for `theme="dark"`. */
const dark = css`
  --_text: var(--support-color-text-dark, #e6e9ec);
  --_muted: var(--support-color-muted-dark, #a9b1ba);
  --_surface: var(--support-color-surface-dark, #16191d);
  --_surface-alt: var(--support-color-surface-alt-dark, #22272d);
  --_border: var(--support-color-border-dark, #6d7781);
  --_primary: var(--support-color-primary-dark, #8ab4f8);
  --_on-primary: var(--support-color-on-primary-dark, #0b1a33);
  --_danger: var(--support-color-danger-dark, #ffb4ab);
  --_warning: var(--support-color-warning-dark, #f5c26b);
  --_success: var(--support-color-success-dark, #8fd6a0);
  --_focus: var(--support-color-focus-dark, #8ab4f8);
  color-scheme: dark;
`;

/**
 * The `--support-*` custom properties every element reads, resolved once per host
 * into private `--_*` variables. A host page sets the public ones (on `:root` or on
 * the element); dark values apply with `prefers-color-scheme: dark` unless the
 * element has `theme="light"`, and always with `theme="dark"`.
 */
export const tokens = css`
  :host {
    --_font: var(--support-font-family, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
    --_font-size: var(--support-font-size, 1rem);
    --_radius: var(--support-radius, 0.5rem);
    --_space: var(--support-spacing, 1rem);
    --_text: var(--support-color-text, #1c2024);
    --_muted: var(--support-color-muted, #565d66);
    --_surface: var(--support-color-surface, #ffffff);
    --_surface-alt: var(--support-color-surface-alt, #f3f5f7);
    --_border: var(--support-color-border, #8a939d);
    --_primary: var(--support-color-primary, #1f5fbf);
    --_on-primary: var(--support-color-on-primary, #ffffff);
    --_danger: var(--support-color-danger, #b3261e);
    --_warning: var(--support-color-warning, #8a5300);
    --_success: var(--support-color-success, #1e6b34);
    --_focus: var(--support-color-focus, #1f5fbf);

    color-scheme: light;
    font-family: var(--_font);
    font-size: var(--_font-size);
    line-height: 1.45;
    color: var(--_text);
  }

  @media (prefers-color-scheme: dark) {
    :host(:not([theme='light'])) {
      ${dark}
    }
  }

  :host([theme='dark']) {
    ${dark}
  }

  :host([hidden]) {
    display: none;
  }

  *,
  *::before,
  *::after {
    box-sizing: border-box;
  }

  :focus-visible {
    outline: 3px solid var(--_focus);
    outline-offset: 2px;
  }

  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
`;
