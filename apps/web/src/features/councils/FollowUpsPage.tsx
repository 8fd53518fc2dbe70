import { Anchor, Button, Card, Group, Loader, SegmentedControl, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { Link } from 'react-router';
import { useI18n } from '../../app/i18n';
import { PageMessage } from '../../components/PageMessage';
import { ApiError } from '../../lib/api';
import { formatDate } from '../../lib/format';
import { useFollowUps, useMe } from './api';
import { DemoBadge, FollowUpBadge } from './Badges';

/** Everything assigned to the caller's organisation across councils (a province's or ministry's view). */
export function FollowUpsPage() {
  const { pick, lang, t } = useI18n();
  const [filter, setFilter] = useState('open');
  const me = useMe();
  const q = useFollowUps('assignee=me', !!me.data);
  const title = pick('Nhiệm vụ giao cho đơn vị tôi', 'Tasks assigned to my organisation');
  // the public and a failed read get a message under the page's title, not a loader that never ends
  if (me.data === null)
    return (
      <PageMessage title={title}>
        {pick(
          'Đăng nhập để xem các nhiệm vụ giao cho đơn vị của bạn.',
          'Sign in to see the tasks of your organisation.',
        )}{' '}
        <Anchor component={Link} to="/login?next=/councils/follow-ups">
          {t('login')}
        </Anchor>
      </PageMessage>
    );
  if (q.error)
    return (
      <PageMessage title={title} color="red">
        {q.error instanceof ApiError ? q.error.text(lang) : String(q.error)}
      </PageMessage>
    );
  const items = (q.data?.items ?? []).filter((f) =>
    filter === 'all' ? true : filter === 'overdue' ? f.overdue : f.state !== 'done' && f.state !== 'cancelled',
  );
  return (
    <Stack gap="md">
      <div>
        <Title order={1} size="h2">
          {title}
        </Title>
        <Text c="dimmed" size="sm">
          {pick(
            'Các nhiệm vụ theo kết luận của các Hội đồng điều phối vùng mà đơn vị được giao chủ trì. Cập nhật tiến độ, gửi minh chứng và báo cáo hoàn thành để Văn phòng Hội đồng xác nhận.',
            'Follow-ups of council conclusions your organisation leads, across councils. Post progress, attach evidence and report completion for the Office to accept.',
          )}
        </Text>
      </div>
      <Group justify="space-between">
        <SegmentedControl
          value={filter}
          onChange={setFilter}
          data={[
            { value: 'open', label: pick('Đang thực hiện', 'Open') },
            { value: 'overdue', label: pick('Quá hạn', 'Overdue') },
            { value: 'all', label: pick('Tất cả', 'All') },
          ]}
        />
        <Button component="a" href="/api/v1/council-follow-ups?assignee=me&format=csv" variant="light" size="xs">
          {pick('Tải CSV', 'Download CSV')}
        </Button>
      </Group>
      {!q.data ? (
        <Loader />
      ) : (
        <Card withBorder padding={0}>
          <Stack gap={0} hiddenFrom="sm" data-testid="my-follow-ups-cards">
            {items.map((f) => (
              <Stack key={f.id} gap={4} p="sm" style={{ borderTop: '1px solid #e9ecef' }}>
                <Anchor component={Link} to={`/councils/follow-ups/${f.id}`} size="sm" lineClamp={3}>
                  {f.conclusionText}
                </Anchor>
                <Text size="xs" c="dimmed">
                  {f.councilCode} · {formatDate(f.meetingHeldOn)} · {pick('hạn', 'due')} {formatDate(f.dueOn)}
                  <DemoBadge show={f.isDemo} />
                </Text>
                <div>
                  <FollowUpBadge state={f.state} overdue={f.overdue} />
                </div>
              </Stack>
            ))}
          </Stack>
          <Table.ScrollContainer minWidth={760} visibleFrom="sm">
            <Table striped fz="sm" data-testid="my-follow-ups-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{pick('Kết luận', 'Conclusion')}</Table.Th>
                  <Table.Th>{pick('Hội đồng, phiên họp', 'Council, meeting')}</Table.Th>
                  <Table.Th>{pick('Thời hạn', 'Due')}</Table.Th>
                  <Table.Th>{pick('Trạng thái', 'State')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((f) => (
                  <Table.Tr key={f.id} data-follow-up={f.id}>
                    <Table.Td>
                      <Anchor component={Link} to={`/councils/follow-ups/${f.id}`} size="sm" lineClamp={3}>
                        {f.conclusionText}
                      </Anchor>
                      <DemoBadge show={f.isDemo} />
                    </Table.Td>
                    <Table.Td>
                      <Text size="xs">{f.councilCode}</Text>
                      <Text size="xs" c="dimmed">
                        {formatDate(f.meetingHeldOn)}, {pick('kết luận', 'item')} {f.conclusionSeq}
                      </Text>
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDate(f.dueOn)}</Table.Td>
                    <Table.Td>
                      <FollowUpBadge state={f.state} overdue={f.overdue} />
                    </Table.Td>
                  </Table.Tr>
                ))}
                {items.length === 0 && (
                  <Table.Tr>
                    <Table.Td colSpan={4}>
                      <Text size="sm" c="dimmed">
                        {pick('Không có nhiệm vụ.', 'Nothing here.')}
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                )}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Card>
      )}
    </Stack>
  );
}
