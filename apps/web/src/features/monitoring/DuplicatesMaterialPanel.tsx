import { Anchor, Card, Collapse, Group, Stack, Text, Title, UnstyledButton } from '@mantine/core';
import { useState } from 'react';
import { Link } from 'react-router';
import { useI18n } from '../../app/i18n';
import { useDuplicatesMaterial } from './api';

/**
 * Drafting material for the report's Part II (shortcomings): the candidate duplicated or competing investments still
 * open. Self-contained, mounted on the report draft page; shows nothing to callers who may not read it.
 */
export function DuplicatesMaterialPanel() {
  const { pick } = useI18n();
  const q = useDuplicatesMaterial();
  const [open, setOpen] = useState(false);
  const m = q.data;
  if (!m) return null;
  return (
    <Card withBorder data-testid="duplicates-material">
      <UnstyledButton onClick={() => setOpen(!open)} w="100%">
        <Group justify="space-between">
          <Title order={5}>
            {pick('Tư liệu: đầu tư có khả năng trùng lặp, dàn trải', 'Material: candidate duplicated investments')}
          </Title>
          <Text size="sm" c="dimmed">
            {pick(`${m.items.length} cặp cần xem xét`, `${m.items.length} pairs to examine`)} {open ? '▴' : '▾'}
          </Text>
        </Group>
      </UnstyledButton>
      <Collapse expanded={open}>
        <Stack gap={4} mt="sm">
          <Text size="sm" fw={600}>
            {pick('Phần II — tồn tại, hạn chế', 'Part II — shortcomings')}
          </Text>
          {m.items.map((i) => (
            <Text size="xs" key={i.key}>
              {i.textVi}
            </Text>
          ))}
          <Anchor component={Link} to="/monitoring/duplicates" size="xs">
            {pick('Xem bằng chứng và quy tắc', 'See the evidence and rules')}
          </Anchor>
          <Text size="xs" c="dimmed">
            {pick('Nguồn', 'Source')}: {m.source}
          </Text>
        </Stack>
      </Collapse>
    </Card>
  );
}
