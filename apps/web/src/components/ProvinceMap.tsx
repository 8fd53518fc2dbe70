import { Group, Loader } from '@mantine/core';
import { geoPath, geoTransform } from 'd3-geo';
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { sortVi } from '@regionlink/shared';
import { useMemo, useState } from 'react';
import { useI18n } from '../app/i18n';
import { feature } from 'topojson-client';
import type { Topology } from 'topojson-specification';

export interface MapFeatureProps {
  code: string;
  nameVi: string;
}

/** What an overlay can draw with: the map's projection and the visual centre of each unit. */
export interface MapOverlayContext {
  /** Longitude/latitude to SVG coordinates. */
  project: (lon: number, lat: number) => [number, number];
  /** SVG coordinates of a unit's centre (of its largest polygon, so islands do not pull it offshore). */
  centroid: (code: string) => [number, number] | null;
}

interface Props {
  topology: Topology;
  /** Fill colour of each unit by code. */
  fill: (code: string) => string;
  onSelect?: (code: string) => void;
  /** Content of the hover card for a unit. */
  hoverCard?: (code: string) => React.ReactNode;
  selected?: string | null;
  height?: number;
  ariaLabel: string;
  labels: { hoangSa: string; truongSa: string };
  /** Extra SVG drawn above the units (lines, markers); it does not catch the pointer. Optional. */
  overlay?: (ctx: MapOverlayContext) => React.ReactNode;
  /** Zoom to this box `[[lon0, lat0], [lon1, lat1]]` instead of the whole national territory. Optional. */
  extent?: [[number, number], [number, number]];
}

const WIDTH = 640;
// The whole national territory, mainland and both archipelagos: 102.1–117.9°E, 7.1–23.45°N.
const LON0 = 102.1;
const LON1 = 117.9;
const LAT0 = 7.1;
const LAT1 = 23.45;
const mercY = (lat: number) => Math.log(Math.tan(Math.PI / 4 + (lat * Math.PI) / 360));

/**
 * A planar Web-Mercator fitted to the national extent. Planar (not spherical) so that ring winding in the source
 * data, which differs between the two boundary layers, cannot turn a province into the rest of the globe.
 */
function makeProjection(
  width: number,
  height: number,
  pad = 8,
  box: [[number, number], [number, number]] = [
    [LON0, LAT0],
    [LON1, LAT1],
  ],
) {
  const x0 = (box[0][0] * Math.PI) / 180;
  const x1 = (box[1][0] * Math.PI) / 180;
  const y0 = mercY(box[0][1]);
  const y1 = mercY(box[1][1]);
  const k = Math.min((width - 2 * pad) / (x1 - x0), (height - 2 * pad) / (y1 - y0));
  const ox = (width - k * (x1 - x0)) / 2;
  const oy = (height - k * (y1 - y0)) / 2;
  const project = (lon: number, lat: number): [number, number] => [
    ox + k * ((lon * Math.PI) / 180 - x0),
    oy + k * (y1 - mercY(lat)),
  ];
  const transform = geoTransform({
    point(lon, lat) {
      const [x, y] = project(lon, lat);
      this.stream.point(x, y);
    },
  });
  return { project, transform };
}

// Boxes drawn around the archipelagos, as on official maps of Viet Nam.
const HOANG_SA: [[number, number], [number, number]] = [
  [110.9, 15.6],
  [113.2, 17.3],
];
const TRUONG_SA: [[number, number], [number, number]] = [
  [111.3, 6.9],
  [117.9, 12.2],
];

/**
 * Choropleth of provinces drawn as SVG with d3-geo (no tiles, works offline). Each unit is one `path` with
 * `data-code`, so it is testable and keyboard-reachable; the archipelagos sit in labelled boxes.
 */
export function ProvinceMap({
  topology,
  fill,
  onSelect,
  hoverCard,
  selected,
  height = 640,
  ariaLabel,
  labels,
  overlay,
  extent,
}: Props) {
  const [hover, setHover] = useState<{ code: string; x: number; y: number } | null>(null);
  const { paths, projection, centroids } = useMemo(() => {
    const objectName = Object.keys(topology.objects)[0];
    const fc = feature(topology, topology.objects[objectName]) as FeatureCollection<
      Polygon | MultiPolygon,
      MapFeatureProps
    >;
    const proj = makeProjection(WIDTH, height, 8, extent);
    const gen = geoPath(proj.transform);
    const centres = new Map<string, [number, number]>();
    for (const f of fc.features) {
      const polys = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
      let best: { area: number; c: [number, number] } | null = null;
      for (const coordinates of polys) {
        const poly = { type: 'Polygon' as const, coordinates };
        const area = gen.area(poly);
        if (!best || area > best.area) best = { area, c: gen.centroid(poly) as [number, number] };
      }
      if (best) centres.set(String(f.properties.code), best.c);
    }
    return {
      projection: proj,
      centroids: centres,
      paths: fc.features.map((f) => ({
        code: String(f.properties.code),
        name: String(
          (f.properties as unknown as Record<string, string>).name ??
            f.properties.nameVi ??
            (f.properties as unknown as Record<string, string>).name_vi,
        ),
        d: gen(f) ?? '',
      })),
    };
  }, [topology, height, extent]);

  const box = ([[x0, y0], [x1, y1]]: [[number, number], [number, number]]) => {
    const [ax, ay] = projection.project(x0, y1);
    const [bx, by] = projection.project(x1, y0);
    return { x: ax, y: ay, w: bx - ax, h: by - ay };
  };
  const hs = box(HOANG_SA);
  const ts = box(TRUONG_SA);

  return (
    <div style={{ position: 'relative' }}>
      <svg
        viewBox={`0 0 ${WIDTH} ${height}`}
        role="img"
        aria-label={ariaLabel}
        style={{ width: '100%', height: 'auto', display: 'block', background: '#eef4f8', borderRadius: 4 }}
        onMouseLeave={() => setHover(null)}
      >
        <g>
          {paths.map((p) => (
            <path
              key={p.code}
              d={p.d}
              data-code={p.code}
              data-name={p.name}
              fill={fill(p.code)}
              stroke={selected === p.code ? '#111' : '#ffffff'}
              strokeWidth={selected === p.code ? 1.6 : 0.6}
              style={{ cursor: onSelect ? 'pointer' : 'default', outline: 'none' }}
              opacity={hover && hover.code !== p.code ? 0.85 : 1}
              onMouseMove={(e) => {
                const rect = (e.currentTarget.ownerSVGElement as SVGSVGElement).getBoundingClientRect();
                setHover({ code: p.code, x: e.clientX - rect.left, y: e.clientY - rect.top });
              }}
              onClick={() => onSelect?.(p.code)}
            />
          ))}
        </g>
        {overlay && (
          <g style={{ pointerEvents: 'none' }} data-testid="map-overlay">
            {overlay({ project: projection.project, centroid: (code) => centroids.get(code) ?? null })}
          </g>
        )}
        <g fill="none" stroke="#5b7083" strokeDasharray="3 3" strokeWidth={0.8}>
          <rect x={hs.x} y={hs.y} width={hs.w} height={hs.h} />
          <rect x={ts.x} y={ts.y} width={ts.w} height={ts.h} />
        </g>
        <g fill="#34495e" fontSize={11} fontStyle="italic">
          <text x={hs.x} y={hs.y - 4}>
            {labels.hoangSa}
          </text>
          <text x={ts.x + 4} y={ts.y - 4}>
            {labels.truongSa}
          </text>
        </g>
      </svg>
      {onSelect && <UnitList units={paths} onSelect={onSelect} selected={selected} />}
      {hover && hoverCard && (
        <div
          role="tooltip"
          style={{
            position: 'absolute',
            left: Math.min(hover.x + 14, WIDTH - 220),
            top: hover.y + 14,
            background: 'white',
            border: '1px solid #c9d3dd',
            borderRadius: 4,
            padding: '6px 10px',
            boxShadow: '0 2px 6px rgba(0,0,0,0.15)',
            pointerEvents: 'none',
            fontSize: 13,
            minWidth: 180,
            zIndex: 5,
          }}
        >
          {hoverCard(hover.code)}
        </div>
      )}
    </div>
  );
}

/**
 * The place of a clickable map while its data loads: the map's square and the line of its unit list, so that nothing
 * below moves when the map is drawn.
 */
export function ProvinceMapPlaceholder() {
  return (
    <div>
      <Group justify="center" style={{ aspectRatio: '1 / 1' }}>
        <Loader />
      </Group>
      <div aria-hidden style={{ marginTop: 4, fontSize: 13 }}>
        &nbsp;
      </div>
    </div>
  );
}

/**
 * The keyboard and screen-reader way through a clickable map: the SVG itself is one image (nothing focusable inside
 * it); its units are listed here as buttons, in Vietnamese order, doing what a click on the map does.
 */
function UnitList({
  units,
  onSelect,
  selected,
}: {
  units: { code: string; name: string }[];
  onSelect: (code: string) => void;
  selected?: string | null;
}) {
  const { pick } = useI18n();
  return (
    <details data-testid="map-unit-list" style={{ marginTop: 4, fontSize: 13 }}>
      <summary style={{ cursor: 'pointer', color: '#1f4e79' }}>
        {pick('Danh sách đơn vị trên bản đồ (dùng bàn phím)', 'Units on the map as a list (keyboard)')}
      </summary>
      <ul style={{ columns: '10rem', margin: '4px 0', paddingLeft: 18 }}>
        {sortVi(units, (u) => u.name).map((u) => (
          <li key={u.code}>
            <button
              type="button"
              onClick={() => onSelect(u.code)}
              aria-current={selected === u.code ? 'true' : undefined}
              style={{ all: 'unset', cursor: 'pointer', color: '#1f4e79', textDecoration: 'underline', minHeight: 24 }}
            >
              {u.name}
            </button>
          </li>
        ))}
      </ul>
    </details>
  );
}
