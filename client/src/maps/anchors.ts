// Label anchors [lon, lat] that replace a feature's `cp` where the default crowds a neighbour,
// per city map (adcode) and district (adcode). Each point was checked to lie inside its district.
export const LABEL_ANCHORS: Record<string, Record<string, [number, number]>> = {
  '370900': {
    // 泰山区 is small and ringed by 岱岳区, whose default anchor sits on its border.
    '370902': [117.19, 36.26],
    '370911': [117.06, 36.0],
  },
};
