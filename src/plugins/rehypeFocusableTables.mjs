/**
 * Makes every Markdown table keyboard-focusable: Starlight lets wide tables
 * scroll sideways, and a scrolling region must be reachable by keyboard.
 */
export default function rehypeFocusableTables() {
  const visit = (node) => {
    if (node.type === 'element' && node.tagName === 'table') {
      node.properties = { ...(node.properties || {}), tabIndex: 0 };
    }
    for (const child of node.children || []) visit(child);
  };
  return (tree) => visit(tree);
}
