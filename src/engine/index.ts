/** The engine's public surface: what the worker, the command line and tests import. */
export { parseFlow, type ParsedFlow } from './flow/parseFlow';
export type { Flow, TaskSpec, InputSpec } from './flow/Flow';
export type { FlowError } from './flow/FlowError';
export { formatFlowError, type Locale } from './flow/errorMessages';
export { resolveInputs, type InputError, type ResolveInputsOptions } from './inputs/resolveInputs';
export { inputFileStore, inputFileUri } from './inputs/inputFileStore';
export { INPUT_TYPES } from './inputs/inputTypes';
export { runExecution, type RunOptions } from './runtime/runExecution';
export { reduceExecution, reduceEvents, reduceAll, ExecutionDraft } from './reduceExecution';
export type { EngineEvent, LogLevel, Labels } from './model/events';
export type { Execution, TaskRun, LogEntry } from './model/execution';
export { type StateType, isTerminated } from './model/state';
export { fakeClock, systemClock } from './runtime/Clock';
export { sequentialIds, randomId } from './runtime/ids';
export { ExecutionControl, type PausedTaskRun } from './runtime/ExecutionControl';
export { FlowConcurrency } from './runtime/FlowConcurrency';
export { parseDuration } from './runtime/parseDuration';
export { UNSUPPORTED_TASK_FAMILIES, unsupportedReason, unsupportedMessage, RUN_ON_KESTRA_PATH } from './tasks/unsupportedTasks';
