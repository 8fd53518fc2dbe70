import { Alert, Stack, Title } from '@mantine/core';
import type { ReactNode } from 'react';

/**
 * A page that can only say one thing (not found, sign in first, not allowed): still a page, with its <h1>, so that
 * screen-reader users land on a heading and every route has exactly one.
 */
export function PageMessage({
  title,
  color = 'blue',
  children,
}: {
  title: string;
  color?: string;
  children: ReactNode;
}) {
  return (
    <Stack gap="sm">
      <Title order={1} size="h3">
        {title}
      </Title>
      <Alert color={color} role={color === 'red' ? 'alert' : undefined}>
        {children}
      </Alert>
    </Stack>
  );
}
