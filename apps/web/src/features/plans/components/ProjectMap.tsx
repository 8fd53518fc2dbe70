import { Checkbox, Group, Loader, SegmentedControl, Stack, Text } from '@mantine/core';
import type { ProjectListItem } from '@regionlink/shared';
import { VINTAGE_34, VINTAGE_63 } from '@regionlink/shared';
import type { FeatureCollection, Geometry, Position } from 'geojson';
import { useMemo, useState } from 'react';
import { feature } from 'topojson-client';
import { useDict, useI18n } from '../../../app/i18n';
import { ProvinceMap } from '../../../components/ProvinceMap';
import { useGeography } from '../api';
import { DICT } from '../i18n';

const LINE_COLOURS = ['#c0392b', '#1f77b4', '#2ca02c', '#8e44ad', '#d35400', '#16a085', '#7f8c8d', '#b8860b'];

/** Planar bounds of a geometry's coordinates (not spherical: ring winding differs between the source layers). */
function planarBounds(g: Geometry): [[number, number], [number, number]] {
  let x0 = 180;
  let y0 = 90;
  let x1 = -180;
  let y1 = -90;
  const visit = (c: unknown) => {
    if (typeof (c as Position)[0] === 'number') {
      const [x, y] = c as Position;
      x0 = Math.min(x0, x);
      x1 = Math.max(x1, x);
      y0 = Math.min(y0, y);
      y1 = Math.max(y1, y);
    } else for (const k of c as unknown[]) visit(k);
  };
  if ('coordinates' in g) visit(g.coordinates);
  return [
    [x0, y0],
    [x1, y1],
  ];
}

/** The codes of a project's provinces in the chosen geography, in the order along the project (no repeats in a row). */
export function provincePath(p: ProjectListItem, vintage: string): string[] {
  const out: string[] = [];
  for (const pr of [...p.provinces].sort((a, b) => a.seq - b.seq)) {
    const code = vintage === pr.vintage ? pr.code : pr.today?.code;
    if (code && out[out.length - 1] !== code) out.push(code);
  }
  return out;
}

/**
 * Projects on the province map: lines (corridors, roads, railways) drawn through the centres of the provinces they
 * link, in order; other projects counted at each province they are located in. Either geography: the plan's 63
 * provinces or today's 34.
 */
export function ProjectMap({
  projects,
  vintage,
  onVintage,
  height = 560,
  onSelectProvince,
}: {
  projects: ProjectListItem[];
  vintage: string;
  onVintage: (v: string) => void;
  height?: number;
  onSelectProvince?: (code: string) => void;
}) {
  const t = useDict(DICT);
  const { pick } = useI18n();
  const geo = useGeography(vintage);
  const units = useMemo(() => new Map((geo.units.data?.items ?? []).map((u) => [u.code, u])), [geo.units.data]);
  const { lines, points, touched } = useMemo(() => {
    const lines: { code: string; path: string[]; name: string }[] = [];
    const points = new Map<string, string[]>();
    const touched = new Map<string, number>();
    for (const p of projects) {
      const path = provincePath(p, vintage);
      for (const c of path) touched.set(c, (touched.get(c) ?? 0) + 1);
      if (p.geometry === 'line' && path.length >= 2) lines.push({ code: p.code, path, name: pick(p.nameVi, p.nameEn) });
      else
        for (const pr of p.provinces.filter((x) => x.role === 'located')) {
          const c = vintage === pr.vintage ? pr.code : pr.today?.code;
          if (c) points.set(c, [...(points.get(c) ?? []), p.code]);
        }
    }
    return { lines, points, touched };
  }, [projects, vintage, pick]);

  const topology = geo.topology.data;
  const [zoom, setZoom] = useState(true);
  // Zoom to the provinces the projects touch (with a margin); the whole country when nothing is touched.
  const extent = useMemo((): [[number, number], [number, number]] | undefined => {
    if (!topology || touched.size === 0 || !zoom) return undefined;
    const fc = feature(topology, topology.objects[Object.keys(topology.objects)[0]]) as FeatureCollection;
    let box: [[number, number], [number, number]] | null = null;
    for (const f of fc.features) {
      if (!touched.has(String(f.properties?.code))) continue;
      const [[a, b], [c, d]] = planarBounds(f.geometry);
      if (c - a > 5) continue; // a province with far-off islands would stretch the box
      box = box
        ? [
            [Math.min(box[0][0], a), Math.min(box[0][1], b)],
            [Math.max(box[1][0], c), Math.max(box[1][1], d)],
          ]
        : [
            [a, b],
            [c, d],
          ];
    }
    if (!box) return undefined;
    const m = 0.4;
    return [
      [box[0][0] - m, box[0][1] - m],
      [box[1][0] + m, box[1][1] + m],
    ];
  }, [topology, touched, zoom]);
  return (
    <Stack gap={6}>
      <Group justify="space-between">
        <SegmentedControl
          size="xs"
          value={vintage}
          onChange={onVintage}
          data-testid="project-map-vintage"
          data={[
            { value: VINTAGE_63, label: t('geo63') },
            { value: VINTAGE_34, label: t('geo34') },
          ]}
        />
        <Group gap="md">
          <Checkbox
            size="xs"
            label={pick('Phóng to khu vực dự án', 'Zoom to the projects')}
            checked={zoom}
            onChange={(e) => setZoom(e.currentTarget.checked)}
          />
          <Group gap={4}>
            <svg width="26" height="8" aria-hidden="true">
              <line x1="1" y1="4" x2="25" y2="4" stroke="#c0392b" strokeWidth="3" />
            </svg>
            <Text size="xs">{t('mapLegendLine')}</Text>
          </Group>
          <Group gap={4}>
            <svg width="14" height="14" aria-hidden="true">
              <circle cx="7" cy="7" r="6" fill="#1f4e79" />
            </svg>
            <Text size="xs">{t('mapLegendPoint')}</Text>
          </Group>
        </Group>
      </Group>
      {!topology || !geo.units.data ? (
        <Group justify="center" h={300}>
          <Loader />
        </Group>
      ) : (
        <ProvinceMap
          topology={topology}
          height={height}
          extent={extent}
          ariaLabel={pick('Bản đồ dự án liên kết vùng', 'Map of regional-linkage projects')}
          labels={{
            hoangSa: pick('QĐ. Hoàng Sa (TP. Đà Nẵng)', 'Hoang Sa (Da Nang)'),
            truongSa: pick('QĐ. Trường Sa (tỉnh Khánh Hòa)', 'Truong Sa (Khanh Hoa)'),
          }}
          fill={(code) => (touched.has(code) ? '#cfe0ef' : '#eef1f4')}
          onSelect={onSelectProvince}
          hoverCard={(code) => {
            const u = units.get(code);
            const here = projects.filter((p) => provincePath(p, vintage).includes(code));
            return (
              <>
                <Text fw={600} size="sm">
                  {u ? pick(u.fullNameVi, u.fullNameEn) : code} ({code})
                </Text>
                <Text size="xs">
                  {here.length} {t('showing')}
                </Text>
                {here.slice(0, 6).map((p) => (
                  <Text size="xs" key={p.code} lineClamp={1}>
                    {p.code} · {pick(p.nameVi, p.nameEn)}
                  </Text>
                ))}
              </>
            );
          }}
          overlay={({ centroid }) => (
            <>
              {lines.map((l, i) => {
                const pts = l.path.map(centroid).filter((c): c is [number, number] => c !== null);
                return (
                  <polyline
                    key={l.code}
                    data-project={l.code}
                    data-provinces={l.path.join(',')}
                    points={pts.map((p) => p.join(',')).join(' ')}
                    fill="none"
                    stroke={LINE_COLOURS[i % LINE_COLOURS.length]}
                    strokeWidth={lines.length > 12 ? 2 : 3}
                    strokeOpacity={0.85}
                    strokeLinejoin="round"
                    strokeLinecap="round"
                  >
                    <title>{l.name}</title>
                  </polyline>
                );
              })}
              {lines.length <= 3 &&
                [...new Set(lines.flatMap((l) => l.path))].map((code) => {
                  const c = centroid(code);
                  const u = units.get(code);
                  if (!c) return null;
                  return (
                    <g key={`v-${code}`}>
                      <circle cx={c[0]} cy={c[1]} r={3.5} fill="white" stroke="#333" strokeWidth={1.2} />
                      <text
                        x={c[0] + 6}
                        y={c[1] - 5}
                        fontSize={11}
                        fill="#1d2b36"
                        stroke="white"
                        strokeWidth={3}
                        paintOrder="stroke"
                      >
                        {u?.nameVi ?? code}
                      </text>
                    </g>
                  );
                })}
              {[...points].map(([code, list]) => {
                const c = centroid(code);
                if (!c) return null;
                return (
                  <g key={code} data-province-marker={code} data-projects={list.join(',')}>
                    <circle
                      cx={c[0]}
                      cy={c[1]}
                      r={Math.min(14, 5 + list.length * 1.5)}
                      fill="#1f4e79"
                      fillOpacity={0.8}
                    />
                    <text x={c[0]} y={c[1] + 3.5} textAnchor="middle" fontSize={9} fill="white" fontWeight={600}>
                      {list.length}
                    </text>
                  </g>
                );
              })}
            </>
          )}
        />
      )}
    </Stack>
  );
}
