/**
 * Topological order of named nodes with `needs` edges. Ties keep declaration order, so the
 * plan reads like the file. Returns the cycles found instead of an order when there are any.
 */
export function topologicalOrder(
  nodes: ReadonlyArray<{ name: string; needs: readonly string[] }>,
): { order: string[]; cycles: string[][] } {
  const known = new Set(nodes.map((node) => node.name));
  const state = new Map<string, "visiting" | "done">();
  const order: string[] = [];
  const cycles: string[][] = [];
  const needsOf = new Map(nodes.map((node) => [node.name, node.needs.filter((need) => known.has(need))]));

  const visit = (name: string, stack: string[]): void => {
    const seen = state.get(name);
    if (seen === "done") return;
    if (seen === "visiting") {
      const cycle = stack.slice(stack.indexOf(name));
      // One report per cycle, whichever node it was entered from.
      const key = [...cycle].sort().join(" ");
      if (!cycles.some((found) => [...found].sort().join(" ") === key)) cycles.push([...cycle, name]);
      return;
    }
    state.set(name, "visiting");
    for (const need of needsOf.get(name) ?? []) visit(need, [...stack, name]);
    state.set(name, "done");
    order.push(name);
  };
  for (const node of nodes) visit(node.name, []);
  return { order: cycles.length > 0 ? [] : order, cycles };
}

/** Every step a step depends on, directly or through others. */
export function ancestors(name: string, needsOf: ReadonlyMap<string, readonly string[]>): Set<string> {
  const found = new Set<string>();
  const pending = [...(needsOf.get(name) ?? [])];
  while (pending.length > 0) {
    const next = pending.pop()!;
    if (found.has(next)) continue;
    found.add(next);
    pending.push(...(needsOf.get(next) ?? []));
  }
  return found;
}
