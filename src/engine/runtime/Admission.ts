/** What happens to a new execution when its flow has a concurrency limit. */
export type AdmissionDecision = 'RUN' | 'CANCELLED' | 'FAILED';

/**
 * The gate a concurrency limit puts in front of an execution (see
 * FlowConcurrency). `enter` is called right after `execution.created`; it
 * calls `onQueued` if the execution has to wait, and rejects with an
 * AbortError if `signal` aborts while it waits. `leave` is called when an
 * admitted execution ends.
 */
export interface Admission {
  enter(executionId: string, onQueued: () => void, signal: AbortSignal): Promise<AdmissionDecision>;
  leave(executionId: string): void;
}
