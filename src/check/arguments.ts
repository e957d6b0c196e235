// What the argument rules share: where an argument is written, and the name this site uses for a
// parameter written under another spelling (Keras 2's `alpha` for Keras 3's `negative_slope`).
import { FLAVOURS, findLayers, paramsOf } from '../core';
import type { ActivationReference, ArgumentSpan } from '../language';
import type { Fix } from './types';

/** The keyword of a keyword argument, else its value: what a diagnostic about the argument underlines. */
export function argumentRange(span: ArgumentSpan): { start: number; end: number } {
  return span.keywordStart !== undefined && span.keywordEnd !== undefined ? { start: span.keywordStart, end: span.keywordEnd } : { start: span.start, end: span.end };
}

/** The site's own name for a parameter written as `keyword` in another library's spelling, if any. */
export function siteSpelling(reference: ActivationReference, keyword: string): string | undefined {
  const slots = reference.site?.slots ?? [];
  // Keras 3's name where this site spells it otherwise (`tf.nn.leaky_relu(alpha=…)` for negative_slope).
  const direct = slots.find((slot) => slot.target === keyword && slot.name !== keyword);
  if (direct) return direct.name;
  for (const flavour of FLAVOURS) {
    const params = reference.api === 'layer' && reference.layer ? findLayers(reference.layer.name, flavour).flatMap((layer) => layer.params) : paramsOf(reference.spec, flavour);
    const target = params.find((param) => param.name === keyword)?.target;
    const slot = target === undefined ? undefined : slots.find((candidate) => candidate.target === target && candidate.name !== keyword);
    if (slot) return slot.name;
  }
  return undefined;
}

/** Renames a keyword argument, unless the new name is written too (the call would then pass it twice). */
export function renameKeyword(reference: ActivationReference, span: ArgumentSpan, to: string, safety: Fix['safety']): Fix[] {
  if (span.keywordStart === undefined || span.keywordEnd === undefined) return [];
  if (reference.arguments?.some((other) => other.keyword === to)) return [];
  return [{ title: `Rename \`${span.keyword}\` to \`${to}\``, edits: [{ start: span.keywordStart, end: span.keywordEnd, newText: to }], safety }];
}
