import { Badge, type BadgeProps } from '@fluentui/react-components';
import { statusLabel, type Lang, type Status } from '../../core';

const COLOUR: Record<Status, BadgeProps['color']> = {
  achieved: 'success',
  'on-track': 'brand',
  'at-risk': 'warning',
  'off-track': 'danger',
  'not-judged': 'informative',
  'no-data': 'subtle',
  invalid: 'severe',
};

export function StatusBadge({ status, lang }: { status: Status; lang: Lang }) {
  return (
    <Badge appearance="tint" color={COLOUR[status]} shape="rounded">
      {statusLabel(status, lang)}
    </Badge>
  );
}
