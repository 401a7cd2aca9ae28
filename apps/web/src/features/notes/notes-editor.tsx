import { useEffect, useRef, useState, useSyncExternalStore, type ReactNode } from 'react';
import { toBase64 } from 'lib0/buffer';
import { baseKeymap, toggleMark } from 'prosemirror-commands';
import { keymap } from 'prosemirror-keymap';
import { schema } from 'prosemirror-schema-basic';
import { EditorState, type Transaction } from 'prosemirror-state';
import { EditorView } from 'prosemirror-view';
import { absolutePositionToRelativePosition, redo, undo, yCursorPlugin, ySyncPlugin, ySyncPluginKey, yUndoPlugin } from 'y-prosemirror';
import * as Y from 'yjs';
import type { Compartment } from '@caseroom/contracts';
import type { LiveNotesProvider, NotesSnapshot } from '../../lib/notes-provider';
import { notesFragmentName } from '../../lib/notes-protocol';
import { compartmentLabels } from './compartments';
import { TypingIndicator } from './typing-indicator';

type ProsemirrorMapping = Parameters<typeof absolutePositionToRelativePosition>[2];

export interface NotesSpan {
  readonly start: string;
  readonly end: string;
}

/** A collaborator's caret: coloured, named, and hidden from screen readers (the typing line says it in words). */
function caret(user: { name?: unknown; color?: unknown }): HTMLElement {
  const cursor = document.createElement('span');
  cursor.className = 'ProseMirror-yjs-cursor';
  cursor.setAttribute('aria-hidden', 'true');
  const colour = typeof user.color === 'string' ? user.color : '#1b1f24';
  cursor.style.borderColor = colour;
  const name = document.createElement('div');
  name.style.backgroundColor = colour;
  name.textContent = typeof user.name === 'string' ? user.name : '';
  cursor.append(name);
  return cursor;
}

/** One compartment's live notes in a rich-text editor bound to its Yjs document. */
export function NotesEditor({
  provider,
  compartment,
  actions,
}: {
  provider: LiveNotesProvider;
  compartment: Compartment;
  actions?: (selection: () => NotesSpan | string) => ReactNode;
}) {
  const snapshot = useSyncExternalStore(provider.subscribe, provider.getSnapshot);
  // Outlives the editor, which is rebuilt whenever the document is replaced (after a restrict or redact).
  const selection = useRef<() => NotesSpan | string>(() => 'The editor is not ready.');
  if (snapshot.state === 'unavailable') return <p>These notes are unavailable to you.</p>;
  return (
    <>
      {snapshot.state === 'opening' ? (
        <p role="status">Opening the {compartmentLabels[compartment].toLowerCase()} notes…</p>
      ) : (
        <BoundEditor
          key={snapshot.generation}
          snapshot={snapshot}
          compartment={compartment}
          onSelection={(read) => (selection.current = read)}
          onFocus={() => provider.activate()}
        />
      )}
      {actions && (
        <div className="toolbar" role="group" aria-label={`${compartmentLabels[compartment]} notes selection`}>
          {actions(() => selection.current())}
        </div>
      )}
    </>
  );
}

function BoundEditor({
  snapshot,
  compartment,
  onSelection,
  onFocus,
}: {
  snapshot: NotesSnapshot;
  compartment: Compartment;
  onSelection: (read: () => NotesSpan | string) => void;
  /** The person is in these notes: their caret may be shown to the others from now on. */
  onFocus: () => void;
}) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const writable = useRef(snapshot.isWritable);
  writable.current = snapshot.isWritable;
  const focused = useRef(onFocus);
  focused.current = onFocus;
  const label = `${compartmentLabels[compartment]} notes`;
  const [, setTick] = useState(0);

  useEffect(() => {
    const fragment = snapshot.doc.getXmlFragment(notesFragmentName);
    const editor = new EditorView(host.current, {
      state: EditorState.create({
        schema,
        plugins: [
          ySyncPlugin(fragment),
          yCursorPlugin(snapshot.awareness, { cursorBuilder: caret }),
          yUndoPlugin(),
          keymap({
            'Mod-z': undo,
            'Mod-y': redo,
            'Mod-Shift-z': redo,
            'Mod-b': toggleMark(schema.marks.strong),
            'Mod-i': toggleMark(schema.marks.em),
          }),
          keymap(baseKeymap),
        ],
      }),
      editable: () => writable.current,
      // Before y-prosemirror places the caret (on focusin): a caret needs an awareness state to go in.
      handleDOMEvents: {
        focus: () => {
          focused.current();
          return false;
        },
      },
      // y-prosemirror applies awareness changes on a timer of its own, which can fire after the editor is
      // gone (leaving the room, a restrict, the conference closing): a destroyed view takes nothing more.
      dispatchTransaction(this: EditorView, transaction: Transaction) {
        if (!this.isDestroyed) this.updateState(this.state.apply(transaction));
      },
      attributes: {
        role: 'textbox',
        'aria-multiline': 'true',
        'aria-label': label,
        'data-compartment': compartment,
      },
    });
    view.current = editor;
    setTick((value) => value + 1);
    return () => {
      view.current = null;
      editor.destroy();
    };
  }, [snapshot.doc, snapshot.awareness, compartment, label]);

  useEffect(() => {
    const editor = view.current;
    if (!editor) return;
    editor.setProps({ editable: () => snapshot.isWritable });
    editor.dom.setAttribute('aria-readonly', String(!snapshot.isWritable));
  }, [snapshot.isWritable]);

  const mark = (name: 'strong' | 'em') => {
    const editor = view.current;
    if (!editor) return;
    toggleMark(schema.marks[name])(editor.state, editor.dispatch);
    editor.focus();
  };

  /** The selection as a span of relative positions within one paragraph, or why it cannot be one. */
  const selection = (): NotesSpan | string => {
    const editor = view.current;
    if (!editor) return 'The editor is not ready.';
    const { from, to, $from, $to } = editor.state.selection;
    if (from === to) return 'Select some text first.';
    if (!$from.sameParent($to) || !$from.parent.isTextblock) return 'Select text within one paragraph.';
    const binding = (ySyncPluginKey.getState(editor.state) as { binding?: { mapping: ProsemirrorMapping } } | undefined)?.binding;
    if (!binding) return 'The editor is not ready.';
    const fragment = snapshot.doc.getXmlFragment(notesFragmentName);
    const encode = (position: number) =>
      toBase64(Y.encodeRelativePosition(absolutePositionToRelativePosition(position, fragment, binding.mapping) as Y.RelativePosition));
    return { start: encode(from), end: encode(to) };
  };
  onSelection(selection);

  return (
    <div>
      <div className="toolbar" role="toolbar" aria-label={`${label} formatting`}>
        {snapshot.isWritable ? (
          <>
            <button type="button" className="secondary" onClick={() => mark('strong')} aria-label="Bold">
              <strong>B</strong>
            </button>
            <button type="button" className="secondary" onClick={() => mark('em')} aria-label="Italic">
              <em>I</em>
            </button>
            <span className="muted" role="status">
              {snapshot.unsaved > 0 ? 'Saving…' : 'Saved'}
            </span>
          </>
        ) : (
          <span className="muted">Read only: you may read these notes but not change them.</span>
        )}
      </div>
      <div className={`editor${snapshot.isWritable ? '' : ' read-only'}`} ref={host} />
      <TypingIndicator awareness={snapshot.awareness} ownClientId={snapshot.doc.clientID} />
    </div>
  );
}
