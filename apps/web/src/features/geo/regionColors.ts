/** Calm, distinguishable colours for the six regions (2025 and GSO codes share the palette where codes match). */
export const REGION_COLORS: Record<string, string> = {
  NMM: '#7fb77e',
  RRD: '#e3a857',
  NC: '#f2c94c',
  NCC: '#f2c94c',
  SCCH: '#6fa8dc',
  CH: '#b4a7d6',
  SE: '#e06666',
  MRD: '#76c7c0',
};
export const NO_REGION = '#d0d7de';
