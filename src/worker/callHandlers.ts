import { parseFlow, kestraCompatibility } from '../engine';
import { TASKS } from '../engine/tasks/registry';
import type { WorkerCalls } from './protocol';
import { flowOutline } from './flowOutline';
import { branchPaths } from './branchPaths';
import { storage, panelDatabase } from './workerServices';
import { browserDatabases } from './browserDatabases';
import { callScheduler, killScheduled, openScheduler } from './schedulerInWorker';
import { namespaceFileCalls } from './namespaceFileCalls';
import { snapshotUrlOf } from './createBrowserServices';
import { listBrowserDatabases } from './listBrowserDatabases';

type Handlers = { [K in keyof WorkerCalls]: (...args: Parameters<WorkerCalls[K]>) => ReturnType<WorkerCalls[K]> | Promise<ReturnType<WorkerCalls[K]>> };

/** Answers to the page's calls (validation for the editor, the task catalog, files, the database panel). */
export const callHandlers: Partial<Handlers> = {
  validate(source) {
    const parsed = parseFlow(source);
    return { errors: parsed.errors, warnings: parsed.warnings, outline: flowOutline(parsed.flow), flow: parsed.flow, branches: branchPaths(parsed.flow) };
  },
  compatibility(source) {
    return kestraCompatibility(parseFlow(source).flow, source);
  },
  catalog() {
    const seen = new Set<string>();
    const out = [];
    for (const def of TASKS.values()) {
      if (seen.has(def.type)) continue;
      seen.add(def.type);
      out.push({
        type: def.type,
        properties: Object.entries(def.properties).map(([name, p]) => ({ name, required: !!p.required, description: p.description })),
      });
    }
    return out;
  },
  readFile(uri) {
    return storage.get(uri);
  },
  dbList: listBrowserDatabases,
  dbTables: (db, dataBase) => panelDatabase(dataBase).tables(db),
  dbQuery: (db, sql, page, dataBase) => panelDatabase(dataBase).query(db, sql, page),
  dbReset: (db, dataBase) => panelDatabase(dataBase).reset(db),
  dbWarm: (db, dataBase) => browserDatabases(snapshotUrlOf(dataBase)).warm(db),
  schedulerOpen: openScheduler,
  schedulerCall: callScheduler,
  schedulerKill: killScheduled,
  nsList: (ns, refresh) => namespaceFileCalls.list(ns, refresh),
  nsRead: (ns, path) => namespaceFileCalls.read(ns, path),
  nsWrite: (ns, path, content) => namespaceFileCalls.write(ns, path, content),
  nsDelete: (ns, path) => namespaceFileCalls.delete(ns, path),
  dbtGraph: (ns, task, dataBase) => namespaceFileCalls.dbtGraph(ns, task, dataBase),
};
