import { tokens } from '@fluentui/react-components';

/** A plain vertical list without bullets, shared by the issue list, the indicators and the files. */
export const plainList = {
  listStyle: 'none',
  margin: 0,
  padding: 0,
  display: 'flex',
  flexDirection: 'column',
  gap: tokens.spacingVerticalS,
} as const;
