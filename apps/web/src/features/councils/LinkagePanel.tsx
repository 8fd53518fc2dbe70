import { Anchor, Button, Card, Checkbox, Grid, Group, Loader, Stack, Table, Text } from '@mantine/core';
import type { LinkageEdge, LinkKind } from '@regionlink/shared';
import type { FeatureCollection, Geometry } from 'geojson';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { feature } from 'topojson-client';
import { useI18n } from '../../app/i18n';
import { ProvinceMap } from '../../components/ProvinceMap';
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

/**
 * The linkage network of a region or a province: on the map, one line per pair of linked provinces (green for
 * cooperation agreements, blue for shared projects and corridors, orange for council follow-ups that involve both),
 * its width growing with the number of links; beside it, the same links as a table.
 */
export function LinkagePanel({ scope }: { scope: { region?: string; province?: string } }) {
  const { pick } = useI18n();
  const qs = new URLSearchParams(scope as Record<string, string>).toString();
  const q = useLinkages(qs);
  const topo = useBoundaries('2025-07-01', true, 'full');
  const [shown, setShown] = useState<Set<LinkKind>>(new Set(['agreement', 'project', 'follow_up']));
  const [all, setAll] = useState(false);
  const data = q.data;
  const edges = useMemo(() => (data?.edges ?? []).filter((e) => kindsOf(e, shown).length > 0), [data, shown]);
  const names = useMemo(() => new Map((data?.provinces ?? []).map((p) => [p.code, p.nameVi])), [data]);
  const extent = useMemo((): [[number, number], [number, number]] | undefined => {
    if (!topo.data || !data) return undefined;
    const fc = feature(topo.data, topo.data.objects[Object.keys(topo.data.objects)[0]]) as FeatureCollection;
    const codes = new Set(data.provinces.map((p) => p.code));
    let box: [[number, number], [number, number]] | null = null;
    for (const f of fc.features) {
      if (!codes.has(String(f.properties?.code))) continue;
      const b = boxOf(f.geometry);
      if (!b || b[1][0] - b[0][0] > 5) continue; // far-off islands would stretch the box
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
  }, [topo.data, data]);
  if (!data) return <Loader />;
  const label = (k: LinkKind) =>
    k === 'agreement'
      ? pick('Thỏa thuận hợp tác', 'Cooperation agreements')
      : k === 'project'
        ? pick('Dự án, hành lang chung', 'Shared projects and corridors')
        : pick('Nhiệm vụ theo kết luận Hội đồng', 'Council follow-ups');
  const kinds: LinkKind[] = data.includesFollowUps ? ['agreement', 'project', 'follow_up'] : ['agreement', 'project'];
  return (
    <Grid gap="md" data-testid="linkage-panel">
      <Grid.Col span={{ base: 12, lg: 6 }}>
        <Stack gap={6}>
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
          {!topo.data ? (
            <Loader />
          ) : (
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
              overlay={({ centroid }) => (
                <>
                  {edges.map((e) => {
                    const a = centroid(e.a);
                    const b = centroid(e.b);
                    if (!a || !b) return null;
                    const ks = kindsOf(e, shown);
                    const n = ks.reduce(
                      (s, k) =>
                        s +
                        (k === 'agreement'
                          ? e.agreements.length
                          : k === 'project'
                            ? e.projects.length
                            : e.followUps.length),
                      0,
                    );
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
              )}
            />
          )}
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
                      {/* the links one under the other are 24 px apart (WCAG 2.5.8 target spacing) */}
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
                            // clamped itself: a link clamped by its paragraph keeps its hidden lines' box, which
                            // overlaps the next row's links (target spacing); a council's conclusion as its secretariat
                            // wrote it (user content, in Vietnamese)
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
      </Grid.Col>
    </Grid>
  );
}
