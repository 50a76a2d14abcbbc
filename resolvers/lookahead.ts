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
 * The selections below some field nodes of `type`, merged by field name over aliases and fragments (a superset
 * of what any one of them reads), with each field's arguments (those of its first occurrence: the page fetched
 * ahead is that one; others go through the loaders). Below abstract types only names are known (no arguments).
 */
function selectionBelow(
  info: GraphQLResolveInfo,
  nodes: readonly FieldNode[],
  type: GraphQLObjectType | null,
): Map<string, Selection> {
  const merged = new Map<
    string,
    { args: Record<string, unknown>; nodes: FieldNode[]; type: GraphQLObjectType | null }
  >();
  for (const field of nodes.flatMap((n) => fieldNodes(info, n.selectionSet))) {
    const known = merged.get(field.name.value);
    if (known) {
      known.nodes.push(field);
      continue;
    }
    const definition = type?.getFields()[field.name.value];
    const below = definition ? getNamedType(definition.type) : undefined;
    merged.set(field.name.value, {
      args: definition ? getArgumentValues(definition, field, info.variableValues) : {},
      nodes: [field],
      type: isObjectType(below) ? below : null,
    });
  }
  return new Map(
    [...merged].map(([name, found]) => [
      name,
      { args: found.args, fields: selectionBelow(info, found.nodes, found.type) },
    ]),
  );
}

/**
 * Look-ahead for a connection field: what the operation selects of it (totalCount, pageInfo, …) and of its nodes
 * (`edges { node { … } }`, with the arguments of the nodes' fields), so that the domain can fetch a page of nodes
 * with their nested lists, and only the fields read, in one statement. Only reads the query.
 */
export function selectionOfConnection(info: GraphQLResolveInfo): Selection {
  const type = getNamedType(info.returnType);
  return { args: {}, fields: selectionBelow(info, info.fieldNodes, isObjectType(type) ? type : null) };
}
