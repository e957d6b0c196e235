// Hover provider for activations in Python files, notebook cells, TS/JS and Markdown (and in the examples of
// docstrings and JSDoc comments): recognition and rendering are pure (src/language, src/render); this seam
// finds the reference (or the hand-written activation whose name is hovered), picks the theme and wraps the markdown.
import * as vscode from 'vscode';
import { EVALUATE_COMMAND, OPEN_PLOT_COMMAND } from '../commands';
import { flavourOf, handwrittenChecks } from '../check/handwritten';
import { referenceAt, type CodeDocumentIndex } from '../language';
import { buildFunctionHover } from '../check/handwritten/hover';
import { buildHover } from '../render/hover';
import type { ThemeKind } from '../render/theme';
import { ACTIVATION_SELECTOR, documentIndex } from './documentIndex';
import { kerasMajor } from './kerasVersion';
import { hoverEnabled } from './settings';

export function register(context: vscode.ExtensionContext): void {
  context.subscriptions.push(vscode.languages.registerHoverProvider(ACTIVATION_SELECTOR, { provideHover }));
}

function provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
  if (!hoverEnabled(document)) return undefined;
  const index = documentIndex(document);
  if (!index) return undefined;
  const offset = document.offsetAt(position);
  const reference = referenceAt(index, offset, { kerasVersion: kerasMajor(document) });
  if (!reference) return index.language === 'python' ? functionHover(document, index, offset) : undefined;

  const markdown = new vscode.MarkdownString(
    buildHover(reference, {
      theme: themeKind(vscode.window.activeColorTheme.kind),
      plotLink: true,
      // Evaluate runs code lines; a documentation line (a fence, a doctest) is not one to it yet.
      evaluateArgs: reference.region ? undefined : [{ uri: document.uri.toString(), line: position.line }],
    }),
  );
  markdown.isTrusted = { enabledCommands: [OPEN_PLOT_COMMAND, EVALUATE_COMMAND] };
  markdown.supportHtml = true;
  markdown.supportThemeIcons = true;
  return new vscode.Hover(markdown, new vscode.Range(document.positionAt(reference.start), document.positionAt(reference.end)));
}

/** On a hand-written activation's name: its verdict against the library (checked once per document version). */
function functionHover(document: vscode.TextDocument, index: CodeDocumentIndex, offset: number): vscode.Hover | undefined {
  const check = handwrittenChecks(index, flavourOf({ major: kerasMajor(document) })).find(({ fn }) => fn.nameSpan.start <= offset && offset <= fn.nameSpan.end);
  if (!check) return undefined;
  const markdown = new vscode.MarkdownString(buildFunctionHover(check, { theme: themeKind(vscode.window.activeColorTheme.kind), plotLink: true }));
  markdown.isTrusted = { enabledCommands: [OPEN_PLOT_COMMAND] };
  markdown.supportHtml = true;
  markdown.supportThemeIcons = true;
  return new vscode.Hover(markdown, new vscode.Range(document.positionAt(check.fn.nameSpan.start), document.positionAt(check.fn.nameSpan.end)));
}

/** Hover images bake colours in; each request reads the current theme, so a theme change shows at once. */
export function themeKind(kind: vscode.ColorThemeKind): ThemeKind {
  switch (kind) {
    case vscode.ColorThemeKind.Light:
      return 'light';
    case vscode.ColorThemeKind.HighContrast:
      return 'highContrast';
    case vscode.ColorThemeKind.HighContrastLight:
      return 'highContrastLight';
    default:
      return 'dark';
  }
}
