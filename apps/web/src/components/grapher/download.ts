/** Save a Blob or a URL as a file with the given name. */
export function saveBlob(blob: Blob, name: string) {
  const url = URL.createObjectURL(blob);
  saveUrl(url, name);
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function saveUrl(url: string, name?: string) {
  const a = document.createElement('a');
  a.href = url;
  if (name) a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
}

/** Rasterise an SVG document to a PNG blob at `scale` × its size (white background). */
export function svgToPng(svg: string, width: number, height: number, scale = 2): Promise<Blob> {
  return new Promise((resolve, reject) => {
    const img = new Image();
    const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml;charset=utf-8' }));
    img.onload = () => {
      const canvas = document.createElement('canvas');
      canvas.width = Math.round(width * scale);
      canvas.height = Math.round(height * scale);
      const ctx = canvas.getContext('2d');
      if (!ctx) return reject(new Error('no canvas'));
      ctx.fillStyle = '#ffffff';
      ctx.fillRect(0, 0, canvas.width, canvas.height);
      ctx.scale(scale, scale);
      ctx.drawImage(img, 0, 0, width, height);
      URL.revokeObjectURL(url);
      canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('png'))), 'image/png');
    };
    img.onerror = () => reject(new Error('svg image'));
    img.src = url;
  });
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * A stand-alone SVG of the map: the map's own SVG, a title above, the legend and the source below, so the picture
 * still says what it shows and where the figures come from once it leaves the page.
 */
export function composeMapSvg(opts: {
  mapSvg: SVGSVGElement;
  title: string;
  subtitle: string;
  legend: { color: string; label: string }[];
  source: string;
}): { svg: string; width: number; height: number } {
  const vb = opts.mapSvg.viewBox.baseVal;
  const mapW = vb.width || 640;
  const mapH = vb.height || 640;
  const width = mapW + 220;
  const head = 56;
  const sourceLines = wrap(opts.source, 110);
  const height = head + mapH + 18 + sourceLines.length * 14 + 10;
  const inner = new XMLSerializer()
    .serializeToString(opts.mapSvg)
    .replace(/^<svg[^>]*>/, '')
    .replace(/<\/svg>$/, '');
  const legend = opts.legend
    .map(
      (l, i) =>
        `<rect x="${mapW + 16}" y="${head + 10 + i * 22}" width="16" height="14" fill="${l.color}" stroke="#8a96a3" stroke-width="0.5"/>` +
        `<text x="${mapW + 38}" y="${head + 21 + i * 22}" font-size="12">${esc(l.label)}</text>`,
    )
    .join('');
  const src = sourceLines
    .map((line, i) => `<text x="8" y="${head + mapH + 18 + i * 14}" font-size="10.5" fill="#445">${esc(line)}</text>`)
    .join('');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="Be Vietnam Pro, Noto Sans, Arial, sans-serif">
<rect width="100%" height="100%" fill="#ffffff"/>
<text x="8" y="22" font-size="16" font-weight="600" fill="#1b2733">${esc(opts.title)}</text>
<text x="8" y="42" font-size="12" fill="#445">${esc(opts.subtitle)}</text>
<g transform="translate(0 ${head})">${inner}</g>
${legend}
${src}
</svg>`;
  return { svg, width, height };
}

function wrap(text: string, max: number): string[] {
  const out: string[] = [];
  let line = '';
  for (const w of text.split(/\s+/)) {
    if ((line ? `${line} ${w}` : w).length > max) {
      if (line) out.push(line);
      line = w;
    } else line = line ? `${line} ${w}` : w;
  }
  if (line) out.push(line);
  return out;
}
