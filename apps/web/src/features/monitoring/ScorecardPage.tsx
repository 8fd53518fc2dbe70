import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Grid,
  Group,
  NumberInput,
  SegmentedControl,
  Select,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import type { Scorecard, ScorecardProvince } from '@regionlink/shared';
import { useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { useI18n } from '../../app/i18n';
import { textOn } from '../../app/palette';
import { ProvinceMap } from '../../components/ProvinceMap';
import { formatDate, formatNumber } from '../../lib/format';
import { useSearchPatch } from '../../lib/use-search-patch';
import { scorecardQuery, useBoundaries34, useMe, useMonitoringWrites, useScorecard, useScorecardYear } from './api';
import { CLASS_COLORS, classOf, decodeWeights, encodeWeights, NO_DATA, rankChange } from './model';

export function Change({ p }: { p: ScorecardProvince }) {
  const d = rankChange(p);
  if (d === null)
    return (
      <Text size="xs" c="dimmed">
        —
      </Text>
    );
  return (
    <Text size="xs" c={d > 0 ? 'teal' : d < 0 ? 'red' : 'dimmed'}>
      {d > 0 ? `▲ ${d}` : d < 0 ? `▼ ${-d}` : '='} ({p.previousRank})
    </Text>
  );
}

/** The rank interval drawn on the 1…N scale, with the point rank marked. */
function IntervalBar({ p, n }: { p: ScorecardProvince; n: number }) {
  if (p.rank === null || p.best === null || p.worst === null) return null;
  const x = (r: number) => `${((r - 1) / Math.max(1, n - 1)) * 100}%`;
  return (
    <div style={{ position: 'relative', height: 10, width: 120, background: '#f1f3f5', borderRadius: 4 }}>
      <div
        style={{
          position: 'absolute',
          left: x(p.best),
          width: `calc(${x(p.worst)} - ${x(p.best)} + 4px)`,
          top: 3,
          height: 4,
          background: '#74c0fc',
        }}
      />
      <div style={{ position: 'absolute', left: x(p.rank), top: 0, width: 4, height: 10, background: '#1c7ed6' }} />
    </div>
  );
}

function Weights({ card, onApply }: { card: Scorecard; onApply: (w: Record<string, number>) => void }) {
  const { pick } = useI18n();
  const [w, setW] = useState<Record<string, number>>(card.weights);
  return (
    <Stack gap={4}>
      {card.components.map((c) => (
        <Group key={c.code} justify="space-between" wrap="nowrap">
          <Text size="xs">{pick(c.nameVi, c.nameEn)}</Text>
          <NumberInput
            size="xs"
            w={70}
            min={0}
            max={100}
            step={0.5}
            aria-label={`${pick('Trọng số', 'Weight')} ${pick(c.nameVi, c.nameEn)}`}
            value={w[c.code] ?? 1}
            onChange={(v) => setW({ ...w, [c.code]: Number(v) || 0 })}
          />
        </Group>
      ))}
      <Group gap="xs">
        <Button size="xs" onClick={() => onApply(w)} data-testid="apply-weights">
          {pick('Áp dụng', 'Apply')}
        </Button>
        <Button size="xs" variant="default" onClick={() => onApply({})}>
          {pick('Trọng số bằng nhau', 'Equal weights')}
        </Button>
      </Group>
      <Text size="xs" c="dimmed">
        {pick('Trọng số được lưu trong địa chỉ trang để chia sẻ.', 'Weights are kept in the page address to share.')}
      </Text>
    </Stack>
  );
}

function Ranking({ card, query }: { card: Scorecard; query: string }) {
  const { pick } = useI18n();
  const sorted = useMemo(
    () => [...card.provinces].sort((a, b) => (a.rank ?? 999) - (b.rank ?? 999) || a.code.localeCompare(b.code)),
    [card],
  );
  // The scale runs to the worst rank of any variant: a variant that fills missing data ranks more provinces.
  const n = Math.max(card.provinces.filter((p) => p.rank !== null).length, ...card.provinces.map((p) => p.worst ?? 0));
  const name = (code: string) => {
    const c = card.components.find((x) => x.code === code);
    return c ? pick(c.nameVi, c.nameEn) : code;
  };
  return (
    <Table striped highlightOnHover data-testid="scorecard-ranking" fz="sm">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{pick('Hạng', 'Rank')}</Table.Th>
          <Table.Th>{pick('Tỉnh, thành phố', 'Province')}</Table.Th>
          <Table.Th>{pick('Điểm (0–10)', 'Score (0–10)')}</Table.Th>
          <Table.Th>{pick('Khoảng hạng', 'Rank interval')}</Table.Th>
          <Table.Th>{pick('So với năm trước', 'Since last year')}</Table.Th>
          <Table.Th>{pick('Thành phần chi phối', 'Driving component')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {sorted.map((p) => (
          <Table.Tr key={p.code} data-province={p.code}>
            <Table.Td>{p.rank ?? '—'}</Table.Td>
            <Table.Td>
              <Anchor component={Link} to={`/monitoring/provinces/${p.code}?${query}`} size="sm">
                {p.nameVi}
              </Anchor>
            </Table.Td>
            <Table.Td>
              {p.score === null ? pick('chưa xếp hạng', 'not ranked') : formatNumber(p.score, 'vi', 2)}
            </Table.Td>
            <Table.Td>
              <Group gap={6} wrap="nowrap">
                <Text size="xs" data-testid="interval" style={{ whiteSpace: 'nowrap' }}>
                  {p.best !== null ? `${p.best}–${p.worst}` : '—'}
                </Text>
                <IntervalBar p={p} n={n} />
              </Group>
            </Table.Td>
            <Table.Td>
              <Change p={p} />
            </Table.Td>
            <Table.Td>
              {p.driver && (
                <Text size="xs" c={p.driver.lift >= 0 ? 'teal' : 'red'}>
                  {p.driver.lift >= 0 ? '↑ ' : '↓ '}
                  {name(p.driver.code)}
                </Text>
              )}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

export function MethodCard({ card }: { card: Scorecard }) {
  const { pick } = useI18n();
  return (
    <Card withBorder data-testid="scorecard-method">
      <Title order={5}>
        {pick('Phương pháp', 'Method')} {card.methodVersion}
        {card.currentMethodVersion !== card.methodVersion &&
          pick(` (hiện hành: ${card.currentMethodVersion})`, ` (current: ${card.currentMethodVersion})`)}
      </Title>
      <Text size="xs" mt={4}>
        {pick(card.methodVi, card.methodEn)}
      </Text>
      <Stack gap={6} mt="sm">
        {card.components.map((c) => (
          <div key={c.code}>
            <Text size="xs" fw={600}>
              {pick(c.nameVi, c.nameEn)} — {pick('trọng số', 'weight')} {c.weight}
            </Text>
            <Text size="xs" c="dimmed">
              {pick(c.ruleVi, c.ruleEn)}
            </Text>
          </div>
        ))}
      </Stack>
      <Text size="xs" mt="sm">
        {pick('Nguồn', 'Source')}: {pick(card.source, card.sourceEn)}
      </Text>
    </Card>
  );
}

/** Year, normalisation and the downloads of the scorecard shown. */
function ScorecardControls(props: {
  offered: ReturnType<typeof useScorecardYear>;
  normalisation: string;
  query: string | null;
  set: (patch: Record<string, string | null>) => void;
}) {
  const { pick } = useI18n();
  const { offered, normalisation, query, set } = props;
  return (
    <Group gap="sm">
      <Select
        w={110}
        label={pick('Năm', 'Year')}
        data={offered.years}
        value={offered.year === null ? null : String(offered.year)}
        onChange={(v) => v && set({ year: v })}
        allowDeselect={false}
      />
      <div>
        <Text size="sm" fw={500}>
          {pick('Chuẩn hóa', 'Normalisation')}
        </Text>
        <SegmentedControl
          size="xs"
          value={normalisation}
          onChange={(v) => set({ normalisation: v === 'minmax' ? null : v })}
          data={[
            { value: 'minmax', label: 'min–max' },
            { value: 'zscore', label: 'z-score' },
          ]}
        />
      </div>
      {query !== null && (
        <Group gap="xs" mt="lg">
          <Button component="a" size="xs" variant="default" href={`/api/v1/monitoring/scorecard.csv?${query}`}>
            CSV
          </Button>
          <Button component="a" size="xs" variant="default" href={`/api/v1/monitoring/scorecard.xlsx?${query}`}>
            XLSX
          </Button>
        </Group>
      )}
    </Group>
  );
}

/** Whether the card shown is a frozen published edition or computed now; MoF can publish the year from here. */
function PublicationBanner({ card, year }: { card: Scorecard; year: number }) {
  const { pick } = useI18n();
  const me = useMe();
  const writes = useMonitoringWrites();
  return (
    <Alert color={card.published ? 'teal' : 'gray'} data-testid="publication">
      {card.published
        ? pick(
            `Bản công bố lần ${card.published.edition} ngày ${formatDate(card.published.publishedAt)} (phương pháp ${card.published.methodVersion}); số liệu đã cố định, không thay đổi khi dữ liệu hoặc phương pháp thay đổi.`,
            `Published edition ${card.published.edition} of ${formatDate(card.published.publishedAt)} (method ${card.published.methodVersion}); frozen, it does not change when data or method change.`,
          )
        : pick(
            `Tính tại thời điểm xem với trọng số và cách chuẩn hóa đang chọn (phương pháp ${card.methodVersion}); ${card.editions.length ? `năm này đã công bố ${card.editions.length} lần` : 'năm này chưa công bố'}.`,
            `Computed now with the weights and normalisation chosen (method ${card.methodVersion}); ${card.editions.length ? `this year was published ${card.editions.length} time(s)` : 'this year is not published'}.`,
          )}
      {me.data?.role === 'admin' && (
        <Button
          size="xs"
          ml="sm"
          variant="light"
          loading={writes.publish.isPending}
          onClick={() => {
            const reason = card.editions.length
              ? (window.prompt(pick('Lý do công bố lại', 'Reason for publishing again')) ?? '')
              : undefined;
            if (reason === '') return;
            writes.publish.mutate({ year, reason });
          }}
        >
          {pick('Công bố năm này', 'Publish this year')}
        </Button>
      )}
    </Alert>
  );
}

/** The provinces coloured by rank quintile, each opening its page, with the legend. */
function ScorecardMap({ card, query }: { card: Scorecard; query: string }) {
  const { pick } = useI18n();
  const navigate = useNavigate();
  const topo = useBoundaries34();
  return (
    <>
      {topo.data && (
        <ProvinceMap
          topology={topo.data}
          ariaLabel={pick('Bản đồ điểm liên kết vùng', 'Map of the linkage scores')}
          fill={(code) => {
            const k = classOf(card, code);
            return k === null ? NO_DATA : CLASS_COLORS[k];
          }}
          onSelect={(code) => navigate(`/monitoring/provinces/${code}?${query}`)}
          hoverCard={(code) => {
            const p = card.provinces.find((x) => x.code === code);
            if (!p) return code;
            return `${p.nameVi}: ${p.score === null ? '—' : formatNumber(p.score, 'vi', 2)} · ${pick('hạng', 'rank')} ${p.rank ?? '—'} (${p.best ?? '—'}–${p.worst ?? '—'})`;
          }}
          labels={{
            hoangSa: pick('QĐ. Hoàng Sa (TP. Đà Nẵng)', 'Hoang Sa (Da Nang)'),
            truongSa: pick('QĐ. Trường Sa (tỉnh Khánh Hòa)', 'Truong Sa (Khanh Hoa)'),
          }}
        />
      )}
      <Group gap={4} mt={4}>
        {CLASS_COLORS.map((c, i) => (
          // black or white words, whichever reads better on the class colour (the map's colours)
          <Badge key={c} color={c} c={textOn(c)} size="xs" variant="filled" tt="none">
            {pick(`nhóm ${i + 1}`, `class ${i + 1}`)}
          </Badge>
        ))}
        <Text size="xs" c="dimmed">
          {pick(
            '(ngũ phân vị theo hạng, 5 = cao nhất; xám: chưa xếp hạng vì thiếu dữ liệu)',
            '(quintiles of rank, 5 = highest; grey: not ranked, too little data)',
          )}
        </Text>
      </Group>
    </>
  );
}

/** The linkage scorecard: map and ranking with rank intervals, weights in the URL, the method beside it. */
export function ScorecardPage() {
  const { pick } = useI18n();
  const [params, set] = useSearchPatch('push');
  const offered = useScorecardYear(params.get('year'));
  const year = offered.year ?? 0;
  const weights = params.get('weights');
  const normalisation = params.get('normalisation') ?? 'minmax';
  const query = scorecardQuery(year, weights, normalisation);
  const q = useScorecard(query, offered.year !== null);
  const card = q.data;
  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Title order={1} size="h2">
          {pick('Bảng điểm liên kết vùng của các tỉnh', 'Linkage scorecard of the provinces')}
        </Title>
        <Anchor component={Link} to="/monitoring/duplicates" size="sm">
          {pick('Đầu tư có khả năng trùng lặp →', 'Candidate duplicated investments →')}
        </Anchor>
      </Group>
      <ScorecardControls offered={offered} normalisation={normalisation} query={card ? query : null} set={set} />
      {(q.error ?? offered.error) && <Alert color="red">{String((q.error ?? offered.error)?.message)}</Alert>}
      {offered.noData && (
        <Alert color="gray">
          {pick(
            'Chưa có năm nào có dữ liệu cho bảng điểm (kỳ báo cáo, vốn dự án, kết luận của hội đồng).',
            'No year has data for the scorecard yet (reporting cycles, project funding, council conclusions).',
          )}
        </Alert>
      )}
      {card && (
        <>
          <PublicationBanner card={card} year={year} />
          <Grid>
            <Grid.Col span={{ base: 12, md: 5 }}>
              <ScorecardMap card={card} query={query} />
              <Card withBorder mt="md">
                <Title order={6} mb={4}>
                  {pick('Trọng số', 'Weights')}
                </Title>
                <Weights
                  key={query}
                  card={card}
                  onApply={(w) => set({ weights: encodeWeights({ ...decodeWeights(null), ...w }) })}
                />
              </Card>
              <div style={{ marginTop: 16 }}>
                <MethodCard card={card} />
              </div>
            </Grid.Col>
            <Grid.Col span={{ base: 12, md: 7 }}>
              <Text size="xs" c="dimmed" mb={4}>
                {pick(
                  `Khoảng hạng: hạng tốt nhất và kém nhất qua ${card.variants} phương án (2 cách chuẩn hóa × 2 cách xử lý thiếu dữ liệu × các bộ trọng số). Vạch đậm là hạng của phương án đang xem.`,
                  `Rank interval: best and worst rank over ${card.variants} variants (2 normalisations × 2 missing-data rules × weight sets). The dark mark is the rank shown.`,
                )}
              </Text>
              <Table.ScrollContainer minWidth={640}>
                <Ranking card={card} query={query} />
              </Table.ScrollContainer>
            </Grid.Col>
          </Grid>
        </>
      )}
    </Stack>
  );
}
