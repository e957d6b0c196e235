// Where a rule is documented: its section of docs/rules.md (GitHub's slug of the heading `## AL101 unknown-activation`).
export const ruleAnchor = (rule: { readonly code: string; readonly rule?: string; readonly name?: string }): string => `${rule.code.toLowerCase()}-${rule.name ?? rule.rule ?? ''}`;
