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
 * Mantine's palettes with shades 7–9 darkened where they fall short of WCAG AA (ADR 041): shade 8
 * is the filled colour behind white text and the text colour of `c="red"`, shade 9 the text of a
 * light badge or button on shade 1. Each shade 7–9 has at least 4,5:1 against white and shade 8 and
 * 9 against shade 1 (Mantine's yellow 9 on yellow 1 was 2,68:1, green 8 on white 3,45:1).
 */
const accessibleColors: Record<string, MantineColorsTuple> = {
  red: [
    '#fff5f5',
    '#ffe3e3',
    '#ffc9c9',
    '#ffa8a8',
    '#ff8787',
    '#ff6b6b',
    '#fa5252',
    '#e91212',
    '#c51e1e',
    '#9b2020',
  ],
  orange: [
    '#fff4e6',
    '#ffe8cc',
    '#ffd8a8',
    '#ffc078',
    '#ffa94d',
    '#ff922b',
    '#fd7e14',
    '#c35106',
    '#b04409',
    '#94310a',
  ],
  yellow: [
    '#fff9db',
    '#fff3bf',
    '#ffec99',
    '#ffe066',
    '#ffd43b',
    '#fcc419',
    '#fab005',
    '#a26900',
    '#9c5b00',
    '#854500',
  ],
  lime: [
    '#f4fce3',
    '#e9fac8',
    '#d8f5a2',
    '#c0eb75',
    '#a9e34b',
    '#94d82d',
    '#82c91e',
    '#51810f',
    '#48770b',
    '#3c6008',
  ],
  green: [
    '#ebfbee',
    '#d3f9d8',
    '#b2f2bb',
    '#8ce99a',
    '#69db7c',
    '#51cf66',
    '#40c057',
    '#29853a',
    '#247834',
    '#1e612b',
  ],
  teal: [
    '#e6fcf5',
    '#c3fae8',
    '#96f2d7',
    '#63e6be',
    '#38d9a9',
    '#20c997',
    '#12b886',
    '#0a8560',
    '#077654',
    '#065f44',
  ],
  cyan: [
    '#e3fafc',
    '#c5f6fa',
    '#99e9f2',
    '#66d9e8',
    '#3bc9db',
    '#22b8cf',
    '#15aabf',
    '#0d8091',
    '#0a7182',
    '#095c6c',
  ],
};

/**
 * Large, readable type for elderly members on phones: the body text is 17px and form controls
 * at the default size are 16px (which also keeps iOS from zooming into inputs).
 */
export const theme = createTheme({
  primaryColor: 'partyRed',
  primaryShade: 8,
  colors: { partyRed, ...accessibleColors },
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
    PasswordInput: {
      // Mantine names the eye button in English ("Toggle password visibility"); the Vietnamese name
      // avoids the words "mật khẩu", so getByLabel('Mật khẩu') still finds only the field.
      defaultProps: {
        size: 'md',
        visibilityToggleButtonProps: { 'aria-label': 'Hiện hoặc ẩn các ký tự đã gõ' },
      },
    },
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
