import {
  Alert,
  Anchor,
  Badge,
  Card,
  Grid,
  Group,
  Loader,
  Stack,
  Table,
  Tabs,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import type { CouncilDetail } from '@regionlink/shared';
import { useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { useI18n } from '../../app/i18n';
import { formatDate } from '../../lib/format';
import { useCouncil } from './api';
import { DemoBadge } from './Badges';
import { BottlenecksPanel } from './BottlenecksPanel';
import { DashboardPanel } from './DashboardPanel';
import { LinkagePanel } from './LinkagePanel';
import { MeetingsPanel } from './MeetingsPanel';
import { ReviewPanel } from './ReviewPanel';

function Facts({ c }: { c: CouncilDetail }) {
  const { pick } = useI18n();
  const rows: [string, React.ReactNode][] = [
    [
      pick('Quyết định', 'Decision'),
      `${pick(c.foundingDecision, c.foundingDecisionEn ?? '')}${c.foundingDecisionAsWritten ? ` (${pick('văn bản ghi', 'as written')}: ${c.foundingDecisionAsWritten})` : ''}`,
    ],
    [pick('Ngày thành lập, kiện toàn', 'Founded'), formatDate(c.foundedOn)],
    [
      pick('Hiệu lực', 'In force'),
      `${formatDate(c.validFrom)} – ${c.validTo ? formatDate(c.validTo) : pick('nay', 'now')}`,
    ],
    [pick('Chủ tịch', 'Chair'), pick(c.chairVi, c.chairEn)],
    [pick('Văn phòng Hội đồng', 'Office'), c.office ? pick(c.office.nameVi, c.office.nameEn) : '—'],
  ];
  return (
    <Table fz="sm" withRowBorders={false} data-testid="council-facts">
      <Table.Tbody>
        {rows.map(([k, v]) => (
          <Table.Tr key={k}>
            <Table.Td c="dimmed" w={200} style={{ verticalAlign: 'top' }}>
              {k}
            </Table.Td>
            <Table.Td>{v}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function Overview({ c, at, onAt }: { c: CouncilDetail; at: string; onAt: (d: string) => void }) {
  const { pick } = useI18n();
  return (
    <Grid gap="md">
      <Grid.Col span={{ base: 12, md: 6 }}>
        <Card withBorder>
          <Facts c={c} />
          {c.note && (
            <Text size="xs" c="dimmed" mt="xs">
              {pick(c.note, c.noteEn ?? '')}
            </Text>
          )}
        </Card>
        <Card withBorder mt="md">
          <Title order={5} mb="xs">
            {pick('Quá trình thành lập và kiện toàn', 'Founding and consolidation')}
          </Title>
          <Stack gap={6} data-testid="council-changes">
            {c.changes.map((ch) => (
              <div key={`${ch.kind}-${ch.fromCode}-${ch.toCode}`}>
                <Text size="sm" fw={600}>
                  {formatDate(ch.effectiveOn)} ·{' '}
                  {ch.kind === 'founded' ? pick('Thành lập', 'Founded') : pick('Kiện toàn', 'Consolidated')}
                  {ch.kind === 'consolidated' && (
                    <>
                      {': '}
                      <Anchor component={Link} to={`/councils/${ch.fromCode}`} size="sm">
                        {pick(ch.fromNameVi ?? '', ch.fromNameEn ?? '')}
                      </Anchor>
                      {' → '}
                      <Anchor component={Link} to={`/councils/${ch.toCode}`} size="sm">
                        {pick(ch.toNameVi, ch.toNameEn)}
                      </Anchor>
                    </>
                  )}
                </Text>
                <Text size="xs">{pick(ch.basis, ch.basisEn ?? '')}</Text>
                {ch.note && (
                  <Text size="xs" c="dimmed">
                    {pick(ch.note, ch.noteEn ?? '')}
                  </Text>
                )}
              </div>
            ))}
          </Stack>
        </Card>
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 6 }}>
        <Card withBorder>
          <Group justify="space-between" align="flex-end" mb="xs">
            <Title order={5}>{pick('Thành viên', 'Members')}</Title>
            <TextInput
              type="date"
              size="xs"
              label={pick('Tại ngày', 'On')}
              value={at}
              onChange={(e) => e.currentTarget.value && onAt(e.currentTarget.value)}
              data-testid="members-at"
            />
          </Group>
          {c.provinces.length === 0 ? (
            <Text size="sm" c="dimmed">
              {pick('Hội đồng không có hiệu lực vào ngày này.', 'The council was not in force on this date.')}
            </Text>
          ) : (
            <Text size="sm" data-testid="council-provinces">
              {pick('Chủ tịch UBND các tỉnh, thành phố', 'Chairs of the People’s Committees of')} ({c.provinces.length}
              ): {c.provinces.map((p) => p.nameVi).join(', ')}
            </Text>
          )}
          <Text size="sm" mt="xs">
            {pick('Lãnh đạo các bộ, cơ quan', 'Ministries and agencies')}:{' '}
            {c.memberOrganisations.map((o, i) => (
              <span key={o.code}>
                {i > 0 && '; '}
                {pick(o.nameVi, o.nameEn)}
                {o.role === 'office' && ` (${pick('Văn phòng', 'Office')})`}
                <DemoBadge show={o.isDemo} />
              </span>
            ))}
          </Text>
        </Card>
        {c.coordinationTeams.length > 0 && (
          <Card withBorder mt="md" padding={0}>
            <Title order={5} p="sm" pb={0}>
              {pick('Tổ điều phối vùng tại các tỉnh', 'Provincial coordination teams')}
            </Title>
            <Table.ScrollContainer minWidth={420}>
              <Table fz="xs" striped>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{pick('Tỉnh, thành phố', 'Province')}</Table.Th>
                    <Table.Th>{pick('Cơ quan thường trực', 'Standing body')}</Table.Th>
                    <Table.Th>{pick('Tình trạng', 'Status')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {c.coordinationTeams.map((t) => (
                    <Table.Tr key={t.provinceCode}>
                      <Table.Td>{t.provinceNameVi}</Table.Td>
                      <Table.Td>{pick(t.standingBodyVi, t.standingBodyEn)}</Table.Td>
                      <Table.Td>
                        {t.status === 'formed'
                          ? (t.decision ?? pick('Đã thành lập', 'Formed'))
                          : pick('Chưa xác nhận trong nguồn', 'Not confirmed by the source')}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
            <Text size="xs" c="dimmed" p="sm" pt={4}>
              {pick(c.coordinationTeams[0].source, c.coordinationTeams[0].sourceEn ?? '')}
            </Text>
          </Card>
        )}
      </Grid.Col>
    </Grid>
  );
}

/**
 * One council: its facts and membership at a date (public), meetings, and for members the year's conclusions,
 * the secretariat's dashboard, bottlenecks and the region's linkages.
 */
export function CouncilPage() {
  const { code = '' } = useParams();
  const { pick } = useI18n();
  const [params, setParams] = useSearchParams();
  const [at, setAt] = useState<string | null>(null);
  const council = useCouncil(code, at ?? undefined);
  const tab = params.get('tab') ?? 'overview';
  const c = council.data;
  if (council.isError) return <Alert color="red">{pick('Không tìm thấy hội đồng.', 'Council not found.')}</Alert>;
  if (!c) return <Loader />;
  const member = c.permissions.member;
  return (
    <Stack gap="md">
      <div>
        <Anchor component={Link} to="/councils" size="sm">
          ← {pick('Các Hội đồng điều phối vùng', 'Regional Coordination Councils')}
        </Anchor>
        <Group gap="xs" align="center">
          <Title order={1} size="h2">
            {pick(c.nameVi, c.nameEn)}
          </Title>
          {!c.inForce && (
            <Badge color="gray" variant="light" tt="none">
              {pick('Đã kiện toàn', 'Consolidated')}
              {c.successors.length > 0 && ' → '}
              {c.successors.join(', ')}
            </Badge>
          )}
        </Group>
        {c.predecessors.length > 0 && (
          <Text size="sm" c="dimmed">
            {pick('Kế thừa', 'Replaces')}:{' '}
            {c.predecessors.map((p) => (
              <Anchor key={p} component={Link} to={`/councils/${p}`} size="sm" mr={6}>
                {p}
              </Anchor>
            ))}
          </Text>
        )}
      </div>
      <Tabs value={tab} onChange={(v) => setParams(v && v !== 'overview' ? { tab: v } : {})} keepMounted={false}>
        <Tabs.List style={{ flexWrap: 'wrap' }}>
          <Tabs.Tab value="overview">{pick('Tổng quan', 'Overview')}</Tabs.Tab>
          <Tabs.Tab value="meetings">{pick('Phiên họp', 'Meetings')}</Tabs.Tab>
          {member && (
            <Tabs.Tab value="review">{pick('Kết quả thực hiện kết luận', 'Conclusions carried out')}</Tabs.Tab>
          )}
          {member && <Tabs.Tab value="dashboard">{pick('Điều hành', 'Dashboard')}</Tabs.Tab>}
          {member && <Tabs.Tab value="bottlenecks">{pick('Vướng mắc, kiến nghị', 'Bottlenecks')}</Tabs.Tab>}
          {c.inForce && <Tabs.Tab value="linkages">{pick('Liên kết trong vùng', 'Linkages')}</Tabs.Tab>}
        </Tabs.List>
        <Tabs.Panel value="overview" pt="md">
          <Overview c={c} at={at ?? c.at} onAt={setAt} />
        </Tabs.Panel>
        <Tabs.Panel value="meetings" pt="md">
          <MeetingsPanel c={c} />
        </Tabs.Panel>
        {member && (
          <Tabs.Panel value="review" pt="md">
            <ReviewPanel code={c.code} />
          </Tabs.Panel>
        )}
        {member && (
          <Tabs.Panel value="dashboard" pt="md">
            <DashboardPanel code={c.code} />
          </Tabs.Panel>
        )}
        {member && (
          <Tabs.Panel value="bottlenecks" pt="md">
            <BottlenecksPanel c={c} />
          </Tabs.Panel>
        )}
        {c.inForce && (
          <Tabs.Panel value="linkages" pt="md">
            <LinkagePanel scope={{ region: c.regionCode }} />
          </Tabs.Panel>
        )}
      </Tabs>
      <Text size="xs" c="dimmed">
        {pick('Nguồn', 'Source')}: {pick(c.source, c.sourceEn ?? '')}
      </Text>
    </Stack>
  );
}
