import { Anchor, Badge, Card, Collapse, Group, Stack, Text, Title, UnstyledButton } from '@mantine/core';
import type { ReportMaterialItem } from '@regionlink/shared';
import { BOTTLENECK_FIELD_LABELS } from '@regionlink/shared';
import { useState } from 'react';
import { Link } from 'react-router';
import { useI18n } from '../../app/i18n';
import { formatDate } from '../../lib/format';
import { useReportMaterial } from './api';
import { DemoBadge } from './Badges';

function Item({ b }: { b: ReportMaterialItem }) {
  const { pick } = useI18n();
  return (
    <div data-material={b.id}>
      <Anchor component={Link} to={`/councils/bottlenecks/${b.id}`} size="sm" fw={600}>
        <span lang="vi">{b.titleVi}</span>
      </Anchor>
      {b.escalated && (
        <Badge size="xs" color="red" variant="light" tt="none" ml={4}>
          {pick('đã báo cáo Thủ tướng', 'escalated to the PM')}
        </Badge>
      )}
      <DemoBadge show={b.isDemo} />
      <Text size="xs" c="dimmed">
        {pick(b.councilNameVi, b.councilNameEn)} · {b.raisedBy}, {formatDate(b.raisedOn)} ·{' '}
        {pick(BOTTLENECK_FIELD_LABELS[b.field].vi, BOTTLENECK_FIELD_LABELS[b.field].en)}
        {b.projectCode ? ` · ${b.projectCode}` : ''}
      </Text>
      <Text size="xs">
        {b.outcomeVi ? `${pick('Kết quả', 'Outcome')} (${formatDate(b.closedOn)}): ${b.outcomeVi}` : b.descriptionVi}
      </Text>
    </div>
  );
}

/**
 * Drafting material for the annual report from the councils' bottlenecks of the year: the open ones for Part II
 * (shortcomings), the resolved ones with their outcome for Part III. Self-contained: mounted on the report draft
 * page with the year of the cycle; shows nothing to callers who may not read it.
 */
export function ReportMaterialPanel({ year }: { year: number }) {
  const { pick } = useI18n();
  const q = useReportMaterial(`${year}-01-01`, `${year}-12-31`);
  const [open, setOpen] = useState(false);
  const m = q.data;
  if (!m) return null;
  return (
    <Card withBorder data-testid="council-report-material">
      <UnstyledButton onClick={() => setOpen(!open)} w="100%">
        <Group justify="space-between">
          <Title order={5}>
            {pick('Tư liệu từ các Hội đồng điều phối vùng', 'Material from the Regional Coordination Councils')} ({year}
            )
          </Title>
          <Text size="sm" c="dimmed">
            {pick(
              `${m.open.length} vướng mắc còn mở · ${m.resolved.length} đã tháo gỡ`,
              `${m.open.length} open · ${m.resolved.length} resolved`,
            )}{' '}
            {open ? '▴' : '▾'}
          </Text>
        </Group>
      </UnstyledButton>
      <Collapse expanded={open}>
        <Stack gap="sm" mt="sm">
          <Text size="sm" fw={600}>
            {pick('Phần II — tồn tại, hạn chế: vướng mắc còn mở', 'Part II — shortcomings: open bottlenecks')}
          </Text>
          {m.open.map((b) => (
            <Item b={b} key={b.id} />
          ))}
          {m.open.length === 0 && (
            <Text size="xs" c="dimmed">
              {pick('Không có vướng mắc còn mở.', 'No open bottleneck.')}
            </Text>
          )}
          <Text size="sm" fw={600}>
            {pick(
              'Phần III — kiến nghị: vướng mắc đã tháo gỡ và ý kiến chỉ đạo',
              'Part III — recommendations: resolved bottlenecks and outcomes',
            )}
          </Text>
          {m.resolved.map((b) => (
            <Item b={b} key={b.id} />
          ))}
          {m.resolved.length === 0 && (
            <Text size="xs" c="dimmed">
              {pick('Không có vướng mắc được tháo gỡ trong năm.', 'None resolved in the year.')}
            </Text>
          )}
          <Text size="xs" c="dimmed">
            {pick('Nguồn', 'Source')}: {m.source}
          </Text>
        </Stack>
      </Collapse>
    </Card>
  );
}
