import { DbtError } from '../DbtError';
import { Interpreter } from '../jinja/interpreter';
import { JinjaBudget } from '../jinja/JinjaBudget';
import { JinjaError } from '../jinja/JinjaError';
import { parseTemplate } from '../jinja/parser';
import { bindArgs, fromPlain, MISSING, NativeFunction, str } from '../jinja/values';

const interp = new Interpreter();

/**
 * Renders a string of dbt_project.yml, profiles.yml or packages.yml: those
 * know only env_var() and var() (the command line's --vars), as in dbt.
 */
export function basicRenderer(o: { env: Record<string, string>; cliVars: Record<string, unknown>; file: string; extra?: Record<string, unknown> }): (s: string) => Promise<string> {
  const envVar = new NativeFunction('env_var', (c) => {
    const a = bindArgs('env_var', c, ['var', 'default'], { default: MISSING });
    const name = str(a.var);
    if (Object.prototype.hasOwnProperty.call(o.env, name)) return o.env[name];
    if (a.default !== MISSING) return a.default;
    throw new JinjaError(`Env var required but not provided: '${name}'`);
  });
  const varFn = new NativeFunction('var', (c) => {
    const a = bindArgs('var', c, ['var_name', 'default'], { default: MISSING });
    const name = str(a.var_name);
    if (Object.prototype.hasOwnProperty.call(o.cliVars, name)) return fromPlain(o.cliVars[name]);
    if (a.default !== MISSING) return a.default;
    throw new JinjaError(`Required var '${name}' not found in config:\nVars supplied to ${o.file} = {}`);
  });
  const globals: Record<string, unknown> = { env_var: envVar, var: varFn, ...o.extra };
  return async (s) => {
    try {
      return await interp.render(parseTemplate(s), { budget: new JinjaBudget(), globals: (n) => (Object.prototype.hasOwnProperty.call(globals, n) ? globals[n] : MISSING) });
    } catch (e) {
      throw new DbtError('Runtime', `Could not render ${s.slice(0, 120)} in ${o.file}: ${(e as Error).message}`);
    }
  };
}
