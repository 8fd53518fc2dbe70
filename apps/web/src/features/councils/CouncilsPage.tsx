import { Anchor, Badge, Button, Card, Group, Loader, Stack, Table, Text, Title } from '@mantine/core';
import type { CouncilSummary } from '@regionlink/shared';
import { Link } from 'react-router';
import { useI18n } from '../../app/i18n';
import { formatDate } from '../../lib/format';
import { useCouncils, useMe } from './api';

function CouncilRows({ items }: { items: CouncilSummary[] }) {
  const { pick } = useI18n();
  return (
    <Table.ScrollContainer minWidth={720}>
      <Table striped fz="sm" data-testid="councils-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{pick('Hội đồng', 'Council')}</Table.Th>
            <Table.Th>{pick('Quyết định thành lập, kiện toàn', 'Founding decision')}</Table.Th>
            <Table.Th>{pick('Hiệu lực', 'In force')}</Table.Th>
            <Table.Th ta="right">{pick('Số tỉnh, thành', 'Provinces')}</Table.Th>
            <Table.Th ta="right">{pick('Phiên họp đã tổ chức', 'Meetings held')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((c) => (
            <Table.Tr key={c.code} data-code={c.code}>
              <Table.Td>
                <Anchor component={Link} to={`/councils/${c.code}`} size="sm" fw={600}>
                  {pick(c.nameVi, c.nameEn)}
                </Anchor>
              </Table.Td>
              <Table.Td>
                {pick(c.foundingDecision, c.foundingDecisionEn ?? '')}
                {c.foundingDecisionAsWritten && (
                  <Text size="xs" c="dimmed">
                    {pick('Văn bản ghi', 'As written')}: <span lang="vi">{c.foundingDecisionAsWritten}</span>
                  </Text>
                )}
              </Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                {formatDate(c.validFrom)} – {c.validTo ? formatDate(c.validTo) : pick('nay', 'now')}
              </Table.Td>
              <Table.Td ta="right">{c.provinceCount}</Table.Td>
              <Table.Td ta="right">{c.meetingsHeld}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** The Regional Coordination Councils: those in force, and those they replaced (history kept). Public. */
export function CouncilsPage() {
  const { pick } = useI18n();
  const councils = useCouncils();
  const me = useMe();
  const items = councils.data?.items ?? [];
  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={1} size="h2">
            {pick('Hội đồng điều phối vùng', 'Regional Coordination Councils')}
          </Title>
          <Text c="dimmed" size="sm" maw={900}>
            {pick(
              'Sáu Hội đồng điều phối vùng do Thủ tướng Chính phủ thành lập năm 2023 cho các vùng cũ, được kiện toàn theo sáu vùng của Nghị quyết số 252/2025/QH15. Chủ tịch: Thủ tướng Chính phủ hoặc Phó Thủ tướng Chính phủ; thành viên: lãnh đạo các bộ, cơ quan trung ương và Chủ tịch UBND các tỉnh, thành phố trong vùng; Bộ Tài chính là Văn phòng Hội đồng.',
              'Six Regional Coordination Councils founded by the Prime Minister in 2023 for the old regions, consolidated onto the six regions of Resolution 252/2025/QH15. Chair: the Prime Minister or a Deputy Prime Minister; members: ministries, central agencies and the chairs of the provinces’ People’s Committees; the Ministry of Finance is the Office.',
            )}
          </Text>
        </div>
        <Group gap="xs">
          <Button component={Link} to="/councils/linkages" variant="light" size="xs">
            {pick('Liên kết giữa các địa phương', 'Linkage between localities')}
          </Button>
          {me.data && (
            <Button component={Link} to="/councils/follow-ups" variant="light" size="xs" data-testid="my-follow-ups">
              {pick('Nhiệm vụ giao cho đơn vị tôi', 'Tasks assigned to my organisation')}
            </Button>
          )}
        </Group>
      </Group>
      {!councils.data ? (
        <Loader />
      ) : (
        <>
          <Card withBorder padding={0}>
            <CouncilRows items={items.filter((c) => c.inForce)} />
          </Card>
          <Title order={4}>
            {pick('Các Hội đồng thành lập năm 2023 (đã kiện toàn)', 'Councils founded in 2023 (consolidated)')}{' '}
            <Badge variant="light" color="gray" tt="none">
              {pick('lịch sử', 'history')}
            </Badge>
          </Title>
          <Card withBorder padding={0}>
            <CouncilRows items={items.filter((c) => !c.inForce)} />
          </Card>
        </>
      )}
      <Text size="xs" c="dimmed">
        {pick('Nguồn', 'Source')}:{' '}
        {pick(
          'Báo cáo kèm Công văn số 20208/BTC-VCL ngày 26/12/2025 của Bộ Tài chính (chú thích 20; mục 1.2.a.5; kiến nghị 3.2.d). Ngày kiện toàn lấy theo Nghị quyết số 252/2025/QH15; số hiệu các quyết định kiện toàn chưa có trong nguồn.',
          'MoF report attached to letter 20208/BTC-VCL of 26/12/2025 (footnote 20; 1.2.a.5; recommendation 3.2.d). The consolidation date is that of Resolution 252/2025/QH15; the consolidating decisions are not in the sources.',
        )}
      </Text>
    </Stack>
  );
}
