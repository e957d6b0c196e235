// Escaping text for HTML and SVG markup built as strings (the panel's page, exported figures).

/** Text content: `&`, `<` and `>` escaped. */
export function escapeText(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A double-quoted attribute value: text escaping plus `"`. */
export function escapeAttribute(value: string): string {
  return escapeText(value).replace(/"/g, '&quot;');
}
