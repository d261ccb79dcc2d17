import { useEffect, useRef } from 'react';
import { EditorView } from '@codemirror/view';
import { EditorState } from '@codemirror/state';
import { basicSetup } from 'codemirror';
import { yaml } from '@codemirror/lang-yaml';
import { PostgreSQL, sql } from '@codemirror/lang-sql';
import { editorHighlight, editorTheme } from './editorTheme';
import { asScrollRegion, fromPage, reportEdits } from './editorEdits';


/** The language support of a file, by its name: SQL (dbt models, macros, tests), YAML, or plain text. */
function languageOf(path: string) {
  if (/\.sql$/i.test(path)) return [sql({ dialect: PostgreSQL })];
  if (/\.ya?ml$/i.test(path)) return [yaml()];
  return [];
}

interface Props {
  path: string;
  value: string;
  onChange(value: string): void;
  label: string;
  readOnly?: boolean;
}

/** A CodeMirror editor for a file of the Files panel, highlighted by its kind. */
export function CodeEditor({ path, value, onChange, label, readOnly = false }: Props) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const change = useRef(onChange);
  change.current = onChange;

  useEffect(() => {
    if (!host.current) return;
    const v = new EditorView({
      parent: host.current,
      state: EditorState.create({
        doc: value,
        extensions: [
          basicSetup,
          ...languageOf(path),
          EditorView.lineWrapping,
          editorTheme,
          editorHighlight,
          EditorState.readOnly.of(readOnly),
          EditorView.contentAttributes.of({ 'aria-label': label }),
          reportEdits((text) => change.current(text)),
        ],
      }),
    });
    asScrollRegion(v, label);
    view.current = v;
    return () => {
      v.destroy();
      view.current = null;
    };
    // a new file gets a new editor
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [path, readOnly]);

  useEffect(() => {
    const v = view.current;
    if (v && v.state.doc.toString() !== value) v.dispatch({ changes: { from: 0, to: v.state.doc.length, insert: value }, annotations: fromPage.of(true) });
  }, [value]);

  return <div ref={host} className="pg-cm pg-file-editor" data-path={path} />;
}
