/**
 * The tree-shaken ECharts build: only the charts and components our option builders use.
 * A builder that needs another chart type or component must be registered here.
 */
import * as echarts from 'echarts/core';
import { BarChart, HeatmapChart, LineChart } from 'echarts/charts';
import { AriaComponent, DataZoomComponent, GridComponent, LegendComponent, TitleComponent, TooltipComponent, VisualMapComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';

// HeatmapChart and VisualMapComponent: the monthly report's weekday × hour map.
// TitleComponent: the names above the panels of a chart drawn as small multiples (panels.ts).
echarts.use([BarChart, LineChart, HeatmapChart, GridComponent, TitleComponent, TooltipComponent, LegendComponent, DataZoomComponent, VisualMapComponent, AriaComponent, SVGRenderer]);

export { echarts };
