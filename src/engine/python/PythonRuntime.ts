/**
 * What the engine asks of a Python interpreter (Pyodide, in a worker the host
 * can stop). The host (src/cli/runtimes for Node, src/worker/runtimes for the
 * browser) gives one through EngineServices.python.
 */

/** One `python …` invocation. */
export type PythonCommand =
  /** `python path/to/file.py args…` (path relative to the working directory, or absolute) */
  | { kind: 'file'; path: string; argv: string[] }
  /** `python -c "code" args…` */
  | { kind: 'code'; code: string; argv: string[] }
  /** `python -m module args…` */
  | { kind: 'module'; module: string; argv: string[] };

export interface PythonRunRequest {
  /** Absolute directory in the interpreter's file system; the current directory while the commands run. */
  workingDir: string;
  /** Files laid into the working directory before the run, by path relative to it. */
  files: Record<string, Uint8Array>;
  /** The process environment (os.environ) for the run. */
  env: Record<string, string>;
  /** Pyodide packages to load first (the ones `pip install` asked for that the host ships). */
  packages: string[];
  /** Run in order; the first non-zero exit code stops the rest (failFast). */
  commands: PythonCommand[];
  /** Keep going after a failing command (failFast: false); the last exit code counts. */
  keepGoing?: boolean;
}

export interface PythonRunResult {
  exitCode: number;
  /** Every file in the working directory after the run, by path relative to it. */
  files: Record<string, Uint8Array>;
}

export interface PythonRunHandlers {
  /** One line written to stdout (without its newline). */
  stdout(line: string): void;
  /** One line written to stderr (without its newline). */
  stderr(line: string): void;
  /** Aborting stops the run: Python is interrupted (KeyboardInterrupt) or its worker terminated. */
  signal: AbortSignal;
}

export interface PythonRuntime {
  /** "Pyodide 314.0.8 (Python 3.14.2)" */
  readonly description: string;
  /** Pyodide packages this host can load (their files are shipped). */
  readonly availablePackages: ReadonlySet<string>;
  /** Every package Pyodide builds (from its lock file), shipped here or not. */
  readonly knownPackages: ReadonlySet<string>;
  run(request: PythonRunRequest, handlers: PythonRunHandlers): Promise<PythonRunResult>;
  /** Stops every interpreter this runtime started. */
  close(): Promise<void>;
}
