import type { TaskDefinition } from './TaskDefinition';
import { Log } from './Log';
import { Return } from './Return';
import { Labels } from './Labels';
import { Fail } from './Fail';
import { If } from './If';
import { Switch } from './Switch';
import { Sequential } from './Sequential';
import { Parallel } from './Parallel';
import { ForEach } from './ForEach';
import { Sleep } from './Sleep';
import { Pause } from './Pause';
import { OutputValues } from './OutputValues';
import { PurgeCurrentExecutionFiles } from './PurgeCurrentExecutionFiles';
import { KvSet } from './kv/KvSet';
import { KvGet } from './kv/KvGet';
import { KvDelete } from './kv/KvDelete';
import { Download } from './http/Download';
import { Subflow } from './Subflow';
import { SetVariables } from './SetVariables';
import { UnsetVariables } from './UnsetVariables';
import { Echo } from './Echo';
import { AllowFailure } from './AllowFailure';
import { EachSequential, EachParallel } from './EachSequential';
import { LogFetch } from './LogFetch';
import { Dag } from './Dag';
import { WaitFor } from './WaitFor';
import { WorkingDirectory } from './WorkingDirectory';
import { ForEachItem } from './ForEachItem';
import { KvGetKeys } from './kv/KvGetKeys';
import { StorageSize, StorageDelete, StorageConcat } from './StorageFiles';
import { DbtCLI } from './dbt/DbtCLI';
import { SyncNamespaceFiles } from './git/SyncNamespaceFiles';
import { GitClone } from './git/GitClone';
import { unsupportedTaskDefinition } from './unsupportedTasks';
import { POSTGRES_TASKS } from './jdbc/postgresTasks';
import { SHELL_TASKS } from './shell/shellTasks';
import { PYTHON_TASKS } from './scripts/pythonTasks';
import { DUCKDB_TASKS } from './scripts/duckdbTasks';

/** Every task type the engine runs, by Kestra type name. One file per task type; append new ones here. */
const DEFINITIONS: TaskDefinition[] = [
  Log,
  Return,
  Labels,
  Fail,
  If,
  Switch,
  Sequential,
  Parallel,
  ForEach,
  Sleep,
  Pause,
  OutputValues,
  PurgeCurrentExecutionFiles,
  KvSet,
  KvGet,
  KvDelete,
  Download,
  Subflow,
  SetVariables,
  UnsetVariables,
  Echo,
  AllowFailure,
  EachSequential,
  EachParallel,
  LogFetch,
  Dag,
  WaitFor,
  WorkingDirectory,
  ForEachItem,
  KvGetKeys,
  StorageSize,
  StorageDelete,
  StorageConcat,
  DbtCLI,
  SyncNamespaceFiles,
  GitClone,
  ...POSTGRES_TASKS,
  ...SHELL_TASKS,
  ...PYTHON_TASKS,
  ...DUCKDB_TASKS,
];

export const TASKS: ReadonlyMap<string, TaskDefinition> = new Map(
  DEFINITIONS.flatMap((d) => [[d.type, d] as const, ...(d.aliases ?? []).map((a) => [a, d] as const)]),
);

/**
 * The definition of a task type: a registered one, else a stand-in for a
 * known family this browser cannot run (it validates, then fails at run time
 * with a message naming the type), else undefined (an unknown type).
 */
export function taskDefinition(type: string): TaskDefinition | undefined {
  return TASKS.get(type) ?? unsupportedTaskDefinition(type);
}

/** Canonical type names, for suggestions and editor completion. */
export const TASK_TYPES: readonly string[] = DEFINITIONS.map((d) => d.type);
