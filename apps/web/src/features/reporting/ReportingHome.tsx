import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  Loader,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import type { CycleSummary } from '@regionlink/shared';
import { Link, useNavigate } from 'react-router';
import { useDict, useI18n } from '../../app/i18n';
import { formatDate } from '../../lib/format';
import { useMe } from '../access/api';
import { useCycles, useStartSubmission } from './api';
import { StateBadge } from './components/Badges';
import { DICT, fill } from './i18n';
import { daysUntil, errorText } from './util';

function CycleStatusBadges({ c }: { c: CycleSummary }) {
  const t = useDict(DICT);
  return (
    <Group gap={4} wrap="wrap" style={{ flexShrink: 0 }}>
      <Badge
        size="sm"
        variant="light"
        color={c.status === 'open' ? 'blue' : c.status === 'closed' ? 'gray' : 'yellow'}
        style={{ flexShrink: 0 }}
      >
        {t(`cycle_${c.status}`)}
      </Badge>
      {c.publishedAt && (
        <Badge size="sm" variant="light" color="green">
          {t('published')}
        </Badge>
      )}
      {c.demo && (
        <Badge size="sm" variant="outline" color="orange">
          {t('demo')}
        </Badge>
      )}
    </Group>
  );
}

/** A reporter's card for one cycle: what is due, when, and the way into the report. */
function MyCycleCard({ c }: { c: CycleSummary }) {
  const t = useDict(DICT);
  const { pick, lang } = useI18n();
  const navigate = useNavigate();
  const start = useStartSubmission(c.id);
  const mine = c.mine!;
  const due = c.deadline ? daysUntil(c.deadline) : null;
  return (
    <Card withBorder padding="sm" data-testid={`my-cycle-${c.year}`}>
      <Stack gap={6}>
        <Group justify="space-between" wrap="nowrap" align="flex-start">
          <Anchor component={Link} to={`/reporting/cycles/${c.id}`} fw={600} size="sm">
            {pick(c.nameVi, c.nameEn)}
          </Anchor>
          <CycleStatusBadges c={c} />
        </Group>
        <Text size="xs" c="dimmed">
          {t('requestLetter')}: {c.requestNumber ?? '—'} ({formatDate(c.requestDate)}) · {t('deadline')}:{' '}
          {c.deadline ? formatDate(c.deadline) : t('notStated')}
          {due !== null && c.status === 'open' && mine.state !== 'submitted' && mine.state !== 'accepted' && (
            <Text span c={due < 0 ? 'red' : 'orange'} fw={600} size="xs">
              {' '}
              · {due < 0 ? fill(t('overdueBy'), { n: -due }) : fill(t('dueIn'), { n: due })}
            </Text>
          )}
        </Text>
        <Text size="xs">
          {t('tasks')}: {mine.taskCodes.join(', ') || '—'}
        </Text>
        <Group gap="xs">
          {mine.submissionId ? (
            <>
              <StateBadge state={mine.state} />
              <Button
                size="xs"
                component={Link}
                to={`/reporting/submissions/${mine.submissionId}`}
                data-testid="open-report"
              >
                {t('openReport')}
              </Button>
            </>
          ) : c.status === 'open' ? (
            <>
              <Button
                size="xs"
                loading={start.isPending}
                onClick={() => start.mutate(false, { onSuccess: (s) => navigate(`/reporting/submissions/${s.id}`) })}
                data-testid="start-report"
              >
                {t('startReport')}
              </Button>
              {mine.previousSubmissionId && (
                <Button
                  size="xs"
                  variant="light"
                  loading={start.isPending}
                  onClick={() => start.mutate(true, { onSuccess: (s) => navigate(`/reporting/submissions/${s.id}`) })}
                >
                  {t('startFromPrevious')}
                </Button>
              )}
            </>
          ) : null}
        </Group>
        {start.error && (
          <Text size="xs" c="red">
            {errorText(start.error, lang)}
          </Text>
        )}
      </Stack>
    </Card>
  );
}

/** The reporting home: the caller's own reports (reporters), then every cycle they may see. */
export function ReportingHome() {
  const t = useDict(DICT);
  const { pick } = useI18n();
  const me = useMe();
  const cycles = useCycles();
  if (cycles.isLoading) return <Loader />;
  const items = cycles.data?.items ?? [];
  const mine = items.filter((c) => c.mine?.expected);
  return (
    <Stack gap="md">
      {me.data?.role === 'reporter' && (
        <Stack gap="xs">
          <Title order={3}>
            {t('myReports')} — {pick(me.data.organisation.nameVi, me.data.organisation.nameEn)}
          </Title>
          {mine.length === 0 ? (
            <Text c="dimmed">{t('empty')}</Text>
          ) : (
            <SimpleGrid cols={{ base: 1, md: 2 }}>
              {mine.map((c) => (
                <MyCycleCard key={c.id} c={c} />
              ))}
            </SimpleGrid>
          )}
        </Stack>
      )}
      {!me.data && <Alert color="blue">{t('signInToSee')}</Alert>}
      <Group justify="space-between">
        <Title order={3}>{t('allCycles')}</Title>
        {me.data?.role === 'admin' && (
          <Button component={Link} to="/reporting/cycles/new" size="sm" data-testid="new-cycle">
            {t('newCycle')}
          </Button>
        )}
      </Group>
      <Card withBorder padding={0}>
        <Table striped highlightOnHover className="rl-dense" data-testid="cycles-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('year')}</Table.Th>
              <Table.Th>{t('cycle')}</Table.Th>
              <Table.Th>{t('requestLetter')}</Table.Th>
              <Table.Th>{t('deadline')}</Table.Th>
              <Table.Th>{t('cutoff')}</Table.Th>
              <Table.Th>{t('expected')}</Table.Th>
              <Table.Th w={240}>{t('status')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((c) => (
              <Table.Tr key={c.id}>
                <Table.Td>{c.year}</Table.Td>
                <Table.Td>
                  <Anchor component={Link} to={`/reporting/cycles/${c.id}`} size="sm">
                    {pick(c.nameVi, c.nameEn)}
                  </Anchor>
                </Table.Td>
                <Table.Td>
                  {c.requestNumber ?? '—'}{' '}
                  <Text span size="xs" c="dimmed">
                    ({formatDate(c.requestDate)})
                  </Text>
                </Table.Td>
                <Table.Td>
                  {c.deadline ? (
                    formatDate(c.deadline)
                  ) : (
                    <Text span size="xs" c="dimmed">
                      {t('notStated')}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>{formatDate(c.cutoff)}</Table.Td>
                <Table.Td>{c.expectedCount}</Table.Td>
                <Table.Td>
                  <CycleStatusBadges c={c} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Card>
    </Stack>
  );
}

export { CycleStatusBadges };
