import { EditorView } from '@codemirror/view';
import { HighlightStyle, syntaxHighlighting } from '@codemirror/language';
import { tags } from '@lezer/highlight';

/** Editor colours from Starlight's theme variables, so light and dark themes both apply. */
export const editorTheme = EditorView.theme({
  '&': {
    fontSize: '0.85rem',
    border: '1px solid var(--sl-color-gray-5)',
    borderRadius: '0.25rem',
    backgroundColor: 'var(--sl-color-black)',
    color: 'var(--sl-color-white)',
    maxHeight: '32rem',
  },
  '.cm-scroller': { fontFamily: 'var(--sl-font-mono)', overflow: 'auto' },
  '.cm-gutters': { backgroundColor: 'var(--sl-color-gray-6)', color: 'var(--sl-color-gray-3)', border: 'none' },
  '.cm-activeLine, .cm-activeLineGutter': { backgroundColor: 'color-mix(in srgb, var(--sl-color-accent) 10%, transparent)' },
  '&.cm-focused': { outline: '2px solid var(--sl-color-accent)', outlineOffset: '2px' },
  '.cm-cursor': { borderLeftColor: 'var(--sl-color-white)' },
  '.cm-tooltip': { backgroundColor: 'var(--sl-color-gray-6)', color: 'var(--sl-color-white)', border: '1px solid var(--sl-color-gray-5)' },
  '.cm-tooltip-autocomplete > ul > li[aria-selected]': { backgroundColor: 'var(--sl-color-accent)', color: 'var(--sl-color-black)' },
});

/**
 * YAML colours from Starlight's theme-aware "high" colours, readable on the
 * editor's background in light and dark themes (CodeMirror's default palette
 * is for light backgrounds only).
 */
export const editorHighlight = syntaxHighlighting(
  HighlightStyle.define([
    { tag: [tags.propertyName, tags.definition(tags.propertyName)], color: 'var(--sl-color-blue-high)' },
    { tag: [tags.string, tags.special(tags.string)], color: 'var(--sl-color-green-high)' },
    { tag: [tags.number, tags.bool, tags.null, tags.atom], color: 'var(--sl-color-orange-high)' },
    { tag: [tags.keyword, tags.typeName, tags.labelName], color: 'var(--sl-color-purple-high)' },
    { tag: [tags.comment, tags.lineComment, tags.blockComment], color: 'var(--sl-color-gray-3)', fontStyle: 'italic' },
    { tag: [tags.punctuation, tags.separator, tags.bracket], color: 'var(--sl-color-gray-2)' },
    { tag: tags.meta, color: 'var(--sl-color-red-high)' },
  ]),
);
