import { EditorView } from '@codemirror/view';
import { Annotation, type Extension } from '@codemirror/state';

/** Marks the page's own replacements of a document (a reset, a shared link, another file): not the learner's edits. */
export const fromPage = Annotation.define<boolean>();

/** Calls `onChange` with the new text after each edit the learner made (not after the page's own replacements). */
export function reportEdits(onChange: (text: string) => void): Extension {
  return EditorView.updateListener.of((u) => {
    if (u.docChanged && !u.transactions.some((tr) => tr.annotation(fromPage))) onChange(u.state.doc.toString());
  });
}

/** The editor's scroller as a named scrolling region keyboard users can reach (Tab stops on it). */
export function asScrollRegion(view: EditorView, label: string): void {
  view.scrollDOM.tabIndex = 0;
  view.scrollDOM.setAttribute('role', 'region');
  view.scrollDOM.setAttribute('aria-label', label);
}
