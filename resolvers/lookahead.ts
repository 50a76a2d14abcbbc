import {
  getArgumentValues,
  getNamedType,
  isObjectType,
  type FieldNode,
  type GraphQLObjectType,
  type GraphQLResolveInfo,
  type SelectionSetNode,
} from 'graphql';
import type { Selection } from '../src/db/rows.js';

/** The field nodes of a selection set, through inline fragments and fragment spreads. */
function fieldNodes(info: GraphQLResolveInfo, set: SelectionSetNode | undefined): FieldNode[] {
  const found: FieldNode[] = [];
  for (const selection of set?.selections ?? []) {
    if (selection.kind === 'Field') found.push(selection);
    else if (selection.kind === 'InlineFragment') found.push(...fieldNodes(info, selection.selectionSet));
    else found.push(...fieldNodes(info, info.fragments[selection.name.value]?.selectionSet));
  }
  return found;
}

/**
 * The selections below some field nodes, merged by field name over aliases and fragments (a superset of what any
 * one of them reads). Arguments are read only where `type` is known (the first level below a connection's node).
 */
function selectionBelow(
  info: GraphQLResolveInfo,
  nodes: readonly FieldNode[],
  type: GraphQLObjectType | null,
): Map<string, Selection> {
  const merged = new Map<string, { args: Record<string, unknown>; nodes: FieldNode[] }>();
  for (const field of nodes.flatMap((n) => fieldNodes(info, n.selectionSet))) {
    const name = field.name.value;
    const known = merged.get(name);
    if (known) {
      known.nodes.push(field);
      continue;
    }
    const definition = type?.getFields()[name];
    merged.set(name, {
      // The first occurrence's arguments: the page prefetched is that one (others go through the loaders).
      args: definition ? getArgumentValues(definition, field, info.variableValues) : {},
      nodes: [field],
    });
  }
  return new Map(
    [...merged].map(([name, { args, nodes: below }]) => [
      name,
      { args, fields: selectionBelow(info, below, null) },
    ]),
  );
}

/**
 * Look-ahead for a connection field: what the operation selects of it (totalCount, pageInfo, …) and of its nodes
 * (`edges { node { … } }`, with the arguments of the nodes' fields), so that the domain can fetch a page of nodes
 * with their nested lists, and only the fields read, in one statement. Only reads the query.
 */
export function selectionOfConnection(info: GraphQLResolveInfo): Selection {
  const connection = getNamedType(info.returnType);
  const edgesType = isObjectType(connection) ? getNamedType(connection.getFields().edges?.type) : undefined;
  const nodeType = isObjectType(edgesType) ? getNamedType(edgesType.getFields().node?.type) : undefined;
  const fields = selectionBelow(info, info.fieldNodes, null);
  const edges = fields.get('edges');
  if (!edges) return { args: {}, fields };
  // The nodes' own fields again, with their arguments (selectionBelow reads arguments only where told the type).
  const edgeNodes = info.fieldNodes
    .flatMap((f) => fieldNodes(info, f.selectionSet))
    .filter((f) => f.name.value === 'edges');
  const nodeNodes = edgeNodes
    .flatMap((e) => fieldNodes(info, e.selectionSet))
    .filter((f) => f.name.value === 'node');
  const node = {
    args: {},
    fields: selectionBelow(info, nodeNodes, isObjectType(nodeType) ? nodeType : null),
  };
  return {
    args: {},
    fields: new Map([...fields, ['edges', { args: {}, fields: new Map([...edges.fields, ['node', node]]) }]]),
  };
}
