import { Anchor, Button, Card, Checkbox, Grid, Group, Loader, Stack, Table, Text } from '@mantine/core';
import type { LinkageEdge, LinkagesResponse, LinkKind } from '@regionlink/shared';
import type { FeatureCollection, Geometry } from 'geojson';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { feature } from 'topojson-client';
import type { Topology } from 'topojson-specification';
import { useI18n } from '../../app/i18n';
import { type MapOverlayContext, ProvinceMap } from '../../components/ProvinceMap';
import { useBoundaries } from '../geo/api';
import { useLinkages } from './api';

/** Pairs listed before "show all": the strongest links first. */
const TABLE_ROWS = 12;

const KIND_COLOUR: Record<LinkKind, string> = { agreement: '#2e7d32', project: '#1f4e79', follow_up: '#b34700' }; // each reads at 4.5:1 or more on white

/** The box of a geometry from its raw coordinates (planar: ring winding differs between the source layers). */
function boxOf(g: Geometry): [[number, number], [number, number]] | null {
  if (!('coordinates' in g)) return null;
  const flat = (g.coordinates as unknown[]).flat(Number.POSITIVE_INFINITY) as number[];
  const xs = flat.filter((_, i) => i % 2 === 0);
  const ys = flat.filter((_, i) => i % 2 === 1);
  return [
    [Math.min(...xs), Math.min(...ys)],
    [Math.max(...xs), Math.max(...ys)],
  ];
}

/** The kinds of link an edge carries, among those shown. */
const kindsOf = (e: LinkageEdge, shown: Set<LinkKind>): LinkKind[] =>
  (
    [
      ['agreement', e.agreements.length],
      ['project', e.projects.length],
      ['follow_up', e.followUps.length],
    ] as [LinkKind, number][]
  )
    .filter(([k, n]) => n > 0 && shown.has(k))
    .map(([k]) => k);

/** How many links of the given kinds an edge carries. */
function linkCount(e: LinkageEdge, kinds: LinkKind[]) {
  const of = { agreement: e.agreements.length, project: e.projects.length, follow_up: e.followUps.length };
  return kinds.reduce((s, k) => s + of[k], 0);
}

type Box = [[number, number], [number, number]];

/** The box around the scope's provinces (plus a margin), leaving out far-off islands that would stretch it. */
function linkedExtent(topology: Topology, provinces: LinkagesResponse['provinces']): Box | undefined {
  const fc = feature(topology, topology.objects[Object.keys(topology.objects)[0]]) as FeatureCollection;
  const codes = new Set(provinces.map((p) => p.code));
  let box: Box | null = null;
  for (const f of fc.features) {
    if (!codes.has(String(f.properties?.code))) continue;
    const b = boxOf(f.geometry);
    if (!b || b[1][0] - b[0][0] > 5) continue;
    box = box
      ? [
          [Math.min(box[0][0], b[0][0]), Math.min(box[0][1], b[0][1])],
          [Math.max(box[1][0], b[1][0]), Math.max(box[1][1], b[1][1])],
        ]
      : b;
  }
  return box
    ? [
        [box[0][0] - 0.3, box[0][1] - 0.3],
        [box[1][0] + 0.3, box[1][1] + 0.3],
      ]
    : undefined;
}

/** The name of a kind of link, in the language of the page. */
function useKindLabel() {
  const { pick } = useI18n();
  return (k: LinkKind) =>
    k === 'agreement'
      ? pick('Thỏa thuận hợp tác', 'Cooperation agreements')
      : k === 'project'
        ? pick('Dự án, hành lang chung', 'Shared projects and corridors')
        : pick('Nhiệm vụ theo kết luận Hội đồng', 'Council follow-ups');
}

/** A check box per kind of link, with the colour of its lines. */
function KindFilter(props: { kinds: LinkKind[]; shown: Set<LinkKind>; setShown: (s: Set<LinkKind>) => void }) {
  const label = useKindLabel();
  const { kinds, shown, setShown } = props;
  return (
    <Group gap="md">
      {kinds.map((k) => (
        <Checkbox
          key={k}
          size="xs"
          checked={shown.has(k)}
          onChange={(e) => {
            const next = new Set(shown);
            if (e.currentTarget.checked) next.add(k);
            else next.delete(k);
            setShown(next);
          }}
          label={
            <Group gap={4} wrap="nowrap">
              <svg width="22" height="8" aria-hidden="true">
                <line x1="1" y1="4" x2="21" y2="4" stroke={KIND_COLOUR[k]} strokeWidth="3" />
              </svg>
              {label(k)}
            </Group>
          }
        />
      ))}
    </Group>
  );
}

interface NetworkProps {
  data: LinkagesResponse;
  edges: LinkageEdge[];
  shown: Set<LinkKind>;
  names: Map<string, string>;
}

/** On the map: a line per linked pair (coloured by its first kind, wider with more links) and the provinces' names. */
function linkageOverlay({ data, edges, shown, names }: NetworkProps) {
  return ({ centroid }: MapOverlayContext) => (
    <>
      {edges.map((e) => {
        const a = centroid(e.a);
        const b = centroid(e.b);
        if (!a || !b) return null;
        const ks = kindsOf(e, shown);
        const n = linkCount(e, ks);
        return (
          <line
            key={`${e.a}-${e.b}`}
            data-edge={`${e.a}-${e.b}`}
            data-kinds={ks.join(',')}
            x1={a[0]}
            y1={a[1]}
            x2={b[0]}
            y2={b[1]}
            stroke={KIND_COLOUR[ks[0]]}
            strokeWidth={Math.min(9, 1.5 + n * 1.2)}
            strokeOpacity={0.75}
            strokeLinecap="round"
          >
            <title>{`${names.get(e.a)} – ${names.get(e.b)}: ${n}`}</title>
          </line>
        );
      })}
      {data.provinces.map((p) => {
        const c = centroid(p.code);
        if (!c) return null;
        return (
          <text
            key={p.code}
            x={c[0]}
            y={c[1] - 6}
            fontSize={10}
            textAnchor="middle"
            fill="#1d2b36"
            stroke="white"
            strokeWidth={3}
            paintOrder="stroke"
          >
            {p.nameVi}
          </text>
        );
      })}
    </>
  );
}

/** The map of the network: the scope's provinces shaded, their links drawn, a card per province on hover. */
function LinkageMap(props: NetworkProps) {
  const { pick } = useI18n();
  const { data, edges, names } = props;
  const topo = useBoundaries('2025-07-01', true, 'full');
  const extent = useMemo(() => (topo.data ? linkedExtent(topo.data, data.provinces) : undefined), [topo.data, data]);
  if (!topo.data) return <Loader />;
  return (
    <ProvinceMap
      topology={topo.data}
      height={480}
      extent={extent}
      ariaLabel={pick('Bản đồ liên kết giữa các địa phương', 'Map of linkages between provinces')}
      labels={{
        hoangSa: pick('QĐ. Hoàng Sa (TP. Đà Nẵng)', 'Hoang Sa (Da Nang)'),
        truongSa: pick('QĐ. Trường Sa (tỉnh Khánh Hòa)', 'Truong Sa (Khanh Hoa)'),
      }}
      fill={(code) => {
        const p = data.provinces.find((x) => x.code === code);
        return p?.inScope ? '#dbe8f4' : p ? '#f1ede4' : '#f4f5f7';
      }}
      hoverCard={(code) => {
        const mine = edges.filter((e) => e.a === code || e.b === code);
        return (
          <>
            <Text fw={600} size="sm">
              {names.get(code) ?? code}
            </Text>
            <Text size="xs">
              {mine.length} {pick('tỉnh có liên kết', 'linked provinces')}
            </Text>
          </>
        );
      }}
      overlay={linkageOverlay(props)}
    />
  );
}

/** The links of one pair, one under the other, 24 px apart (WCAG 2.5.8 target spacing). */
function EdgeLinks({ e, shown }: { e: LinkageEdge; shown: Set<LinkKind> }) {
  const { pick } = useI18n();
  return (
    <Stack gap={8}>
      {shown.has('agreement') &&
        e.agreements.map((a) => (
          // an agreement's title as its parties registered it (user content, in Vietnamese)
          <Text size="xs" key={`a${a.id}`} c={KIND_COLOUR.agreement} lang="vi">
            ● {a.titleVi}
          </Text>
        ))}
      {shown.has('project') &&
        e.projects.map((p) => (
          <Text size="xs" key={`p${p.code}`}>
            <Anchor component={Link} to={`/projects/${p.code}`} size="xs" c={KIND_COLOUR.project}>
              ● {p.code} · {pick(p.nameVi, p.nameEn)}
            </Anchor>
          </Text>
        ))}
      {shown.has('follow_up') &&
        e.followUps.map((f) => (
          // clamped itself: a link clamped by its paragraph keeps its hidden lines' box, which overlaps the next row's
          // links (target spacing); a council's conclusion as its secretariat wrote it (user content, in Vietnamese)
          <Anchor
            key={`f${f.id}`}
            component={Link}
            to={`/councils/follow-ups/${f.id}`}
            size="xs"
            c={KIND_COLOUR.follow_up}
            lineClamp={2}
            lang="vi"
          >
            ● {f.textVi}
          </Anchor>
        ))}
    </Stack>
  );
}

/** The same network as a table: the strongest pairs first, the rest behind "show all". */
function LinkageTable({ edges, shown, names }: Omit<NetworkProps, 'data'>) {
  const { pick } = useI18n();
  const [all, setAll] = useState(false);
  return (
    <Card withBorder padding={0}>
      <Table.ScrollContainer minWidth={480}>
        <Table fz="sm" striped data-testid="linkage-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{pick('Các tỉnh liên kết', 'Provinces')}</Table.Th>
              <Table.Th>{pick('Nội dung liên kết', 'Links')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {(all ? edges : edges.slice(0, TABLE_ROWS)).map((e) => (
              <Table.Tr key={`${e.a}-${e.b}`}>
                <Table.Td style={{ verticalAlign: 'top', whiteSpace: 'nowrap' }}>
                  {names.get(e.a)} – {names.get(e.b)}
                </Table.Td>
                <Table.Td>
                  <EdgeLinks e={e} shown={shown} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {edges.length > TABLE_ROWS && (
        <Button variant="subtle" size="xs" m="xs" onClick={() => setAll(!all)} data-testid="linkage-all">
          {all
            ? pick('Thu gọn', 'Show fewer')
            : pick(`Xem tất cả ${edges.length} cặp tỉnh`, `Show all ${edges.length} pairs`)}
        </Button>
      )}
    </Card>
  );
}

/**
 * The linkage network of a region or a province: on the map, one line per pair of linked provinces (green for
 * cooperation agreements, blue for shared projects and corridors, orange for council follow-ups that involve both),
 * its width growing with the number of links; beside it, the same links as a table.
 */
export function LinkagePanel({ scope }: { scope: { region?: string; province?: string } }) {
  const { pick } = useI18n();
  const qs = new URLSearchParams(scope as Record<string, string>).toString();
  const q = useLinkages(qs);
  const [shown, setShown] = useState<Set<LinkKind>>(new Set(['agreement', 'project', 'follow_up']));
  const data = q.data;
  const edges = useMemo(() => (data?.edges ?? []).filter((e) => kindsOf(e, shown).length > 0), [data, shown]);
  const names = useMemo(() => new Map((data?.provinces ?? []).map((p) => [p.code, p.nameVi])), [data]);
  if (!data) return <Loader />;
  const kinds: LinkKind[] = data.includesFollowUps ? ['agreement', 'project', 'follow_up'] : ['agreement', 'project'];
  return (
    <Grid gap="md" data-testid="linkage-panel">
      <Grid.Col span={{ base: 12, lg: 6 }}>
        <Stack gap={6}>
          <KindFilter kinds={kinds} shown={shown} setShown={setShown} />
          <LinkageMap data={data} edges={edges} shown={shown} names={names} />
          <Text size="xs" c="dimmed">
            {pick('Nguồn', 'Source')}: {pick(data.source, data.sourceEn)}
            {!data.includesFollowUps &&
              pick(
                ' Nhiệm vụ theo kết luận chỉ hiển thị cho thành viên Hội đồng.',
                ' Council follow-ups are shown to council members only.',
              )}
          </Text>
        </Stack>
      </Grid.Col>
      <Grid.Col span={{ base: 12, lg: 6 }}>
        <LinkageTable edges={edges} shown={shown} names={names} />
      </Grid.Col>
    </Grid>
  );
}
