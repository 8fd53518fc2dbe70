import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  List,
  Modal,
  NumberInput,
  Select,
  Stack,
  Table,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { type Dismissal, type DuplicateGroup, type DuplicatePair, SECTORS, type Sector } from '@regionlink/shared';
import { useState } from 'react';
import { Link } from 'react-router';
import { useI18n } from '../../app/i18n';
import { ApiError } from '../../lib/api';
import { formatDate, formatNumber } from '../../lib/format';
import { useSearchPatch } from '../../lib/use-search-patch';
import { useDuplicates, useMe, useMonitoringWrites } from './api';

function PairRow({
  pair,
  names,
  canAct,
  onDismiss,
  onReopen,
}: {
  pair: DuplicatePair;
  names: Map<string, string>;
  canAct: boolean;
  onDismiss: () => void;
  onReopen: (d: Dismissal) => void;
}) {
  const { pick } = useI18n();
  const d = pair.dismissal;
  const a = names.get(pair.provinceA) ?? pair.provinceA;
  const b = names.get(pair.provinceB) ?? pair.provinceB;
  return (
    <Table.Tr data-pair={pair.key}>
      <Table.Td>
        {pair.a} — {pair.b}
      </Table.Td>
      <Table.Td>
        {pair.adjacent
          ? pick(`${a} và ${b} giáp ranh`, `${a} and ${b} border`)
          : pick(`${a} và ${b} không giáp ranh`, `${a} and ${b} do not border`)}
        {` · ${pick('tâm cách', 'centres')} ~${formatNumber(pair.distanceKm, 'vi')} km`}
      </Table.Td>
      <Table.Td>
        {pick('trùng giai đoạn', 'overlap')} {pair.overlapFrom}–{pair.overlapTo}
      </Table.Td>
      <Table.Td>
        {d ? (
          <Stack gap={2}>
            <Badge color="gray" tt="none" data-testid="dismissed">
              {pick('đã loại', 'dismissed')}
            </Badge>
            <Text size="xs">
              {d.reason} — {d.dismissedBy}, {formatDate(d.dismissedAt)}
            </Text>
            {canAct && (
              <Button size="compact-xs" variant="subtle" onClick={() => onReopen(d)}>
                {pick('Mở lại', 'Reopen')}
              </Button>
            )}
          </Stack>
        ) : canAct ? (
          <Button size="compact-xs" variant="light" onClick={onDismiss} data-testid={`dismiss-${pair.key}`}>
            {pick('Loại khỏi danh sách…', 'Dismiss…')}
          </Button>
        ) : (
          <Badge color="orange" variant="light" tt="none">
            {pick('cần xem xét', 'to examine')}
          </Badge>
        )}
      </Table.Td>
    </Table.Tr>
  );
}

function Group_({
  g,
  canAct,
  onDismiss,
  onReopen,
}: {
  g: DuplicateGroup;
  canAct: boolean;
  onDismiss: (p: DuplicatePair) => void;
  onReopen: (d: Dismissal) => void;
}) {
  const { pick } = useI18n();
  const sector = SECTORS[g.sector as Sector];
  const names = new Map(g.projects.flatMap((p) => p.provinces.map((x) => [x.code, x.nameVi] as const)));
  return (
    <Card withBorder data-testid="duplicate-group">
      <Title order={5}>
        {sector ? pick(sector.vi, sector.en) : g.sector} · {pick(g.type, g.typeEn)} · {g.projects.length}{' '}
        {pick('dự án', 'projects')}
      </Title>
      <Table fz="xs" mt="xs">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{pick('Mã', 'Code')}</Table.Th>
            <Table.Th>{pick('Tên dự án', 'Project')}</Table.Th>
            <Table.Th>{pick('Tỉnh (2025)', 'Provinces (2025)')}</Table.Th>
            <Table.Th>{pick('Giai đoạn', 'Phase')}</Table.Th>
            <Table.Th>{pick('Quy mô', 'Scale')}</Table.Th>
            <Table.Th>{pick('Vốn kế hoạch / được giao (tr.đ)', 'Planned / allocated (m VND)')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {g.projects.map((p) => (
            <Table.Tr key={p.code}>
              <Table.Td>
                <Anchor component={Link} to={`/projects/${p.code}`} size="xs">
                  {p.code}
                </Anchor>
              </Table.Td>
              <Table.Td>{pick(p.nameVi, p.nameEn)}</Table.Td>
              <Table.Td>{p.provinces.map((x) => `${x.nameVi} (${x.code})`).join(', ')}</Table.Td>
              <Table.Td>
                {p.phaseFrom}–{p.phaseTo}
                {p.phaseAssumed && (
                  <Text span size="xs" c="dimmed">
                    {' '}
                    {pick('(không ghi: coi là cả thời kỳ)', '(not stated: plan period assumed)')}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>{p.scale ? pick(p.scale, p.scaleEn ?? '') : '—'}</Table.Td>
              <Table.Td>
                {p.planned === null ? '—' : formatNumber(p.planned, 'vi')} /{' '}
                {p.allocated === null ? '—' : formatNumber(p.allocated, 'vi')}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Text size="xs" fw={600} mt="sm">
        {pick('Các cặp và bằng chứng', 'Pairs and evidence')}
      </Text>
      <Table fz="xs">
        <Table.Tbody>
          {g.pairs.map((p) => (
            <PairRow
              key={p.key}
              pair={p}
              names={names}
              canAct={canAct}
              onDismiss={() => onDismiss(p)}
              onReopen={onReopen}
            />
          ))}
        </Table.Tbody>
      </Table>
    </Card>
  );
}

/** Candidate duplicated or competing investments of a region, with the rules and the Office's dismissals. */
export function DuplicatesPage() {
  const { pick, lang } = useI18n();
  const [params, patch] = useSearchPatch('push');
  const region = params.get('region') ?? 'NMM';
  const withinKm = params.get('withinKm') ? Number(params.get('withinKm')) : null;
  const q = useDuplicates(region === 'ALL' ? null : region, withinKm);
  const me = useMe();
  const writes = useMonitoringWrites();
  const [target, setTarget] = useState<{ pair?: DuplicatePair; dismissal?: Dismissal } | null>(null);
  const [reason, setReason] = useState('');
  const d = q.data;
  const canAct =
    me.data?.role === 'admin' || (me.data?.role === 'council' && me.data.organisation.regionCode === region);
  const error = writes.dismiss.error ?? writes.reopen.error;
  const submit = () => {
    if (!target) return;
    const done = { onSuccess: () => (setTarget(null), setReason('')) };
    if (target.pair) writes.dismiss.mutate({ key: target.pair.key, reason }, done);
    else if (target.dismissal) writes.reopen.mutate({ d: target.dismissal, reason }, done);
  };
  const set = (k: string, v: string | null) => patch({ [k]: v });
  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Title order={1} size="h2">
          {pick('Đầu tư có khả năng trùng lặp, cạnh tranh', 'Candidate duplicated or competing investments')}
        </Title>
        <Anchor component={Link} to="/monitoring" size="sm">
          {pick('Bảng điểm liên kết vùng →', 'Linkage scorecard →')}
        </Anchor>
      </Group>
      {d && (
        <Group gap="sm" align="end">
          <Select
            label={pick('Vùng', 'Region')}
            w={320}
            value={region}
            allowDeselect={false}
            data={[
              { value: 'ALL', label: pick('Cả nước', 'All regions') },
              ...d.regions.map((r) => ({ value: r.code, label: pick(r.nameVi, r.nameEn) })),
            ]}
            onChange={(v) => set('region', v)}
          />
          <NumberInput
            label={pick('Hoặc tâm cách nhau không quá (km)', 'Or centres within (km)')}
            w={220}
            min={1}
            max={1000}
            value={withinKm ?? ''}
            onChange={(v) => set('withinKm', v === '' ? null : String(v))}
          />
        </Group>
      )}
      {q.error && <Alert color="red">{String(q.error.message)}</Alert>}
      {d && (
        <>
          <Card withBorder data-testid="duplicate-rules">
            <Title order={5}>{pick('Quy tắc', 'Rules')}</Title>
            <List size="xs" mt={4}>
              {(lang === 'vi' ? d.rulesVi : d.rulesEn).map((r) => (
                <List.Item key={r}>{r}</List.Item>
              ))}
            </List>
            <Text size="xs" c="dimmed" mt={4}>
              {pick('Nguồn', 'Source')}: {pick(d.source, d.sourceEn)}
            </Text>
          </Card>
          <Text size="sm" data-testid="duplicate-counts">
            {pick(
              `${d.counts.pairs} cặp: ${d.counts.open} cần xem xét, ${d.counts.dismissed} đã loại.`,
              `${d.counts.pairs} pairs: ${d.counts.open} to examine, ${d.counts.dismissed} dismissed.`,
            )}
          </Text>
          {d.groups.map((g) => (
            <Group_
              key={g.pairs[0].key}
              g={g}
              canAct={canAct}
              onDismiss={(p) => setTarget({ pair: p })}
              onReopen={(x) => setTarget({ dismissal: x })}
            />
          ))}
          {d.history.length > 0 && (
            <Card withBorder>
              <Title order={6}>{pick('Lịch sử loại và mở lại', 'Dismissals and reopenings')}</Title>
              {d.history.map((h) => (
                <Text size="xs" key={h.id}>
                  {h.pairKey}: {pick('loại', 'dismissed')} {formatDate(h.dismissedAt)} ({h.dismissedBy}) — {h.reason}
                  {h.reopenedAt &&
                    ` · ${pick('mở lại', 'reopened')} ${formatDate(h.reopenedAt)} (${h.reopenedBy}) — ${h.reopenReason}`}
                </Text>
              ))}
            </Card>
          )}
        </>
      )}
      <Modal
        opened={target !== null}
        onClose={() => setTarget(null)}
        title={
          target?.pair ? pick(`Loại cặp ${target.pair.key}`, `Dismiss ${target.pair.key}`) : pick('Mở lại', 'Reopen')
        }
      >
        <Stack>
          <Textarea
            label={pick('Lý do', 'Reason')}
            required
            autosize
            minRows={3}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            data-testid="dismiss-reason"
          />
          {error && <Alert color="red">{error instanceof ApiError ? error.text(lang) : String(error)}</Alert>}
          <Button
            onClick={submit}
            disabled={!reason.trim()}
            loading={writes.dismiss.isPending || writes.reopen.isPending}
            data-testid="dismiss-confirm"
          >
            {pick('Ghi nhận', 'Save')}
          </Button>
        </Stack>
      </Modal>
    </Stack>
  );
}
