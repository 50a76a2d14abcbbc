import { Position, ReactFlow, type Edge, type Node } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { useEffect, useState } from 'react';

export interface PathStep {
  handle: string | null;
  anonymous: boolean;
  anchor: boolean;
}

/**
 * The chains of vouches from anchors to the person, one row per path. Named people are one node wherever
 * they appear; a private voucher is its own unnamed node (two private steps may be different people).
 */
/** The window's width, so the graph fits itself again when the window (or a phone's orientation) changes. */
function useWidth(): number {
  const [width, setWidth] = useState(window.innerWidth);
  useEffect(() => {
    const resize = () => setWidth(window.innerWidth);
    window.addEventListener('resize', resize);
    return () => window.removeEventListener('resize', resize);
  }, []);
  return width;
}

export function VouchGraph({ paths }: { paths: readonly (readonly PathStep[])[] }) {
  const width = useWidth();
  const nodes = new Map<string, Node>();
  const edges: Edge[] = [];
  paths.forEach((steps, row) => {
    let previous: string | null = null;
    steps.forEach((step, column) => {
      const id = step.handle ?? `private-${row}-${column}`;
      if (!nodes.has(id))
        nodes.set(id, {
          id,
          position: { x: column * 200, y: row * 80 },
          data: {
            label:
              column === steps.length - 1
                ? 'You'
                : `${step.handle ?? 'A private voucher'}${step.anchor ? ' (anchor)' : ''}`,
          },
          sourcePosition: Position.Right,
          targetPosition: Position.Left,
          className: step.anchor ? 'flow-anchor' : step.anonymous ? 'flow-private' : undefined,
          draggable: false,
          connectable: false,
          selectable: false,
          focusable: false,
        });
      if (previous)
        edges.push({
          id: `${row}-${column}`,
          source: previous,
          target: id,
          focusable: false,
          selectable: false,
        });
      previous = id;
    });
  });
  const height = Math.max(160, paths.length * 90 + 60);
  return (
    <div className="flow" style={{ height }} aria-hidden="true">
      <ReactFlow
        key={width}
        nodes={[...nodes.values()]}
        edges={edges}
        fitView
        nodesDraggable={false}
        nodesConnectable={false}
        nodesFocusable={false}
        edgesFocusable={false}
        elementsSelectable={false}
        panOnDrag={false}
        zoomOnScroll={false}
        zoomOnPinch={false}
        zoomOnDoubleClick={false}
        preventScrolling={false}
        disableKeyboardA11y
        proOptions={{ hideAttribution: true }}
      />
    </div>
  );
}
