import { createTheme, type MantineColorsTuple } from '@mantine/core';

// A deep party red, a little darker than Mantine's red so white text on it stays readable (WCAG AA).
const partyRed: MantineColorsTuple = [
  '#fff0f0',
  '#ffdede',
  '#f8baba',
  '#f29393',
  '#ed7272',
  '#ea5c5c',
  '#e94f4f',
  '#cf4141',
  '#b83838',
  '#a12c2c',
];

/**
 * Large, readable type for elderly members on phones: the body text is 17px and form controls
 * at the default size are 16px (which also keeps iOS from zooming into inputs).
 */
export const theme = createTheme({
  primaryColor: 'partyRed',
  primaryShade: 8,
  colors: { partyRed },
  fontSizes: {
    xs: '0.875rem',
    sm: '1rem',
    md: '1.0625rem',
    lg: '1.1875rem',
    xl: '1.375rem',
  },
  lineHeights: { md: '1.6' },
  headings: {
    fontWeight: '700',
    sizes: {
      h1: { fontSize: '1.75rem', lineHeight: '1.3' },
      h2: { fontSize: '1.4rem', lineHeight: '1.35' },
      h3: { fontSize: '1.2rem', lineHeight: '1.4' },
    },
  },
  defaultRadius: 'md',
  cursorType: 'pointer',
  components: {
    Button: { defaultProps: { size: 'md' } },
    TextInput: { defaultProps: { size: 'md' } },
    PasswordInput: { defaultProps: { size: 'md' } },
    Select: { defaultProps: { size: 'md' } },
    Textarea: { defaultProps: { size: 'md' } },
    Autocomplete: { defaultProps: { size: 'md' } },
    NativeSelect: { defaultProps: { size: 'md' } },
    Modal: {
      defaultProps: { radius: 'md' },
      styles: { title: { fontWeight: 700, fontSize: 'var(--mantine-font-size-lg)' } },
    },
  },
});
