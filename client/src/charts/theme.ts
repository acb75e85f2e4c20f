// Colours and type for charts and panels: dark, high contrast, for large displays.
export const C = {
  bg: '#050b16',
  panel: '#0a1424',
  border: '#1b2f4d',
  text: '#e6f0ff',
  textDim: '#8ea6c8',
  textFaint: '#5b7190',
  grid: '#1a2a42',
  accent: '#3cc8ff',
  accent2: '#7b8cff',
  green: '#3ddc97',
  yellow: '#ffc53d',
  red: '#ff4d4f',
  orange: '#ff7a45',
  grey: '#6b7a90',
} as const;

export const FONT_FAMILY =
  '"Noto Sans CJK SC", "Noto Sans SC Variable", "Noto Sans SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", "WenQuanYi Micro Hei", sans-serif';

/** Base text style for every chart. */
export const chartText = { color: C.textDim, fontFamily: FONT_FAMILY, fontSize: 16 };
