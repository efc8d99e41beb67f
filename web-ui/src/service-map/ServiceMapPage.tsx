// The service map: services, databases and queues, and the calls between them.
import type { Core } from 'cytoscape';
import cytoscape from 'cytoscape';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { api } from '../api/client';
import type { DependencyGraph } from '../api/types';
import { formatPercent } from '../shared/format';
import { useRangeQuery } from '../shared/query';
import { QueryState } from '../shared/states';
import { cssVar, useThemeVersion } from '../shared/theme';
import { resolveWindow } from '../shared/timeRange';
import { useCommonSearch, withCommon } from '../shared/urlState';
import { EDGE_LABEL_LIMIT, hasCycle, health, toElements } from './graphModel';

declare global {
  interface Window {
    /** The map's cytoscape instance, for browser tests (find a node's rendered position). */
    __vigilServiceMap?: Core;
  }
}

export default function ServiceMapPage() {
  const q = useRangeQuery(['dependencies'], async (w, range, signal) => {
    const graph = await api.dependencies(w, signal);
    const r = resolveWindow(range);
    return { graph, seconds: (r.to.getTime() - r.from.getTime()) / 1000 };
  });
  return (
    <section className="page">
      <header className="page-header">
        <h1>Service map</h1>
        <p className="muted">
          Calls between services, databases and queues. Nodes are coloured by their error rate; edges show calls/s, error % and p95 latency.
        </p>
      </header>
      <QueryState query={q} what="the dependency graph" isEmpty={(d) => d.graph.nodes.length === 0}>
        {(d) => <ServiceMap graph={d.graph} seconds={d.seconds} />}
      </QueryState>
    </section>
  );
}

function ServiceMap({ graph, seconds }: { graph: DependencyGraph; seconds: number }) {
  const container = useRef<HTMLDivElement>(null);
  const cy = useRef<Core | null>(null);
  const [ready, setReady] = useState(false);
  const navigate = useNavigate();
  const common = useCommonSearch();
  const themeVersion = useThemeVersion();
  const elements = useMemo(() => toElements(graph, seconds), [graph, seconds]);
  const open = useRef<(id: string) => void>(() => {});
  open.current = (id: string) => {
    const node = graph.nodes.find((n) => n.id === id);
    if (node && node.kind === 'service') navigate(withCommon(`/services/${encodeURIComponent(node.name)}`, common));
  };

  useEffect(() => {
    if (!container.current) return;
    setReady(false);
    const colour = (h: string) => cssVar(h === 'bad' ? '--bad' : h === 'warn' ? '--warn' : h === 'ok' ? '--ok' : '--muted');
    const instance = cytoscape({
      container: container.current,
      elements,
      wheelSensitivity: 0.3,
      minZoom: 0.2,
      maxZoom: 3,
      style: [
        {
          selector: 'node',
          style: {
            label: 'data(label)',
            'background-color': (n: cytoscape.NodeSingular) => colour(n.data('health')),
            'border-width': 2,
            'border-color': cssVar('--surface'),
            color: cssVar('--text'),
            'font-size': 12,
            'text-valign': 'bottom',
            'text-margin-y': 6,
            width: 34,
            height: 34,
          },
        },
        { selector: 'node[kind = "database"]', style: { shape: 'barrel', width: 30, height: 38 } },
        { selector: 'node[kind = "queue"]', style: { shape: 'round-rectangle', width: 44, height: 24 } },
        { selector: 'node[kind = "external"]', style: { shape: 'diamond' } },
        {
          selector: 'node[kind != "service"]',
          style: { 'background-color': cssVar('--node-infra'), 'border-color': (n: cytoscape.NodeSingular) => colour(n.data('health')), 'border-width': 2 },
        },
        {
          selector: 'edge',
          style: {
            width: 1.5,
            'curve-style': 'bezier',
            'target-arrow-shape': 'triangle',
            'line-color': (e: cytoscape.EdgeSingular) => (e.data('health') === 'bad' ? cssVar('--bad') : cssVar('--edge')),
            'target-arrow-color': (e: cytoscape.EdgeSingular) => (e.data('health') === 'bad' ? cssVar('--bad') : cssVar('--edge')),
            label: graph.edges.length > EDGE_LABEL_LIMIT ? '' : 'data(label)',
            'font-size': 10,
            color: cssVar('--muted'),
            'text-rotation': 'autorotate',
            'text-background-color': cssVar('--surface'),
            'text-background-opacity': 0.85,
            'text-background-padding': '2px',
          },
        },
        { selector: 'node:selected', style: { 'border-color': cssVar('--accent'), 'border-width': 4 } },
        { selector: 'edge.near, edge:selected', style: { label: 'data(label)', width: 2.5, 'z-index': 10 } },
      ],
      // Layered when calls flow one way (the usual case); a force layout when they form cycles.
      layout: hasCycle(graph)
        ? {
            name: 'cose',
            padding: 30,
            animate: false,
            randomize: true,
            nodeDimensionsIncludeLabels: true,
            nodeRepulsion: () => 400_000,
            idealEdgeLength: () => 120,
            componentSpacing: 120,
            numIter: 1500,
          }
        : { name: 'breadthfirst', directed: true, spacingFactor: 1.3, padding: 30, animate: false },
    });
    cy.current = instance;
    window.__vigilServiceMap = instance;
    instance.on('tap', 'node', (evt) => open.current(evt.target.id()));
    instance.on('mouseover', 'node[kind = "service"]', () => {
      if (container.current) container.current.style.cursor = 'pointer';
    });
    instance.on('mouseout', 'node', () => {
      if (container.current) container.current.style.cursor = '';
    });
    // With many edges, the labels of a node's edges show while the pointer is on it, or it is selected.
    instance.on('mouseover', 'node', (evt) => evt.target.connectedEdges().addClass('near'));
    instance.on('mouseout', 'node', (evt) => {
      if (!evt.target.selected()) evt.target.connectedEdges().removeClass('near');
    });
    instance.on('mouseover', 'edge', (evt) => evt.target.addClass('near'));
    instance.on('mouseout', 'edge', (evt) => evt.target.removeClass('near'));
    instance.on('select', 'node', (evt) => evt.target.connectedEdges().addClass('near'));
    instance.on('unselect', 'node', (evt) => evt.target.connectedEdges().removeClass('near'));
    // breadthfirst lays out synchronously when not animated; mark ready after the first render.
    instance.ready(() => {
      instance.fit(undefined, 30);
      // A small graph would be blown up to fill the canvas: keep labels at a readable size.
      if (instance.zoom() > 1.4) {
        instance.zoom(1.4);
        instance.center();
      }
      setReady(true);
    });
    return () => {
      if (window.__vigilServiceMap === instance) delete window.__vigilServiceMap;
      instance.destroy();
      cy.current = null;
    };
  }, [elements, themeVersion, graph]);

  const services = [...graph.nodes].sort((a, b) => (a.kind === b.kind ? a.name.localeCompare(b.name) : a.kind === 'service' ? -1 : b.kind === 'service' ? 1 : a.kind.localeCompare(b.kind)));

  return (
    <div className="map-layout">
      <div className="map-canvas panel" ref={container} data-testid="service-map" data-ready={ready ? 'true' : 'false'} role="img" aria-label="Service dependency graph" />
      <aside className="panel map-side" aria-label="Nodes of the map">
        <h2>Nodes</h2>
        <ul className="map-nodes">
          {services.map((n) => {
            const h = health(n.spans, n.errors);
            return (
              <li key={n.id}>
                <button
                  type="button"
                  data-testid="map-node"
                  data-node-id={n.id}
                  className="map-node"
                  onClick={() => open.current(n.id)}
                  onFocus={() => {
                    cy.current?.$(':selected').unselect();
                    cy.current?.getElementById(n.id).select();
                  }}
                  title={n.kind === 'service' ? `Open ${n.name}` : n.kind}
                >
                  <span className={`health-dot h-${h}`} aria-hidden="true" />
                  <span className="map-node-name">{n.name}</span>
                  <span className="muted small">{n.kind === 'service' ? (n.spans ? `${formatPercent((100 * (n.errors ?? 0)) / n.spans)} err` : '') : n.kind}</span>
                </button>
              </li>
            );
          })}
        </ul>
        <div className="legend small muted">
          <span>
            <span className="health-dot h-ok" /> &lt;1% errors
          </span>
          <span>
            <span className="health-dot h-warn" /> 1–5%
          </span>
          <span>
            <span className="health-dot h-bad" /> ≥5%
          </span>
          <span>▭ queue · ⛁ database · ◇ external</span>
        </div>
      </aside>
    </div>
  );
}
