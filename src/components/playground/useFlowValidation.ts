import { useEffect, useRef, useState } from 'react';
import type { Flow, FlowError } from '../../engine';
import type { BranchPaths, FlowOutline, TaskCatalogEntry } from '../../worker/protocol';
import type { CompletionData } from './editor/flowCompletions';
import { engineClient } from './engineClient';

export interface FlowValidation {
  errors: FlowError[];
  /** What Kestra accepts but will fail or differ at run time; never stops a run. */
  warnings: FlowError[];
  outline: FlowOutline | null;
  flow: Flow | null;
  completion: CompletionData;
  /** Where the flowable tasks keep their children (for the topology). */
  branches: BranchPaths;
  /** True once the worker answered: the engine is loaded and the playground is ready. */
  ready: boolean;
}

let catalogPromise: Promise<TaskCatalogEntry[]> | null = null;

/** Validates the flow in the engine worker as the learner types (debounced), and loads the task catalog once. */
export function useFlowValidation(source: string, delayMs = 250): FlowValidation {
  const first = useRef(true);
  const [result, setResult] = useState<{ errors: FlowError[]; warnings: FlowError[]; outline: FlowOutline | null; flow: Flow | null; branches: BranchPaths }>({ errors: [], warnings: [], outline: null, flow: null, branches: {} });
  const [catalog, setCatalog] = useState<TaskCatalogEntry[]>([]);
  const [ready, setReady] = useState(false);

  useEffect(() => {
    catalogPromise ??= engineClient().call('catalog');
    let live = true;
    catalogPromise.then((c) => live && setCatalog(c)).catch(() => undefined);
    return () => {
      live = false;
    };
  }, []);

  useEffect(() => {
    let live = true;
    // validate the lesson's flow at once, then wait for typing to pause
    const wait = first.current ? 0 : delayMs;
    first.current = false;
    const timer = setTimeout(() => {
      engineClient()
        .call('validate', source)
        .then((r) => {
          // keep the last good outline while the learner is mid-edit
          if (!live) return;
          setResult((prev) => (r.flow ? { errors: r.errors, warnings: r.warnings, outline: r.outline, flow: r.flow, branches: r.branches } : { ...prev, errors: r.errors, warnings: r.warnings }));
          setReady(true);
        })
        .catch(() => undefined);
    }, wait);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [source, delayMs]);

  return { ...result, completion: { catalog, outline: result.outline }, ready };
}
