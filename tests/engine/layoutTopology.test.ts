import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseFlow } from '../../src/engine';
import { branchPaths } from '../../src/worker/branchPaths';
import { branchesFromPaths } from '../../src/components/playground/views/branchesFromPaths';
import type { Flow, TaskSpec } from '../../src/engine/flow/Flow';
import type { ChildBranch } from '../../src/engine/tasks/TaskDefinition';
import { layoutTopology, type TopologyLayout } from '../../src/components/playground/views/layoutTopology';
import { END_ID, START_ID } from '../../src/components/playground/views/buildTopologyGraph';

const LOG = 'io.kestra.plugin.core.log.Log';
const log = (id: string): TaskSpec => ({ id, type: LOG, message: id });

/** A stand-in for the flowable tasks' `branches`, shaped like Kestra's If/Switch/Parallel/ForEach. */
function fakeBranches(task: TaskSpec): ChildBranch[] | undefined {
  const list = (key: string, path: (string | number)[], v: unknown): ChildBranch[] =>
    Array.isArray(v) ? [{ key, path, tasks: v as TaskSpec[] }] : [];
  const common = [...list('errors', ['errors'], task.errors), ...list('finally', ['finally'], task.finally)];
  switch (task.type.slice(task.type.lastIndexOf('.') + 1)) {
    case 'If':
      return [...list('then', ['then'], task.then), ...list('else', ['else'], task.else), ...common];
    case 'Switch': {
      const cases = Object.entries((task.cases ?? {}) as Record<string, TaskSpec[]>).flatMap(([k, v]) => list(`cases.${k}`, ['cases', k], v));
      return [...cases, ...list('defaults', ['defaults'], task.defaults), ...common];
    }
    case 'Parallel':
    case 'ForEach':
    case 'Sequential':
      return [...list('tasks', ['tasks'], task.tasks), ...common];
    default:
      return undefined;
  }
}

const flow: Flow = {
  id: 'topology',
  namespace: 'zoomcamp',
  tasks: [
    log('first'),
    {
      id: 'check',
      type: 'io.kestra.plugin.core.flow.If',
      condition: '{{ inputs.ok }}',
      then: [log('yes_1'), log('yes_2')],
      else: [log('no')],
    },
    {
      id: 'taxi',
      type: 'io.kestra.plugin.core.flow.Switch',
      value: '{{ inputs.taxi }}',
      cases: { yellow: [log('yellow')], green: [log('green')] },
      defaults: [log('other')],
    },
    {
      id: 'both',
      type: 'io.kestra.plugin.core.flow.Parallel',
      tasks: [log('p1'), log('p2'), { id: 'inner_seq', type: 'io.kestra.plugin.core.flow.Sequential', tasks: [log('s1'), log('s2')] }],
    },
    { id: 'each', type: 'io.kestra.plugin.core.flow.ForEach', values: ['a', 'b'], tasks: [log('item')] },
    log('last'),
  ],
  errors: [log('alert')],
  finally: [log('cleanup')],
};

const layout = layoutTopology(flow, { branchesOf: fakeBranches });
const node = (l: TopologyLayout, taskId: string) => {
  const n = l.nodes.find((x) => x.taskId === taskId);
  assert.ok(n, `node ${taskId}`);
  return n;
};
const edgeBetween = (l: TopologyLayout, from: string, to: string) => {
  const a = from.includes(':') ? from : node(l, from).id;
  const b = to.includes(':') ? to : node(l, to).id;
  return l.edges.find((e) => e.from === a && e.to === b);
};

test('every task of the flow, its branches and its errors/finally has one node', () => {
  const ids = layout.nodes.filter((n) => n.kind === 'task').map((n) => n.taskId).sort();
  assert.deepEqual(ids, [
    'alert', 'both', 'check', 'cleanup', 'each', 'first', 'green', 'inner_seq', 'item', 'last', 'no', 'other',
    'p1', 'p2', 's1', 's2', 'taxi', 'yellow', 'yes_1', 'yes_2',
  ]);
  assert.equal(layout.nodes.filter((n) => n.kind === 'start').length, 1);
  assert.equal(layout.nodes.filter((n) => n.kind === 'end').length, 1);
});

test('siblings are chained from start to end, through the finally branch', () => {
  assert.equal(edgeBetween(layout, START_ID, 'first')?.kind, 'sequential');
  assert.ok(edgeBetween(layout, 'first', 'check'));
  // a flowable is left from its cluster's end dot
  const checkEnd = layout.nodes.find((n) => n.kind === 'cluster-end' && n.parent === node(layout, 'check').parent)!;
  assert.ok(layout.edges.find((e) => e.from === checkEnd.id && e.to === node(layout, 'taxi').id));
  assert.equal(edgeBetween(layout, 'last', 'cleanup')?.kind, 'finally');
  assert.equal(edgeBetween(layout, 'cleanup', END_ID)?.kind, 'finally');
});

test('flowable tasks are clusters holding their branches, with labelled choice edges', () => {
  const clusterIds = layout.clusters.map((c) => c.taskId).sort();
  assert.deepEqual(clusterIds, ['both', 'check', 'each', 'inner_seq', 'taxi']);
  const check = layout.clusters.find((c) => c.taskId === 'check')!;
  for (const id of ['check', 'yes_1', 'yes_2', 'no']) assert.equal(node(layout, id).parent, check.id);
  assert.deepEqual([edgeBetween(layout, 'check', 'yes_1')?.label, edgeBetween(layout, 'check', 'no')?.label], ['then', 'else']);
  assert.equal(edgeBetween(layout, 'check', 'yes_1')?.kind, 'choice');
  assert.equal(edgeBetween(layout, 'yes_1', 'yes_2')?.kind, 'sequential');
  assert.deepEqual(
    ['yellow', 'green', 'other'].map((id) => edgeBetween(layout, 'taxi', id)?.label),
    ['yellow', 'green', 'defaults'],
  );
  // Parallel: each child hangs off the Parallel task; a nested flowable is a nested cluster
  for (const id of ['p1', 'p2', 'inner_seq']) assert.equal(edgeBetween(layout, 'both', id)?.kind, 'parallel');
  assert.equal(edgeBetween(layout, 'p1', 'p2'), undefined);
  const inner = layout.clusters.find((c) => c.taskId === 'inner_seq')!;
  assert.equal(inner.parent, layout.clusters.find((c) => c.taskId === 'both')!.id);
  assert.equal(inner.depth, 1);
  assert.ok(edgeBetween(layout, 's1', 's2'));
  assert.equal(edgeBetween(layout, 'each', 'item')?.label, undefined);
});

test('the errors branch leaves the start as red error edges', () => {
  const e = edgeBetween(layout, START_ID, 'alert');
  assert.equal(e?.kind, 'error');
  assert.equal(node(layout, 'alert').branch, 'errors');
  assert.equal(node(layout, 'cleanup').branch, 'finally');
});

test('dagre gives every node, cluster and edge a position inside the drawing', () => {
  assert.ok(layout.width > 0 && layout.height > 0);
  for (const n of layout.nodes) {
    assert.ok(n.x - n.width / 2 >= 0 && n.x + n.width / 2 <= layout.width + 0.5, `${n.id} x`);
    assert.ok(n.y - n.height / 2 >= 0 && n.y + n.height / 2 <= layout.height + 0.5, `${n.id} y`);
  }
  for (const c of layout.clusters) {
    for (const n of layout.nodes.filter((x) => x.parent === c.id)) {
      assert.ok(n.x >= c.x - c.width / 2 && n.x <= c.x + c.width / 2, `${n.id} inside ${c.id}`);
      assert.ok(n.y >= c.y - c.height / 2 && n.y <= c.y + c.height / 2, `${n.id} inside ${c.id}`);
    }
  }
  for (const e of layout.edges) assert.ok(e.points.length >= 2, `${e.id} has points`);
  for (const e of layout.edges.filter((x) => x.label)) assert.ok(e.labelX !== undefined && e.labelY !== undefined);
  // left to right: start is left of the end; top to bottom: above it
  const start = layout.nodes.find((n) => n.id === START_ID)!;
  const end = layout.nodes.find((n) => n.id === END_ID)!;
  assert.ok(start.x < end.x);
  const tb = layoutTopology(flow, { branchesOf: fakeBranches, orientation: 'TB' });
  assert.equal(tb.orientation, 'TB');
  assert.ok(tb.nodes.find((n) => n.id === START_ID)!.y < tb.nodes.find((n) => n.id === END_ID)!.y);
});

test('a flow without flowables is a simple chain; bad task entries do not throw', () => {
  const none = branchesFromPaths({});
  const simple = layoutTopology({ id: 'x', namespace: 'n', tasks: [log('a'), log('b')] }, { branchesOf: none });
  assert.deepEqual(simple.edges.map((e) => `${e.from} -> ${e.to}`).sort(), [`${START_ID} -> task:a`, `task:b -> ${END_ID}`, 'task:a -> task:b'].sort());
  const broken = layoutTopology({ id: 'x', namespace: 'n', tasks: [log('a'), log('a'), null as unknown as TaskSpec] }, { branchesOf: none });
  assert.equal(broken.nodes.filter((n) => n.kind === 'task').length, 2);
  const empty = layoutTopology({ id: 'x', namespace: 'n', tasks: [] }, { branchesOf: none });
  assert.deepEqual(empty.edges.map((e) => [e.from, e.to]), [[START_ID, END_ID]]);
});

test('the branch paths the worker reports from the real task registry lay out an If as a cluster', () => {
  const { flow } = parseFlow(`id: t
namespace: n
tasks:
  - id: check
    type: io.kestra.plugin.core.flow.If
    condition: "{{ true }}"
    then:
      - id: yes
        type: io.kestra.plugin.core.log.Log
        message: y
    else:
      - id: no
        type: io.kestra.plugin.core.log.Log
        message: n
  - id: after
    type: io.kestra.plugin.core.log.Log
    message: done
`);
  const paths = branchPaths(flow);
  assert.deepEqual(paths, { check: [{ key: 'then', path: ['then'] }, { key: 'else', path: ['else'] }] });
  const layout = layoutTopology(flow!, { branchesOf: branchesFromPaths(paths) });
  const taskIds = layout.nodes.filter((n) => n.kind === 'task').map((n) => n.id).sort();
  assert.deepEqual(taskIds, ['task:after', 'task:check', 'task:no', 'task:yes']);
  assert.ok(layout.edges.some((e) => e.label === 'then'));
  assert.ok(layout.edges.some((e) => e.label === 'else'));
});
