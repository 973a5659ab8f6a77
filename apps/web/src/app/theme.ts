import { type CSSVariablesResolver, createTheme } from '@mantine/core';

/**
 * Mantine's default theme fails WCAG AA contrast (filled primary buttons, light badges, dimmed text):
 * shade 8 and automatic contrast fix the fills, and dimmed text is darkened to gray 7.
 */
export const theme = createTheme({
  primaryShade: 8,
  autoContrast: true,
  focusRing: 'auto',
  defaultRadius: 'sm',
});

export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': 'var(--mantine-color-gray-7)',
    '--mantine-color-placeholder': 'var(--mantine-color-gray-7)',
  },
  dark: {},
});
