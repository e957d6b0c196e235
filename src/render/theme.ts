// Colours for images that cannot read CSS (hover formulas and curves are data-URI images), per theme kind.
// Chosen to match VS Code's default themes and to keep ≥ 4.5:1 contrast against their hover backgrounds.

export type ThemeKind = 'light' | 'dark' | 'highContrast' | 'highContrastLight';

export const THEME_KINDS: readonly ThemeKind[] = ['light', 'dark', 'highContrast', 'highContrastLight'];

export interface ThemePalette {
  /** Formula glyphs and labels. */
  readonly text: string;
  readonly curve: string;
  readonly derivative: string;
  readonly axis: string;
  readonly grid: string;
}

export const PALETTES: Readonly<Record<ThemeKind, ThemePalette>> = {
  dark: { text: '#d4d4d4', curve: '#4fc1ff', derivative: '#e5a05a', axis: '#858585', grid: '#3c3c3c' },
  light: { text: '#1f1f1f', curve: '#005fb8', derivative: '#b35900', axis: '#767676', grid: '#e0e0e0' },
  highContrast: { text: '#ffffff', curve: '#3ff2ff', derivative: '#ffd000', axis: '#ffffff', grid: '#6f6f6f' },
  highContrastLight: { text: '#000000', curve: '#0f4a85', derivative: '#8c3b00', axis: '#000000', grid: '#a0a0a0' },
};
