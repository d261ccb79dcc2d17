import type { CompletionContext, CompletionResult, Completion } from '@codemirror/autocomplete';
import type { FlowOutline, TaskCatalogEntry } from '../../../worker/protocol';

export interface CompletionData {
  catalog: TaskCatalogEntry[];
  outline: FlowOutline | null;
}

const ROOTS = ['inputs', 'vars', 'outputs', 'flow', 'execution', 'taskrun', 'task', 'labels', 'trigger'];
const FUNCTIONS = ['render', 'renderOnce', 'now', 'fromJson', 'read', 'kv', 'secret'];
const COMMON_OUTPUT_KEYS = ['value', 'uri', 'outputFiles', 'row', 'rows', 'size', 'rowCount', 'vars', 'exitCode', 'evaluationResult'];
const FLOW_KEYS = ['id', 'namespace', 'description', 'labels', 'inputs', 'variables', 'tasks', 'errors', 'finally', 'pluginDefaults', 'concurrency', 'triggers'];
const TASK_COMMON = ['id', 'type', 'description', 'disabled', 'runIf', 'allowFailure', 'allowWarning', 'timeout', 'retry'];

/** Indentation of a line (spaces; a `- ` list marker counts as indentation). */
function indentOf(text: string): number {
  const m = text.match(/^(\s*)(- )?/);
  return (m?.[1].length ?? 0) + (m?.[2] ? 2 : 0);
}

/** The `type:` of the YAML map the cursor line belongs to, found by scanning the lines around it. */
function enclosingType(ctx: CompletionContext, lineNo: number, indent: number): string | null {
  const doc = ctx.state.doc;
  const find = (from: number, step: number): string | null => {
    for (let n = from; n >= 1 && n <= doc.lines; n += step) {
      const text = doc.line(n).text;
      if (!text.trim()) continue;
      const ind = indentOf(text);
      if (ind < indent) return step < 0 && /^\s*- /.test(text) && ind === indent ? matchType(text) : null;
      if (ind === indent) {
        const t = matchType(text);
        if (t) return t;
        if (step < 0 && /^\s*- /.test(text)) return null; // start of this list item, no type above
      }
    }
    return null;
  };
  return find(lineNo - 1, -1) ?? find(lineNo + 1, 1);
}

function matchType(text: string): string | null {
  return text.match(/^\s*(?:- )?type:\s*["']?([\w.]+)/)?.[1] ?? null;
}

/** Completion for flow YAML: task types, task properties, and names inside `{{ … }}`. */
export function flowCompletions(data: () => CompletionData) {
  return (ctx: CompletionContext): CompletionResult | null => {
    const line = ctx.state.doc.lineAt(ctx.pos);
    const before = line.text.slice(0, ctx.pos - line.from);
    const { catalog, outline } = data();

    // inside an expression
    const open = before.lastIndexOf('{{');
    if (open >= 0 && before.indexOf('}}', open) < 0) {
      const expr = before.slice(open + 2);
      const out = expr.match(/outputs\.([\w-]+)\.(\w*)$/);
      if (out) return { from: ctx.pos - out[2].length, options: COMMON_OUTPUT_KEYS.map((k) => ({ label: k, type: 'property' })) };
      const member = expr.match(/(inputs|vars|outputs)\.(\w*)$/);
      if (member) {
        const names =
          member[1] === 'inputs'
            ? (outline?.inputs ?? []).map((i) => String(i.id ?? '')).filter(Boolean)
            : member[1] === 'vars'
              ? outline?.variables ?? []
              : (outline?.tasks ?? []).map((t) => t.id);
        return { from: ctx.pos - member[2].length, options: names.map((n) => ({ label: n, type: 'variable' })) };
      }
      const word = expr.match(/(\w*)$/)!;
      if (!ctx.explicit && !word[1] && !/\s$|\(|~\s*$/.test(expr)) return null;
      const options: Completion[] = [
        ...ROOTS.map((r) => ({ label: r, type: 'namespace' })),
        ...FUNCTIONS.map((f) => ({ label: `${f}()`, apply: `${f}(`, type: 'function' })),
      ];
      return { from: ctx.pos - word[1].length, options };
    }

    // a task type
    const typeMatch = before.match(/^\s*(?:- )?type:\s*["']?([\w.]*)$/);
    if (typeMatch) {
      return {
        from: ctx.pos - typeMatch[1].length,
        options: catalog.map((c) => ({ label: c.type, type: 'class', detail: c.type.split('.').slice(-2, -1)[0] })),
        validFor: /^[\w.]*$/,
      };
    }

    // a property name at the start of a line
    const keyMatch = before.match(/^(\s*)(- )?(\w*)$/);
    if (keyMatch && (ctx.explicit || keyMatch[3].length > 0)) {
      const indent = keyMatch[1].length + (keyMatch[2] ? 2 : 0);
      if (indent === 0) return { from: ctx.pos - keyMatch[3].length, options: FLOW_KEYS.map((k) => ({ label: k, type: 'keyword', apply: `${k}: ` })) };
      const type = enclosingType(ctx, line.number, indent);
      const entry = type ? catalog.find((c) => c.type === type) : undefined;
      if (!entry) return null;
      const names = [...new Set([...entry.properties.map((p) => p.name), ...TASK_COMMON])];
      return {
        from: ctx.pos - keyMatch[3].length,
        options: names.map((n) => {
          const p = entry.properties.find((x) => x.name === n);
          return { label: n, type: 'property', apply: `${n}: `, detail: p?.required ? 'required' : undefined, info: p?.description };
        }),
      };
    }
    return null;
  };
}
