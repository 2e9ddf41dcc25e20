/**
 * The frame of every chart: a title, a caption with the numbers shown (the
 * text alternative), the chart itself, a data table that renders only while
 * its disclosure is open, and export buttons.
 */
import { useRef, useState, type ReactNode } from 'react';
import { downloadPng, downloadSvg, type ExportHeader } from './exportChart';

interface ChartFigureProps {
  title: string;
  /** Sentences with the numbers the chart shows. */
  summary: ReactNode;
  /** File name stem for exports, for example `engagement`. */
  exportName: string;
  /** Builds the data table; called only while the table disclosure is open. */
  table?: () => ReactNode;
  /** Marks the chart as ground truth (what the platform cannot see). */
  truth?: boolean;
  /** The chart is a canvas: PNG export only. */
  canvas?: boolean;
  children: ReactNode;
}

export function ChartFigure({ title, summary, exportName, table, truth = false, canvas = false, children }: ChartFigureProps) {
  const plotRef = useRef<HTMLDivElement>(null);
  const [tableOpen, setTableOpen] = useState(false);
  const [exportError, setExportError] = useState<string | null>(null);

  const chartElement = () => plotRef.current?.querySelector<SVGSVGElement | HTMLCanvasElement>('svg.chart-svg, canvas.chart-canvas') ?? null;

  /** Title and legend for the exported file, read from the Legend's data attributes. */
  const exportHeader = (): ExportHeader => {
    const entries = plotRef.current?.querySelectorAll<HTMLLIElement>('.legend li[data-label]') ?? [];
    const legend = [...entries].map((entry) => ({ label: entry.dataset.label ?? '', color: entry.dataset.color ?? '#000000', dashed: entry.dataset.dashed === '1' }));
    return { title, legend };
  };

  const exportSvg = () => {
    const element = chartElement();
    if (element instanceof SVGSVGElement) {
      downloadSvg(element, `${exportName}.svg`, exportHeader());
    }
  };

  const exportPng = () => {
    const element = chartElement();
    if (element) {
      setExportError(null);
      downloadPng(element, `${exportName}.png`, exportHeader()).catch((error: unknown) => setExportError(`PNG export failed: ${(error as Error).message}`));
    }
  };

  return (
    <figure className={truth ? 'chart chart-truth' : 'chart'}>
      <figcaption>
        <span className="chart-title">
          {truth && <span className="truth-badge">Ground truth</span>} {title}
        </span>
        <span className="chart-summary">{summary}</span>
      </figcaption>
      <div className="chart-plot" ref={plotRef}>
        {children}
      </div>
      <div className="chart-tools">
        {table && (
          <details onToggle={(event) => setTableOpen(event.currentTarget.open)}>
            <summary>Data table: {title}</summary>
            {tableOpen && <div className="table-scroll">{table()}</div>}
          </details>
        )}
        <span className="export-buttons">
          {!canvas && (
            <button type="button" onClick={exportSvg} className="small" aria-label={`Export ${title} as SVG`}>
              SVG
            </button>
          )}
          <button type="button" onClick={exportPng} className="small" aria-label={`Export ${title} as PNG`}>
            PNG
          </button>
        </span>
        {exportError && <span role="alert">{exportError}</span>}
      </div>
    </figure>
  );
}
