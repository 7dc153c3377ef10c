/** React access to the one store and bridge: small selectors over the vanilla store. */
import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import type { Bridge } from '../bridge/bridge';
import type { AppState, AppStore } from '../state/store';

export interface AppServices {
  store: AppStore;
  bridge: Bridge;
  /** Prints to the terminal above the prompt (apply results, notices); set by the terminal pane. */
  print(text: string): void;
  /** Types into the terminal as if at the keyboard and resolves when the prompt is back (a
   *  lesson's Run button); set by the terminal pane. */
  type?(text: string): Promise<void>;
}

export const AppContext = createContext<AppServices | null>(null);

export function useServices(): AppServices {
  const s = useContext(AppContext);
  if (!s) throw new Error('AppContext missing');
  return s;
}

export function useApp<T>(selector: (s: AppState) => T): T {
  return useStore(useServices().store, selector);
}
