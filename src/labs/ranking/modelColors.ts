import type { CtrModelKind } from '../../engine/ctr/types';

/**
 * One colour per model in every chart of the lab (Tableau 10 blue, green,
 * purple, red); the ground truth keeps the page's orange.
 */
export const MODEL_COLORS: Readonly<Record<CtrModelKind, string>> = { lr: '#4e79a7', fm: '#59a14f', 'wide-deep': '#b07aa1', deepfm: '#e15759' };
