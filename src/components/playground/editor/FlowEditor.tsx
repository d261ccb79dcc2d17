import { useEffect, useRef } from 'react';
import { EditorView, keymap } from '@codemirror/view';
import { EditorState, Prec } from '@codemirror/state';
import { basicSetup } from 'codemirror';
import { yaml } from '@codemirror/lang-yaml';
import { setDiagnostics, lintGutter, type Diagnostic } from '@codemirror/lint';
import { autocompletion } from '@codemirror/autocomplete';
import { flowCompletions, type CompletionData } from './flowCompletions';
import { editorHighlight, editorTheme } from './editorTheme';
import { asScrollRegion, fromPage, reportEdits } from './editorEdits';

export interface EditorMarker {
  line: number;
  column: number;
  message: string;
  severity?: 'error' | 'warning';
}

interface Props {
  value: string;
  onChange(value: string): void;
  /** Ctrl/Cmd+Enter or Ctrl/Cmd+E. */
  onExecute(): void;
  markers: EditorMarker[];
  completion: CompletionData;
  label: string;
  id: string;
}

/** Turns 1-based line/column markers into CodeMirror diagnostics that underline the rest of the token. */
function toDiagnostics(state: EditorState, markers: EditorMarker[]): Diagnostic[] {
  const doc = state.doc;
  return markers.map((m) => {
    const line = doc.line(Math.min(Math.max(m.line, 1), doc.lines));
    const from = Math.min(line.from + Math.max(m.column - 1, 0), line.to);
    const rest = line.text.slice(from - line.from);
    const tokenLength = rest.match(/^\S+/)?.[0].length ?? 0;
    const to = tokenLength ? from + tokenLength : line.to > from ? line.to : from;
    return { from, to: Math.max(to, from), severity: m.severity ?? 'error', message: m.message };
  });
}

/** CodeMirror 6 with YAML highlighting, validation markers and flow-aware completion. */
export function FlowEditor({ value, onChange, onExecute, markers, completion, label, id }: Props) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const callbacks = useRef({ onChange, onExecute });
  callbacks.current = { onChange, onExecute };
  const completionData = useRef(completion);
  completionData.current = completion;

  useEffect(() => {
    if (!host.current) return;
    const run = () => {
      callbacks.current.onExecute();
      return true;
    };
    const v = new EditorView({
      parent: host.current,
      state: EditorState.create({
        doc: value,
        extensions: [
          Prec.highest(keymap.of([{ key: 'Mod-Enter', run }, { key: 'Mod-e', run }])),
          basicSetup,
          yaml(),
          lintGutter(),
          autocompletion({ override: [flowCompletions(() => completionData.current)] }),
          EditorView.lineWrapping,
          editorTheme,
          editorHighlight,
          EditorView.contentAttributes.of({ 'aria-label': label, id: `${id}-content` }),
          reportEdits((text) => callbacks.current.onChange(text)),
        ],
      }),
    });
    asScrollRegion(v, label);
    view.current = v;
    return () => {
      v.destroy();
      view.current = null;
    };
    // the editor is created once; later value changes are applied below
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  // outside changes (reset, a shared link) replace the document
  useEffect(() => {
    const v = view.current;
    if (v && v.state.doc.toString() !== value) {
      v.dispatch({ changes: { from: 0, to: v.state.doc.length, insert: value }, annotations: fromPage.of(true) });
    }
  }, [value]);

  useEffect(() => {
    const v = view.current;
    if (v) v.dispatch(setDiagnostics(v.state, toDiagnostics(v.state, markers)));
  }, [markers]);

  return (
    <div ref={host} className="pg-cm" data-testid="flow-editor">
      {/* shown until CodeMirror mounts (and without JavaScript) */}
      <pre className="pg-cm-fallback" aria-hidden="true">
        {value}
      </pre>
    </div>
  );
}

