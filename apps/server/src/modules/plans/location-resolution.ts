import type { ProvinceRole, ResolvedVia, UnresolvedReason } from '@regionlink/shared';
import { foldVi, normaliseText } from '@regionlink/shared';

/** A province of the geography the text is read in (the 63 provinces for the 2021–2030 plans). */
export interface ProvinceName {
  code: string;
  nameVi: string;
  nameEn: string;
}

export interface ResolvedProvince {
  code: string;
  role: ProvinceRole;
  /** The part of the location text that named it. */
  matchedText: string;
  via: ResolvedVia;
  note: string | null;
}

export interface UnresolvedPart {
  text: string;
  reason: UnresolvedReason;
}

export interface LocationResolution {
  provinces: ResolvedProvince[];
  unresolved: UnresolvedPart[];
}

/**
 * Other names of pre-2025 provinces: the city/province renamed in 2025 ("Huế" for Thừa Thiên Huế), common short forms
 * and old spellings. Tone-mark placement variants ("Hoà Bình"/"Hòa Bình") need no entry: matching folds the marks.
 */
const ALIASES: Record<string, string> = {
  hue: '46',
  'thua thien - hue': '46',
  'ho chi minh': '79',
  hcm: '79',
  'tp hcm': '79',
  'sai gon': '79',
  'br - vt': '77',
  'br-vt': '77',
  'bac can': '06',
  'dac lac': '66',
  daklak: '66',
  'dak lak': '66',
  'dac nong': '67',
  'dak nong': '67',
  'can tho city': '92',
};

/**
 * Places named in the plans that lie inside one province (pre-2025 codes), from the official administrative map:
 * towns, districts, border gates, airports, reservoirs. Only places whose province is not in doubt are listed;
 * anything else stays unresolved and is shown as such.
 */
export const PLACES: Record<string, { code: string; kind: string }> = {
  'huu nghi': { code: '20', kind: 'cửa khẩu quốc tế Hữu Nghị (Lạng Sơn)' },
  'chi lang': { code: '20', kind: 'huyện Chi Lăng (Lạng Sơn)' },
  'dong dang': { code: '20', kind: 'thị trấn Đồng Đăng (Lạng Sơn)' },
  'cho moi': { code: '06', kind: 'huyện Chợ Mới (Bắc Kạn)' },
  'sa pa': { code: '10', kind: 'thị xã Sa Pa (Lào Cai)' },
  'na san': { code: '14', kind: 'cảng hàng không Nà Sản, huyện Mai Sơn (Sơn La)' },
  'moc chau': { code: '14', kind: 'huyện Mộc Châu (Sơn La)' },
  'tra linh': { code: '04', kind: 'cửa khẩu Trà Lĩnh (Cao Bằng)' },
  'hoa lac': { code: '01', kind: 'Khu công nghệ cao Hòa Lạc (Hà Nội)' },
  'viet tri': { code: '25', kind: 'thành phố Việt Trì (Phú Thọ)' },
  'cam son': { code: '24', kind: 'hồ Cấm Sơn, huyện Lục Ngạn (Bắc Giang)' },
  'khuon than': { code: '24', kind: 'hồ Khuôn Thần, huyện Lục Ngạn (Bắc Giang)' },
  'muong te': { code: '12', kind: 'huyện Mường Tè (Lai Châu)' },
  'muong nhe': { code: '11', kind: 'huyện Mường Nhé (Điện Biên)' },
  'thac ba': { code: '15', kind: 'hồ Thác Bà (Yên Bái)' },
  'na hang': { code: '08', kind: 'huyện Na Hang (Tuyên Quang)' },
};

/** Text that names the whole region or an area wider than a province: listed, never spread over provinces. */
const REGION_WIDE: RegExp[] = [
  /^(the )?region$/,
  /^provinces of the region$/,
  /^urban areas of the region$/,
  /^hydropower reservoirs in the region$/,
  /^priority in the region'?s dynamic development area$/,
  /^areas important for /,
];
/** Features that run through several provinces, and names of other regions. */
const SPANS: RegExp[] = [/expressway$/, /^red river\b/, /^basins of /, /^hoang lien son$/, /war-zone mountains/];
const OTHER_REGIONS: RegExp[] = [/^red river delta$/];

/** Descriptors stripped from a place before looking it up again ("Mộc Châu plateau" → "Mộc Châu"). */
const FACILITY_SUFFIX =
  / (hydropower-irrigation works|international border gate|border gate|plateau|reservoir|airport|province|city)$/;
const LEADING = /^(mainly|chủ yếu|tỉnh|thành phố|tp\.?)\s+/iu;
const AFFECTED_PREFIX = /^connecting to\s+/i;

/** Fold for matching, with every dash written the same way. */
export function locationKey(text: string): string {
  return foldVi(text.replace(/\([^)]*\)/g, ' '))
    .replace(/\s*[-–—]\s+|\s+[-–—]\s*|\s*[–—]\s*/g, ' - ')
    .replace(/\s+/g, ' ')
    .trim();
}

const SEGMENT_SPLIT = /\s*;\s*/;
const PIECE_SPLIT = /\s+-\s+|\s*[–—]\s*|\s*->\s*|\s*→\s*/;

export interface LocationIndex {
  byKey: Map<string, { code: string; via: ResolvedVia }>;
}

/** Index the province names (Vietnamese and English, with and without "Thành phố") and the aliases. */
export function buildLocationIndex(units: ProvinceName[]): LocationIndex {
  const byKey = new Map<string, { code: string; via: ResolvedVia }>();
  for (const u of units) {
    for (const name of [u.nameVi, u.nameEn]) {
      const k = locationKey(name);
      byKey.set(k, { code: u.code, via: 'province_name' });
      byKey.set(k.replace(/^thanh pho /, ''), { code: u.code, via: 'province_name' });
    }
  }
  const codes = new Set(units.map((u) => u.code));
  for (const [k, code] of Object.entries(ALIASES))
    if (codes.has(code) && !byKey.has(k)) byKey.set(k, { code, via: 'alias' });
  return { byKey };
}

type Lookup = { kind: 'province'; code: string; via: ResolvedVia; note: string | null } | UnresolvedPart;

function lookup(raw: string, index: LocationIndex): Lookup | null {
  const stripped = normaliseText(raw).replace(LEADING, '');
  const key = locationKey(stripped);
  if (!key) return null;
  const direct = index.byKey.get(key);
  if (direct) return { kind: 'province', ...direct, note: null };
  if (REGION_WIDE.some((r) => r.test(key))) return { text: raw, reason: 'region_wide' };
  if (OTHER_REGIONS.some((r) => r.test(key))) return { text: raw, reason: 'not_a_province' };
  if (SPANS.some((r) => r.test(key))) return { text: raw, reason: 'spans_provinces' };
  const bare = key.replace(FACILITY_SUFFIX, '');
  if (bare !== key) {
    const inProvince = index.byKey.get(bare);
    if (inProvince) return { kind: 'province', ...inProvince, note: `facility in the province: ${raw}` };
  }
  const place = PLACES[bare] ?? PLACES[key];
  if (place) return { kind: 'province', code: place.code, via: 'place', note: place.kind };
  return null;
}

/**
 * Resolve a plan's location text ("Hà Nội - Bắc Giang - Lạng Sơn - Cao Bằng", "Lai Châu; Nội Bài - Lào Cai
 * expressway", "Red River (sông Hồng); connecting to Hà Nội, Hải Phòng, Quảng Ninh") to province codes.
 *
 * Rules: `;` separates segments and `,` items; ` - `, `–`, `->` separate points along a line, but a name that itself
 * contains a dash ("Bà Rịa–Vũng Tàu", "Nội Bài - Lào Cai expressway") is matched first (longest match wins). Names
 * are compared with tone marks folded, so "Hoà Bình" = "Hòa Bình". A segment starting "connecting to" gives the
 * role `affected`; everything else is `located`, in the order written. Whatever names no province is returned in
 * `unresolved` with the reason — never guessed and never dropped.
 */
export function resolveLocation(text: string | null | undefined, index: LocationIndex): LocationResolution {
  const provinces: ResolvedProvince[] = [];
  const unresolved: UnresolvedPart[] = [];
  const src = normaliseText(text ?? '');
  if (!src) return { provinces, unresolved };
  const add = (code: string, role: ProvinceRole, matchedText: string, via: ResolvedVia, note: string | null) => {
    const existing = provinces.find((p) => p.code === code);
    if (!existing) {
      provinces.push({ code, role, matchedText, via, note });
      return;
    }
    // Several names in the same province ("Hữu Nghị - Chi Lăng"): one entry that keeps every name it came from.
    if (!existing.matchedText.split('; ').includes(matchedText)) existing.matchedText += `; ${matchedText}`;
    if (role === 'located' && existing.role === 'affected') existing.role = 'located';
  };
  for (const rawSegment of src.split(SEGMENT_SPLIT)) {
    let segment = rawSegment.trim();
    if (!segment) continue;
    const role: ProvinceRole = AFFECTED_PREFIX.test(segment) ? 'affected' : 'located';
    segment = segment.replace(AFFECTED_PREFIX, '');
    const whole = lookup(segment, index);
    if (whole && 'reason' in whole) {
      unresolved.push(whole);
      continue;
    }
    for (const item of segment.split(/\s*,\s*/)) {
      const pieces = item.split(PIECE_SPLIT).filter((p) => p.trim() !== '');
      let i = 0;
      while (i < pieces.length) {
        let matched: { end: number; hit: Lookup } | null = null;
        for (let j = Math.min(pieces.length, i + 3); j > i + 1; j--) {
          const hit = lookup(pieces.slice(i, j).join(' - '), index);
          if (hit) {
            matched = { end: j, hit };
            break;
          }
        }
        if (!matched) {
          const hit = lookup(pieces[i], index);
          matched = { end: i + 1, hit: hit ?? { text: pieces[i].trim(), reason: 'unknown_name' } };
        }
        const piece = pieces.slice(i, matched.end).join(' - ').trim();
        const h = matched.hit;
        if ('reason' in h) unresolved.push({ text: piece, reason: h.reason });
        else add(h.code, role, piece, h.via, h.note);
        i = matched.end;
      }
    }
  }
  return { provinces, unresolved };
}
