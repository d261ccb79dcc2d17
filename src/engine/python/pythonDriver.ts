/**
 * The Python side of a run (our own code, loaded once per interpreter): runs
 * one `python …` invocation the way a fresh `python` process would, as far as
 * one long-lived Pyodide allows. The working directory is the current
 * directory, `os.environ` is exactly the task's environment, `sys.argv` is
 * set, an exception prints its traceback on stderr and exits 1,
 * `SystemExit(n)` exits n, and what the script imported from its working
 * directory, and the environment, are put back afterwards, so the next task
 * starts clean.
 */
export const PYTHON_DRIVER_SOURCE = `
def _kestra_playground_run(working_dir, env, kind, target, argv):
    import os, sys, runpy, traceback
    saved_env = dict(os.environ)
    saved_path = list(sys.path)
    saved_argv = list(sys.argv)
    saved_modules = set(sys.modules)
    code = 0
    try:
        os.environ.clear()
        os.environ.update(env)
        os.chdir(working_dir)
        if kind == "file":
            script = target if os.path.isabs(target) else os.path.join(working_dir, target)
            sys.argv = [target] + list(argv)
            sys.path.insert(0, os.path.dirname(script))
            runpy.run_path(script, run_name="__main__")
        elif kind == "module":
            sys.argv = [target] + list(argv)
            sys.path.insert(0, working_dir)
            runpy.run_module(target, run_name="__main__", alter_sys=True)
        else:
            sys.argv = ["-c"] + list(argv)
            sys.path.insert(0, "")
            exec(compile(target, "<string>", "exec"), {"__name__": "__main__", "__builtins__": __builtins__})
    except SystemExit as e:
        if e.code is None:
            code = 0
        elif isinstance(e.code, int):
            code = e.code
        else:
            print(e.code, file=sys.stderr)
            code = 1
    except BaseException:
        traceback.print_exc()
        code = 1
    finally:
        try:
            sys.stdout.flush()
            sys.stderr.flush()
        except BaseException:
            pass
        os.environ.clear()
        os.environ.update(saved_env)
        sys.path[:] = saved_path
        sys.argv = saved_argv
        for name in list(sys.modules):
            if name in saved_modules and name != "__main__":
                continue
            module_file = getattr(sys.modules.get(name), "__file__", None) or ""
            if name == "kestra" or module_file.startswith(working_dir):
                sys.modules.pop(name, None)
        try:
            os.chdir(os.environ.get("HOME", "/"))
        except OSError:
            os.chdir("/")
    return code
`;
