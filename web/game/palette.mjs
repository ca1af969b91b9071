// Player colours: the Okabe-Ito palette (distinguishable with the common
// colour-vision deficiencies) plus white, each paired with a letter drawn on
// the fighter so that no one depends on colour alone.
export const playerColors = ['#E69F00', '#56B4E9', '#009E73', '#F0E442', '#0072B2', '#D55E00', '#CC79A7', '#F5F5F5'];
export const playerMarks = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H'];
// Text that stays readable drawn on the colour above.
export const inkOn = ['#111', '#111', '#fff', '#111', '#fff', '#fff', '#111', '#111'];

export const theme = {
  background: '#0d1117',
  floor: '#1a2130',
  floorLine: '#212a3b',
  wall: '#3b4a66',
  wallTop: '#56698f',
  text: '#e6edf3',
  dim: '#8b98a9',
  panel: 'rgba(8, 12, 20, 0.72)',
  danger: '#ff6b6b',
  good: '#5be49b',
};

export function colorOf(slot) {
  return slot >= 0 ? playerColors[slot % playerColors.length] : '#ffffff';
}
