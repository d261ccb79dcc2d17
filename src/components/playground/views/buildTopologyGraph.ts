import type { Flow, TaskSpec } from '../../../engine/flow/Flow';
import type { ChildBranch } from '../../../engine/tasks/TaskDefinition';

/** How an edge relates its two ends (Kestra's RelationType, plus the flow's finally branch). */
export type EdgeKind = 'sequential' | 'choice' | 'parallel' | 'error' | 'finally';

/** What a node stands for. `cluster-end` is the dot where a flowable's branches meet again. */
export type NodeKind = 'start' | 'end' | 'task' | 'cluster-end';

export interface GraphNode {
  id: string;
  kind: NodeKind;
  /** The task id, for task nodes (the key that colours the node by its task runs). */
  taskId?: string;
  taskType?: string;
  disabled?: boolean;
  /** Which flow-level branch the task belongs to, for styling. */
  branch?: 'errors' | 'finally';
  /** The cluster that contains this node, if any. */
  parent: string | null;
}

export interface GraphCluster {
  id: string;
  /** The flowable task this cluster draws. */
  taskId: string;
  taskType: string;
  parent: string | null;
}

export interface GraphEdge {
  id: string;
  from: string;
  to: string;
  kind: EdgeKind;
  /** Branch label (`then`, `else`, a Switch case…); absent on plain sequential edges. */
  label?: string;
}

export interface TopologyGraph {
  nodes: GraphNode[];
  edges: GraphEdge[];
  clusters: GraphCluster[];
}

/** Returns a task's child branches, or nothing for a runnable (non-flowable) task. */
export type BranchesOf = (task: TaskSpec) => ChildBranch[] | undefined;

/** Node ids of the flow's start and end dots. */
export const START_ID = 'flow:start';
export const END_ID = 'flow:end';

/** Parallel-style flowables run each child at the same time, so each child gets its own edge. */
function isParallel(task: TaskSpec): boolean {
  return /(^|\.)Parallel$/.test(task.type);
}

function branchLabel(branch: ChildBranch): string | undefined {
  if (branch.key === 'tasks') return undefined;
  return branch.key.replace(/^cases\./, '');
}

interface Ends {
  entry: string;
  exit: string;
}

/**
 * Turns a flow into Kestra's topology graph (like FlowGraph.java): a start
 * dot, the tasks chained in order, each flowable task as a cluster holding the
 * task itself, its branches and an end dot, the `errors` branch leaving the
 * start in red, the `finally` branch joining before the end, and an end dot.
 */
export function buildTopologyGraph(flow: Flow, branchesOf: BranchesOf): TopologyGraph {
  const nodes: GraphNode[] = [];
  const edges: GraphEdge[] = [];
  const clusters: GraphCluster[] = [];
  const seen = new Set<string>();
  let edgeCount = 0;

  const addEdge = (from: string, to: string, kind: EdgeKind, label?: string) => {
    edges.push({ id: `e${edgeCount++}`, from, to, kind, ...(label !== undefined ? { label } : {}) });
  };

  /** A unique node id for a task (ids are unique in a valid flow, but the editor may hold an invalid one). */
  const nodeId = (taskId: string, prefix: string) => {
    let id = `${prefix}${taskId}`;
    for (let i = 2; seen.has(id); i++) id = `${prefix}${taskId}#${i}`;
    seen.add(id);
    return id;
  };

  const addTask = (task: TaskSpec, parent: string | null, branch: GraphNode['branch'] | null): Ends => {
    const taskId = String(task.id ?? '?');
    const taskType = String(task.type ?? '');
    const id = nodeId(taskId, 'task:');
    nodes.push({
      id,
      kind: 'task',
      taskId,
      taskType,
      parent,
      ...(task.disabled === true ? { disabled: true } : {}),
      ...(branch ? { branch } : {}),
    });
    let children: ChildBranch[] | undefined;
    try {
      children = branchesOf(task);
    } catch {
      children = undefined;
    }
    if (!children) return { entry: id, exit: id };

    const clusterId = nodeId(taskId, 'cluster:');
    clusters.push({ id: clusterId, taskId, taskType, parent });
    nodes[nodes.length - 1].parent = clusterId;
    const endId = nodeId(taskId, 'end:');
    nodes.push({ id: endId, kind: 'cluster-end', parent: clusterId });

    const choice = children.filter((b) => b.key !== 'errors' && b.key !== 'finally').length > 1;
    const finallyBranch = children.find((b) => b.key === 'finally' && b.tasks.length > 0);
    const finallyEnds = finallyBranch ? addList(finallyBranch.tasks, clusterId, null, 'finally') : null;
    const join = finallyEnds?.entry ?? endId;
    if (finallyEnds) addEdge(finallyEnds.exit, endId, 'finally');

    for (const b of children) {
      if (b.key === 'finally') continue;
      const kind: EdgeKind = b.key === 'errors' ? 'error' : isParallel(task) ? 'parallel' : choice ? 'choice' : 'sequential';
      const label = b.key === 'errors' ? undefined : branchLabel(b);
      if (b.key === 'errors' && b.tasks.length === 0) continue;
      if (kind === 'parallel') {
        for (const child of b.tasks) {
          const ends = addTask(child, clusterId, null);
          addEdge(id, ends.entry, 'parallel', label);
          addEdge(ends.exit, join, 'parallel');
        }
        if (b.tasks.length === 0) addEdge(id, join, 'parallel', label);
        continue;
      }
      if (b.tasks.length === 0) {
        addEdge(id, join, kind, label);
        continue;
      }
      const ends = addList(b.tasks, clusterId, null, kind === 'error' ? 'error' : 'sequential');
      addEdge(id, ends.entry, kind, label);
      addEdge(ends.exit, join, kind === 'error' ? 'error' : 'sequential');
    }
    if (children.length === 0) addEdge(id, join, 'sequential');
    return { entry: id, exit: endId };
  };

  /** Chains a task list; returns its first entry and last exit. The list must not be empty. */
  const addList = (tasks: TaskSpec[], parent: string | null, branch: GraphNode['branch'] | null, kind: EdgeKind): Ends => {
    let first: Ends | null = null;
    let prev: Ends | null = null;
    for (const task of tasks) {
      const ends = addTask(task, parent, branch);
      if (prev) addEdge(prev.exit, ends.entry, kind);
      first ??= ends;
      prev = ends;
    }
    return { entry: first!.entry, exit: prev!.exit };
  };

  const list = (v: unknown): TaskSpec[] => (Array.isArray(v) ? v.filter((t): t is TaskSpec => !!t && typeof t === 'object') : []);
  const tasks = list(flow.tasks);
  const errors = list(flow.errors);
  const fin = list(flow.finally);

  nodes.push({ id: START_ID, kind: 'start', parent: null });
  nodes.push({ id: END_ID, kind: 'end', parent: null });

  const finallyEnds = fin.length ? addList(fin, null, 'finally', 'finally') : null;
  const join = finallyEnds?.entry ?? END_ID;
  if (finallyEnds) addEdge(finallyEnds.exit, END_ID, 'finally');

  if (tasks.length) {
    const ends = addList(tasks, null, null, 'sequential');
    addEdge(START_ID, ends.entry, 'sequential');
    if (finallyEnds) addEdge(ends.exit, join, 'finally', 'finally');
    else addEdge(ends.exit, join, 'sequential');
  } else {
    addEdge(START_ID, join, 'sequential');
  }
  if (errors.length) {
    const ends = addList(errors, null, 'errors', 'error');
    addEdge(START_ID, ends.entry, 'error', 'errors');
    addEdge(ends.exit, join, 'error');
  }
  return { nodes, edges, clusters };
}
