import {
  Alert,
  Anchor,
  Button,
  Card,
  Grid,
  Group,
  Loader,
  SegmentedControl,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import type { ProgressCounts, ProgressResponse, Timeliness } from '@regionlink/shared';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { useDict, useI18n } from '../../app/i18n';
import { ProvinceMap } from '../../components/ProvinceMap';
import { formatDate, formatNumber, sortVi } from '../../lib/format';
import { DATE_34, useBoundaries } from '../geo/api';
import { useProgress } from './api';
import { FlagMark, StateBadge, TIMELINESS_COLORS, TimelinessBadge, timelinessLabel } from './components/Badges';
import { DICT } from './i18n';
import { errorText } from './util';

function Stat({
  label,
  value,
  color,
  testId,
}: {
  label: string;
  value: number | string;
  color?: string;
  testId: string;
}) {
  return (
    <Card withBorder padding="xs" style={{ minWidth: 120 }}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fw={700} size="xl" c={color} data-testid={testId}>
        {value}
      </Text>
    </Card>
  );
}

function CountsRow({ label, c, testId }: { label: string; c: ProgressCounts; testId: string }) {
  const { lang } = useI18n();
  return (
    <Table.Tr data-testid={testId}>
      <Table.Td>{label}</Table.Td>
      <Table.Td ta="right">{formatNumber(c.expected, lang)}</Table.Td>
      <Table.Td ta="right" fw={600}>
        {formatNumber(c.received, lang)}
      </Table.Td>
      <Table.Td ta="right">{formatNumber(c.onTime, lang)}</Table.Td>
      <Table.Td ta="right">{formatNumber(c.late, lang)}</Table.Td>
      <Table.Td ta="right" c={c.missing ? 'red' : undefined} fw={c.missing ? 600 : undefined}>
        {formatNumber(c.missing, lang)}
      </Table.Td>
      <Table.Td ta="right">{formatNumber(c.accepted, lang)}</Table.Td>
    </Table.Tr>
  );
}

const TIMELINESS: Timeliness[] = ['on_time', 'late', 'undated', 'missing', 'not_due'];

/**
 * Completeness and timeliness: counts, by group and region, the map of provinces, and the register. With
 * `onRegisterPaper` (MoF, open cycle) each organisation with nothing in the system offers "register paper report".
 */
export function ProgressPanel({
  cycleId,
  exportHref,
  onRegisterPaper,
}: {
  cycleId: number;
  exportHref: string;
  onRegisterPaper?: (organisationId: number) => void;
}) {
  const t = useDict(DICT);
  const { pick, lang } = useI18n();
  const progress = useProgress(cycleId);
  const topo = useBoundaries(DATE_34);
  const [group, setGroup] = useState<'all' | 'central' | 'locality'>('all');
  const [sort, setSort] = useState<'register' | 'days' | 'name'>('register');
  const p = progress.data;
  const byProvince = useMemo(
    () => new Map((p?.rows ?? []).filter((r) => r.provinceCode).map((r) => [r.provinceCode!, r])),
    [p],
  );
  const rows = useMemo(() => {
    const list = (p?.rows ?? []).filter((r) => group === 'all' || r.group === group);
    if (sort === 'name') return sortVi(list, (r) => r.orgName.replace(/^Ủy ban nhân dân (tỉnh|thành phố) /, ''));
    if (sort === 'days') return [...list].sort((a, b) => (a.daysFromRequest ?? 1e9) - (b.daysFromRequest ?? 1e9));
    return list;
  }, [p, group, sort]);
  if (progress.isLoading) return <Loader />;
  if (progress.error) return <Alert color="gray">{errorText(progress.error, lang)}</Alert>;
  if (!p) return null;
  const labels = (k: ProgressResponse['judgedAgainstKind']) =>
    k === 'deadline' ? t('judgedAgainstDeadline') : k === 'cutoff' ? t('judgedAgainstCutoff') : '';
  return (
    <Stack gap="md" data-testid="progress-panel">
      {p.scope === 'region' && <Alert color="blue">{t('regionScope')}</Alert>}
      <Group gap="sm" wrap="wrap">
        <Stat label={t('expected')} value={p.expected} testId="stat-expected" />
        <Stat label={t('received')} value={p.received} color="#1f4e79" testId="stat-received" />
        <Stat label={t('onTime')} value={p.onTime} color={TIMELINESS_COLORS.on_time} testId="stat-ontime" />
        <Stat label={t('late')} value={p.late} color={TIMELINESS_COLORS.late} testId="stat-late" />
        <Stat label={t('missing')} value={p.missing.length} color={TIMELINESS_COLORS.missing} testId="stat-missing" />
        <Stat label={t('accepted')} value={p.accepted} color="green" testId="stat-accepted" />
        <Card withBorder padding="xs">
          <Text size="xs" c="dimmed">
            {t('daysStats')}
          </Text>
          <Text size="sm" data-testid="days-stats">
            {t('min')} {p.daysFromRequest.min ?? '—'} · {t('median')}{' '}
            {p.daysFromRequest.median === null
              ? '—'
              : formatNumber(p.daysFromRequest.median, lang, p.daysFromRequest.median % 1 ? 1 : 0)}{' '}
            · {t('max')} {p.daysFromRequest.max ?? '—'}
          </Text>
        </Card>
      </Group>
      <Text size="xs" c="dimmed">
        {t('onTime')}/{t('late')}: {labels(p.judgedAgainstKind)}{' '}
        {p.judgedAgainst ? `(${formatDate(p.judgedAgainst)})` : ''}. {t('method')}: {pick(p.methodVi, p.method)}
      </Text>
      <Grid gap="md">
        <Grid.Col span={{ base: 12, lg: 6 }}>
          <Stack gap="sm">
            <Card withBorder padding={0}>
              <Table className="rl-dense" data-testid="by-group">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('byGroup')}</Table.Th>
                    <Table.Th ta="right">{t('expected')}</Table.Th>
                    <Table.Th ta="right">{t('received')}</Table.Th>
                    <Table.Th ta="right">{t('onTime')}</Table.Th>
                    <Table.Th ta="right">{t('late')}</Table.Th>
                    <Table.Th ta="right">{t('missing')}</Table.Th>
                    <Table.Th ta="right">{t('accepted')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {p.byGroup.central.expected > 0 && (
                    <CountsRow label={t('central')} c={p.byGroup.central} testId="group-central" />
                  )}
                  <CountsRow label={t('locality')} c={p.byGroup.locality} testId="group-locality" />
                </Table.Tbody>
              </Table>
            </Card>
            <Card withBorder padding={0}>
              <Table className="rl-dense" data-testid="by-region">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('byRegion')}</Table.Th>
                    <Table.Th ta="right">{t('expected')}</Table.Th>
                    <Table.Th ta="right">{t('received')}</Table.Th>
                    <Table.Th ta="right">{t('onTime')}</Table.Th>
                    <Table.Th ta="right">{t('late')}</Table.Th>
                    <Table.Th ta="right">{t('missing')}</Table.Th>
                    <Table.Th ta="right">{t('accepted')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {p.byRegion.map((r) => (
                    <CountsRow
                      key={r.regionCode}
                      label={pick(r.regionNameVi, r.regionNameEn)}
                      c={r}
                      testId={`region-${r.regionCode}`}
                    />
                  ))}
                </Table.Tbody>
              </Table>
            </Card>
            {p.missing.length > 0 && (
              <Card withBorder padding="xs">
                <Text size="sm" fw={600} mb={4}>
                  {t('missing')} ({p.missing.length})
                </Text>
                <Text size="sm" data-testid="missing-list">
                  {p.missing.map((m) => pick(m.orgName, m.orgNameEn)).join('; ')}
                </Text>
              </Card>
            )}
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 6 }}>
          <Card withBorder padding="xs">
            <Text size="sm" fw={600} mb={4}>
              {t('mapTitle')}
            </Text>
            {topo.data ? (
              <ProvinceMap
                topology={topo.data}
                height={560}
                ariaLabel={t('mapTitle')}
                fill={(code) => {
                  const r = byProvince.get(code);
                  return r ? TIMELINESS_COLORS[r.timeliness] : '#f1f3f5';
                }}
                hoverCard={(code) => {
                  const r = byProvince.get(code);
                  if (!r) return code;
                  return (
                    <Stack gap={2}>
                      <Text size="sm" fw={600}>
                        {r.orgName}
                      </Text>
                      <Text size="xs">{timelinessLabel(r.timeliness, lang)}</Text>
                      {r.docNumber && (
                        <Text size="xs">
                          {t('docNumber')}: {r.docNumber}
                        </Text>
                      )}
                      {r.receivedOn && (
                        <Text size="xs">
                          {t('receivedOn')}: {formatDate(r.receivedOn)} ({r.daysFromRequest} {pick('ngày', 'days')})
                        </Text>
                      )}
                    </Stack>
                  );
                }}
                labels={{
                  hoangSa: pick('QĐ. Hoàng Sa (TP. Đà Nẵng)', 'Hoang Sa (Da Nang)'),
                  truongSa: pick('QĐ. Trường Sa (tỉnh Khánh Hòa)', 'Truong Sa (Khanh Hoa)'),
                }}
              />
            ) : (
              <Loader size="sm" />
            )}
            <Group gap="sm" mt={6}>
              {TIMELINESS.map((k) => (
                <Group key={k} gap={4}>
                  <span
                    style={{
                      width: 12,
                      height: 12,
                      background: TIMELINESS_COLORS[k],
                      display: 'inline-block',
                      borderRadius: 2,
                    }}
                  />
                  <Text size="xs">{timelinessLabel(k, lang)}</Text>
                </Group>
              ))}
            </Group>
          </Card>
        </Grid.Col>
      </Grid>
      <Group justify="space-between">
        <Title order={4}>{t('registerTitle')}</Title>
        <Group gap="sm">
          <SegmentedControl
            size="xs"
            value={group}
            onChange={(v) => setGroup(v as typeof group)}
            data={[
              { value: 'all', label: t('allGroups') },
              { value: 'central', label: t('central') },
              { value: 'locality', label: t('locality') },
            ]}
          />
          <SegmentedControl
            size="xs"
            value={sort}
            onChange={(v) => setSort(v as typeof sort)}
            data={[
              { value: 'register', label: '#' },
              { value: 'name', label: 'A–Z' },
              { value: 'days', label: t('daysFromRequest') },
            ]}
          />
          <Anchor href={exportHref} size="sm" data-testid="progress-csv">
            {t('exportCsv')}
          </Anchor>
        </Group>
      </Group>
      {/* focusable, so that a keyboard user can scroll the wide table sideways */}
      <Card withBorder padding={0} style={{ overflowX: 'auto' }} tabIndex={0}>
        <Table striped highlightOnHover className="rl-dense" data-testid="register">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>#</Table.Th>
              <Table.Th>{t('organisation')}</Table.Th>
              <Table.Th>{t('docNumber')}</Table.Th>
              <Table.Th>{t('docDate')}</Table.Th>
              <Table.Th>{t('receivedOn')}</Table.Th>
              <Table.Th ta="right">{t('daysFromRequest')}</Table.Th>
              <Table.Th>{t('timeliness')}</Table.Th>
              <Table.Th>{t('status')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((r, i) => (
              <Table.Tr key={r.organisationId} data-testid={`register-${r.orgCode}`}>
                <Table.Td>{i + 1}</Table.Td>
                <Table.Td>
                  <Group gap={4} wrap="nowrap">
                    <Text size="sm">{pick(r.orgName, r.orgNameEn)}</Text>
                    <FlagMark notes={r.flags} />
                  </Group>
                </Table.Td>
                <Table.Td>{r.docNumber ?? '—'}</Table.Td>
                <Table.Td>{formatDate(r.docDate)}</Table.Td>
                <Table.Td>{formatDate(r.receivedOn)}</Table.Td>
                <Table.Td ta="right">{r.daysFromRequest ?? '—'}</Table.Td>
                <Table.Td>
                  <TimelinessBadge value={r.timeliness} />
                </Table.Td>
                <Table.Td>
                  {r.state === null && !r.received && onRegisterPaper ? (
                    <Button
                      size="compact-xs"
                      variant="light"
                      onClick={() => onRegisterPaper(r.organisationId)}
                      data-testid={`paper-${r.orgCode}`}
                    >
                      {t('paperAction')}
                    </Button>
                  ) : (
                    <StateBadge state={r.state} />
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Card>
      <Text size="xs" c="dimmed">
        {t('source')}: <Link to="/reporting/policy">{t('navPolicy')}</Link>
      </Text>
    </Stack>
  );
}
