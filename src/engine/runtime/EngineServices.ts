import type { Clock } from './Clock';

/**
 * What the engine needs from its host (a Web Worker in the browser, Node for
 * tests and the command line). Everything is optional except the clock and ids.
 */
export interface EngineServices {
  clock: Clock;
  newId: () => string;
}
