import { Text, Title } from '@mantine/core';

/**
 * A page's heading and the sentence under it. The server sends the same heading before the script runs
 * (`app/first-screen.tsx`), so the page must draw it with this component to look the same when React takes over.
 */
export function PageHeading({ title, lead, testId }: { title: string; lead: string; testId?: string }) {
  return (
    <div>
      <Title order={1} size="h2" data-testid={testId}>
        {title}
      </Title>
      <Text size="sm" c="dimmed">
        {lead}
      </Text>
    </div>
  );
}
