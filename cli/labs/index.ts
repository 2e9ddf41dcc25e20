import { feedMachineLab } from './feedMachine';
import { rankingLab } from './ranking';
import { filterBubbleLab } from './filterBubble';
import { retrievalLab } from './retrieval';
import { creatorsLab } from './creators';
import type { LabCommand } from './types';

/** Every `--lab` value the CLI runs, in help order. */
export const LAB_COMMANDS: readonly LabCommand[] = [feedMachineLab, retrievalLab, rankingLab, filterBubbleLab, creatorsLab];

/** Returns the lab named `name`, or undefined. */
export function findLab(name: string): LabCommand | undefined {
  return LAB_COMMANDS.find((lab) => lab.name === name);
}
