/**
 * A word-sized trend line (Tufte's sparkline): the values over the periods, gaps where a value is missing, the last
 * point marked. Not a chart: the grapher block draws the full chart with axes, sources and downloads.
 */
export function Sparkline({
  points,
  width = 120,
  height = 28,
  color = '#1f4e79',
  label,
  className,
}: {
  points: { period: number | string; value: number | null }[];
  width?: number;
  height?: number;
  color?: string;
  label: string;
  /** A class that may set another width (the stylesheet narrows it on a phone): the drawing stretches to it. */
  className?: string;
}) {
  const values = points.map((p) => p.value).filter((v): v is number => v !== null);
  if (values.length < 2)
    return (
      <svg
        width={width}
        height={height}
        className={className}
        role="img"
        aria-label={label}
        data-testid="sparkline"
        data-points={values.length}
      />
    );
  const min = Math.min(...values);
  const max = Math.max(...values);
  const pad = 3;
  // Years are placed by their number, so that a year absent from the points (not only a null value) is a gap too.
  const years = points.map((p) => Number(p.period));
  const byYear = years.every(Number.isFinite) && years.length > 1 && years[years.length - 1] > years[0];
  const x = (i: number) =>
    pad +
    ((byYear ? years[i] - years[0] : i) * (width - 2 * pad)) /
      Math.max(1, byYear ? years[years.length - 1] - years[0] : points.length - 1);
  const y = (v: number) => (max === min ? height / 2 : height - pad - ((v - min) * (height - 2 * pad)) / (max - min));
  // Consecutive runs of values become separate polylines so that a missing year is a gap, not a slope.
  const runs: string[] = [];
  let run: string[] = [];
  points.forEach((p, i) => {
    const skipped = byYear && i > 0 && years[i] - years[i - 1] > 1;
    if (p.value === null || skipped) {
      if (run.length) runs.push(run.join(' '));
      run = [];
    }
    if (p.value !== null) run.push(`${x(i).toFixed(1)},${y(p.value).toFixed(1)}`);
  });
  if (run.length) runs.push(run.join(' '));
  const lastIndex = points.map((p) => p.value !== null).lastIndexOf(true);
  const last = points[lastIndex];
  // A dot is a line of no length with round ends: unlike a circle it stays round when a class stretches the drawing.
  const dot = (cx: string | number, cy: string | number, size: number, key?: string) => (
    <path
      key={key}
      d={`M${cx},${cy}h0`}
      stroke={color}
      strokeWidth={size}
      strokeLinecap="round"
      vectorEffect="non-scaling-stroke"
    />
  );
  return (
    <svg
      width={width}
      height={height}
      viewBox={`0 0 ${width} ${height}`}
      preserveAspectRatio="none"
      className={className}
      role="img"
      aria-label={label}
      data-testid="sparkline"
      data-points={values.length}
    >
      {runs.map((r) =>
        r.includes(' ') ? (
          <polyline key={r} points={r} fill="none" stroke={color} strokeWidth={1.5} vectorEffect="non-scaling-stroke" />
        ) : (
          dot(r.split(',')[0], r.split(',')[1], 3, r)
        ),
      )}
      {last && last.value !== null && dot(x(lastIndex).toFixed(1), y(last.value).toFixed(1), 5)}
    </svg>
  );
}
