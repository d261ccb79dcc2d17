import type { PythonRunRequest, PythonRunResult } from './PythonRuntime';
import { KESTRA_MODULE_SOURCE } from './kestraModule';
import { PYTHON_DRIVER_SOURCE } from './pythonDriver';

/** The parts of Emscripten's FS the host uses. */
export interface EmscriptenFs {
  mkdirTree(path: string): void;
  writeFile(path: string, data: Uint8Array | string): void;
  readFile(path: string): Uint8Array;
  readdir(path: string): string[];
  stat(path: string): { mode: number };
  isDir(mode: number): boolean;
  unlink(path: string): void;
  rmdir(path: string): void;
}

/** The parts of a loaded Pyodide the host uses (typed here so the host stays free of the pyodide package). */
export interface PyodideLike {
  version: string;
  FS: EmscriptenFs;
  runPython(code: string): unknown;
  globals: { get(name: string): unknown };
  toPy(value: unknown): unknown;
  setStdout(options: { batched: (line: string) => void }): void;
  setStderr(options: { batched: (line: string) => void }): void;
  setInterruptBuffer(buffer: Int32Array): void;
  loadPackage(names: string[], options?: { messageCallback?: (m: string) => void; errorCallback?: (m: string) => void }): Promise<unknown>;
}

/** Where our `kestra` module lives in the interpreter's file system (on sys.path). */
const KESTRA_DIR = '/kestra-playground/lib';

export interface PythonHost {
  pythonVersion: string;
  run(request: PythonRunRequest, out: { stdout(line: string): void; stderr(line: string): void }): Promise<PythonRunResult>;
}

/**
 * Runs requests on one loaded Pyodide (inside a worker, in Node or the
 * browser): lays the files into the working directory, loads the packages,
 * runs each command through the driver, collects every file left in the
 * working directory, then removes it.
 */
export function createPythonHost(py: PyodideLike, interruptBuffer?: Int32Array): PythonHost {
  py.FS.mkdirTree(KESTRA_DIR);
  py.FS.writeFile(`${KESTRA_DIR}/kestra.py`, KESTRA_MODULE_SOURCE);
  py.runPython(`import sys\nif ${JSON.stringify(KESTRA_DIR)} not in sys.path: sys.path.insert(0, ${JSON.stringify(KESTRA_DIR)})`);
  py.runPython(PYTHON_DRIVER_SOURCE);
  if (interruptBuffer) py.setInterruptBuffer(interruptBuffer);
  const pythonVersion = String(py.runPython('import sys\nsys.version.split()[0]'));
  const drive = py.globals.get('_kestra_playground_run') as (wd: string, env: unknown, kind: string, target: string, argv: unknown) => number;

  return {
    pythonVersion,
    async run(request, out) {
      const wd = request.workingDir.replace(/\/+$/, '');
      py.setStdout({ batched: out.stdout });
      py.setStderr({ batched: out.stderr });
      try {
        removeTree(py.FS, wd);
        py.FS.mkdirTree(wd);
        for (const [rel, data] of Object.entries(request.files)) {
          const path = `${wd}/${rel.replace(/^\.?\/+/, '')}`;
          py.FS.mkdirTree(path.slice(0, path.lastIndexOf('/')));
          py.FS.writeFile(path, data);
        }
        if (request.packages.length) {
          await py.loadPackage(request.packages, { messageCallback: out.stdout, errorCallback: out.stderr });
        }
        let exitCode = 0;
        for (const command of request.commands) {
          if (interruptBuffer) interruptBuffer[0] = 0;
          const target = command.kind === 'file' ? command.path : command.kind === 'module' ? command.module : command.code;
          const env = py.toPy(request.env);
          const argv = py.toPy(command.argv);
          exitCode = Number(drive(wd, env, command.kind, target, argv));
          (env as { destroy?: () => void }).destroy?.();
          (argv as { destroy?: () => void }).destroy?.();
          if (exitCode !== 0 && !request.keepGoing) break;
        }
        return { exitCode, files: readTree(py.FS, wd) };
      } finally {
        removeTree(py.FS, wd);
      }
    },
  };
}

function exists(fs: EmscriptenFs, path: string): boolean {
  try {
    fs.stat(path);
    return true;
  } catch {
    return false;
  }
}

function readTree(fs: EmscriptenFs, root: string): Record<string, Uint8Array> {
  const files: Record<string, Uint8Array> = {};
  const walk = (dir: string, rel: string) => {
    for (const name of fs.readdir(dir)) {
      if (name === '.' || name === '..') continue;
      const path = `${dir}/${name}`;
      const relPath = rel ? `${rel}/${name}` : name;
      if (fs.isDir(fs.stat(path).mode)) walk(path, relPath);
      else files[relPath] = fs.readFile(path);
    }
  };
  if (exists(fs, root)) walk(root, '');
  return files;
}

function removeTree(fs: EmscriptenFs, path: string): void {
  if (!exists(fs, path)) return;
  if (!fs.isDir(fs.stat(path).mode)) {
    fs.unlink(path);
    return;
  }
  for (const name of fs.readdir(path)) if (name !== '.' && name !== '..') removeTree(fs, `${path}/${name}`);
  fs.rmdir(path);
}
