import type { EngineEvent, FlowError } from '../engine';

/** Messages the page sends to the engine worker. */
export type WorkerRequest =
  | { type: 'run'; requestId: string; source: string; inputs: Record<string, unknown>; dataBase: string }
  | { type: 'kill'; executionId: string }
  | { type: 'validate'; requestId: string; source: string };

/** Messages the engine worker sends back. */
export type WorkerResponse =
  | { type: 'ready' }
  | { type: 'events'; requestId: string; events: EngineEvent[] }
  | { type: 'invalid'; requestId: string; errors: FlowError[]; inputErrors?: { id: string; message: string }[] }
  | { type: 'done'; requestId: string; executionId: string }
  | { type: 'validated'; requestId: string; errors: FlowError[] }
  | { type: 'crash'; requestId?: string; message: string };
