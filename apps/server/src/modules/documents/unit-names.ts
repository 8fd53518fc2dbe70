/**
 * One spelling per unit name: Vietnamese writes the tone of "oa", "oe", "uy" on either vowel ("Thanh Hóa" /
 * "Thanh Hoá", "Khánh Hòa" / "Khánh Hoà"), and the organisation list and the reports mix both. The report prints the
 * spelling of the official unit list (`reference/admin/provinces-34.csv`, `name_vi`) everywhere.
 */

/** Old-style placement (tone on the first vowel) → new style (on the second). */
const SWAPS: [string, string][] = [
  ['óa', 'oá'],
  ['òa', 'oà'],
  ['ỏa', 'oả'],
  ['õa', 'oã'],
  ['ọa', 'oạ'],
  ['óe', 'oé'],
  ['òe', 'oè'],
  ['ỏe', 'oẻ'],
  ['õe', 'oẽ'],
  ['ọe', 'oẹ'],
  ['úy', 'uý'],
  ['ùy', 'uỳ'],
  ['ủy', 'uỷ'],
  ['ũy', 'uỹ'],
  ['ụy', 'uỵ'],
];

/** The other tone placement of a name ("Thanh Hóa" → ["Thanh Hoá"], "Thanh Hoá" → ["Thanh Hóa"]). */
export function toneVariants(name: string): string[] {
  const n = name.normalize('NFC');
  let modern = n;
  let old = n;
  for (const [o, m] of SWAPS) {
    modern = modern.split(o).join(m);
    old = old.split(m).join(o);
  }
  return [...new Set([modern, old])].filter((v) => v !== n);
}

/** A function that rewrites every other spelling of the official names into the official one. */
export function officialSpelling(officialNames: readonly string[]): (text: string) => string {
  const pairs: [string, string][] = [];
  for (const name of officialNames) for (const v of toneVariants(name)) pairs.push([v, name.normalize('NFC')]);
  return (text: string) => {
    let t = text.normalize('NFC');
    for (const [variant, official] of pairs) if (t.includes(variant)) t = t.split(variant).join(official);
    return t;
  };
}
