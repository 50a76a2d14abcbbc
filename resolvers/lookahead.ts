import {
  getArgumentValues,
  getNamedType,
  isObjectType,
  type FieldNode,
  type GraphQLObjectType,
  type GraphQLResolveInfo,
  type SelectionSetNode,
} from 'graphql';

/** A field selected of each node of a connection, with its arguments (variables applied, defaults filled). */
export interface SelectedField {
  name: string;
  first?: number | null;
  after?: string | null;
}

/** The field nodes named `name` in a selection set, through inline fragments and fragment spreads. */
function fieldsNamed(
  info: GraphQLResolveInfo,
  set: SelectionSetNode | undefined,
  name?: string,
): FieldNode[] {
  const found: FieldNode[] = [];
  for (const selection of set?.selections ?? []) {
    if (selection.kind === 'Field') {
      if (name === undefined || selection.name.value === name) found.push(selection);
    } else if (selection.kind === 'InlineFragment') {
      found.push(...fieldsNamed(info, selection.selectionSet, name));
    } else {
      found.push(...fieldsNamed(info, info.fragments[selection.name.value]?.selectionSet, name));
    }
  }
  return found;
}

/**
 * Look-ahead for a connection field: the fields the operation selects under `edges { node { … } }`, so that the
 * domain can fetch a page of nodes together with their nested lists in one statement. Only reads the query.
 */
export function selectedOfNodes(info: GraphQLResolveInfo): SelectedField[] {
  const connection = getNamedType(info.returnType);
  if (!isObjectType(connection)) return [];
  const nodeType = getNamedType(
    (getNamedType(connection.getFields().edges?.type) as GraphQLObjectType | undefined)?.getFields().node
      ?.type,
  );
  if (!isObjectType(nodeType)) return [];
  const fields = nodeType.getFields();
  const selected: SelectedField[] = [];
  for (const edges of info.fieldNodes.flatMap((f) => fieldsNamed(info, f.selectionSet, 'edges')))
    for (const node of fieldsNamed(info, edges.selectionSet, 'node'))
      for (const field of fieldsNamed(info, node.selectionSet)) {
        const definition = fields[field.name.value];
        if (!definition) continue;
        const args = getArgumentValues(definition, field, info.variableValues) as {
          first?: number | null;
          after?: string | null;
        };
        selected.push({ name: field.name.value, first: args.first, after: args.after });
      }
  return selected;
}
