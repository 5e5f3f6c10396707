import { Badge, makeStyles, type BadgeProps } from '@fluentui/react-components';
import { statusLabel, type Lang, type Status } from '../../core';

const COLOUR: Record<Status, BadgeProps['color']> = {
  achieved: 'success',
  'on-track': 'brand',
  'at-risk': 'warning',
  'off-track': 'danger',
  'to-confirm': 'important',
  'not-judged': 'informative',
  'no-data': 'subtle',
  invalid: 'severe',
};

// A badge beside a long indicator name keeps its one line.
const useStyles = makeStyles({ root: { flexShrink: 0, whiteSpace: 'nowrap' } });

export function StatusBadge({ status, lang }: { status: Status; lang: Lang }) {
  const styles = useStyles();
  return (
    <Badge className={styles.root} appearance="tint" color={COLOUR[status]} shape="rounded">
      {statusLabel(status, lang)}
    </Badge>
  );
}
