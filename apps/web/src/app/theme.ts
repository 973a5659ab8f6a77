import { Alert, type CSSVariablesResolver, createTheme, Modal } from '@mantine/core';

/**
 * Mantine's default theme fails WCAG AA contrast (filled primary buttons, light badges, dimmed text):
 * shade 8 and automatic contrast fix the fills, dimmed text is darkened to gray 7 and error text to red 9.
 */
export const theme = createTheme({
  primaryShade: 8,
  autoContrast: true,
  focusRing: 'auto',
  defaultRadius: 'sm',
  // People who ask their system for less motion get no transitions (WCAG 2.3.3).
  respectReducedMotion: true,
  components: {
    // The close button is an icon: give it a name screen readers can announce.
    Modal: Modal.extend({ defaultProps: { closeButtonProps: { 'aria-label': 'Close dialog' } } }),
    // Light alerts colour their title with the mid shade, which is too pale on the tinted background.
    Alert: Alert.extend({ styles: { title: { color: 'var(--mantine-color-text)' } } }),
  },
});

export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': 'var(--mantine-color-gray-7)',
    '--mantine-color-placeholder': 'var(--mantine-color-gray-7)',
    '--mantine-color-error': 'var(--mantine-color-red-9)',
  },
  dark: {},
});
