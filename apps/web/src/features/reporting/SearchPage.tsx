import { Anchor, Card, Loader, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { Link } from 'react-router';
import { useDict } from '../../app/i18n';
import { useSearch } from './api';
import { DICT } from './i18n';

/** Search the narratives of the reports the caller may read (accent-insensitive). */
export function SearchPage() {
  const t = useDict(DICT);
  const [q, setQ] = useState('');
  const [debounced] = useDebouncedValue(q, 300);
  const s = useSearch(debounced);
  return (
    <Stack gap="sm">
      <TextInput
        placeholder={t('searchPlaceholder')}
        value={q}
        onChange={(e) => setQ(e.currentTarget.value)}
        w="100%"
        maw={520}
        aria-label={t('searchPlaceholder')}
        data-testid="search-input"
      />
      {s.isFetching && <Loader size="sm" />}
      {s.data && (
        <Text size="sm" c="dimmed">
          {s.data.total} {t('results')}
        </Text>
      )}
      <Stack gap={6}>
        {s.data?.items.map((h) => (
          <Card key={`${h.submissionId}-${h.taskCode}-${h.snippet.slice(0, 40)}`} withBorder padding="xs">
            <Anchor
              component={Link}
              to={`/reporting/submissions/${h.submissionId}${h.taskCode ? `#task-${h.taskCode}` : ''}`}
              size="sm"
              fw={600}
            >
              {h.orgName} · {h.cycleYear} {h.taskCode ? `· ${h.taskCode}` : ''}
            </Anchor>
            <Text size="sm">{h.snippet}</Text>
          </Card>
        ))}
      </Stack>
    </Stack>
  );
}
