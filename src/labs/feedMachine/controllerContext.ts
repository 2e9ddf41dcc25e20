import { createContext, useContext } from 'react';
import type { RunController } from '../../state/controller';

/** The page's run controller; null until the page has created it. */
export const ControllerContext = createContext<RunController | null>(null);

export function useController(): RunController | null {
  return useContext(ControllerContext);
}
