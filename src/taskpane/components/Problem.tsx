import { MessageBar, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';

export interface Notice {
  intent: 'info' | 'success' | 'warning' | 'error';
  title?: string;
  text: string;
}

/** Every outcome and failure is shown here, in the pane's language; nothing only in the console. */
export function NoticeBar({ notice }: { notice: Notice | null }) {
  if (!notice) return null;
  return (
    <MessageBar
      intent={notice.intent}
      layout="multiline"
      role={notice.intent === 'error' ? 'alert' : 'status'}
    >
      <MessageBarBody>
        {notice.title ? <MessageBarTitle>{notice.title}</MessageBarTitle> : null}
        {notice.text}
      </MessageBarBody>
    </MessageBar>
  );
}

export function describeError(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
