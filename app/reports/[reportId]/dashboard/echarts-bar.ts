/**
 * ECharts with only what the dashboard draws: bar charts on a canvas, with axes (grid) and
 * tooltips. Loaded by the chart component with a dynamic import, in the browser only.
 */
import { BarChart } from "echarts/charts";
import { GridComponent, TooltipComponent } from "echarts/components";
import { init, use } from "echarts/core";
import { CanvasRenderer } from "echarts/renderers";

use([BarChart, GridComponent, TooltipComponent, CanvasRenderer]);

export { init };
