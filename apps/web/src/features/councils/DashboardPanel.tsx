import { Anchor, Card, Grid, Group, Loader, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { useI18n } from '../../app/i18n';
import { formatDate, formatNumber } from '../../lib/format';
import { useDashboard } from './api';
import { BottleneckBadge, FollowUpBadge } from './Badges';

/**
 * The secretariat's dashboard: next meeting, follow-ups by state, overdue follow-ups, open bottlenecks, the region's
 * late projects (plans) and key indicators from the statistics database with their method and source.
 */
export function DashboardPanel({ code }: { code: string }) {
  const { pick, lang } = useI18n();
  const q = useDashboard(code, true);
  const d = q.data;
  if (!d) return q.isLoading ? <Loader /> : null;
  return (
    <Stack gap="md" data-testid="council-dashboard">
      <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="xs">
        {[
          [pick('Nhiệm vụ đang thực hiện', 'Open tasks'), d.followUps.open, undefined],
          [pick('Quá hạn', 'Overdue'), d.followUps.overdue, 'red'],
          [pick('Chờ Văn phòng xác nhận', 'Awaiting the Office'), d.followUps.reported, 'cyan'],
          [pick('Đã hoàn thành', 'Done'), d.followUps.done, 'green'],
        ].map(([label, value, color]) => (
          <Card withBorder padding="sm" key={label as string}>
            <Text size="xl" fw={700} c={color as string | undefined}>
              {value}
            </Text>
            <Text size="xs" c="dimmed">
              {label}
            </Text>
          </Card>
        ))}
      </SimpleGrid>
      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 6 }}>
          <Card withBorder>
            <Title order={5} mb={4}>
              {pick('Phiên họp tới', 'Next meeting')}
            </Title>
            {d.nextMeeting ? (
              <Anchor
                component={Link}
                to={`/councils/meetings/${d.nextMeeting.id}`}
                size="sm"
                data-testid="next-meeting"
              >
                {formatDate(d.nextMeeting.heldOn)} · <span lang="vi">{d.nextMeeting.titleVi}</span>
              </Anchor>
            ) : (
              <Text size="sm" c="dimmed">
                {pick('Chưa lên lịch.', 'None scheduled.')}
              </Text>
            )}
          </Card>
          <Card withBorder mt="md">
            <Title order={5} mb={4}>
              {pick('Nhiệm vụ quá hạn', 'Overdue tasks')}
            </Title>
            <Stack gap={6}>
              {d.overdueFollowUps.map((f) => (
                <div key={f.id}>
                  <Anchor component={Link} to={`/councils/follow-ups/${f.id}`} size="sm">
                    {pick(f.assignee.nameVi, f.assignee.nameEn)}
                  </Anchor>{' '}
                  <FollowUpBadge state={f.state} overdue />
                  <Text size="xs" c="dimmed" lineClamp={2}>
                    {pick('Hạn', 'Due')} {formatDate(f.dueOn)} · {f.conclusionText}
                  </Text>
                </div>
              ))}
              {d.overdueFollowUps.length === 0 && (
                <Text size="sm" c="dimmed">
                  —
                </Text>
              )}
            </Stack>
          </Card>
          <Card withBorder mt="md">
            <Title order={5} mb={4}>
              {pick('Vướng mắc đang mở', 'Open bottlenecks')}
            </Title>
            <Stack gap={6}>
              {d.openBottlenecks.map((b) => (
                <Group key={b.id} gap="xs" wrap="nowrap" align="flex-start">
                  <BottleneckBadge state={b.state} nowrap />
                  <Anchor component={Link} to={`/councils/bottlenecks/${b.id}`} size="sm">
                    <span lang="vi">{b.titleVi}</span>
                  </Anchor>
                </Group>
              ))}
            </Stack>
          </Card>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 6 }}>
          <Card withBorder padding={0}>
            <Title order={5} p="sm" pb={0}>
              {pick('Chỉ tiêu chủ yếu của vùng', "The region's key indicators")}
            </Title>
            <Table fz="sm" data-testid="dashboard-indicators">
              <Table.Tbody>
                {d.indicators.map((i) => (
                  <Table.Tr key={i.code}>
                    <Table.Td>
                      {pick(i.nameVi, i.nameEn)}
                      <Text size="xs" c="dimmed">
                        {pick(i.method, i.methodEn)}
                        {i.source ? ` · ${i.source}` : ''}
                      </Text>
                    </Table.Td>
                    <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                      {formatNumber(i.value, lang, i.value !== null && i.value < 1000 ? 1 : 0)}{' '}
                      {pick(i.unitVi, i.unitEn)}
                      <Text size="xs" c="dimmed">
                        {i.period ?? ''}
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Card>
          <Card withBorder padding={0} mt="md">
            <Title order={5} p="sm" pb={0}>
              {pick('Dự án có mốc chậm tiến độ', 'Projects with late milestones')}
            </Title>
            <Table fz="sm" striped>
              <Table.Tbody>
                {d.lateProjects.map((p) => (
                  <Table.Tr key={p.code}>
                    <Table.Td>
                      <Anchor component={Link} to={`/projects/${p.code}`} size="sm">
                        {p.code} · {p.nameVi}
                      </Anchor>
                    </Table.Td>
                    <Table.Td ta="right">{p.lateMilestones}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Card>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
