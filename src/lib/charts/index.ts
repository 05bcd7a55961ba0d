/** Chart option builders: pure `(data, theme) → EChartsOption`, shared by the dashboard and report exports. */
export { yearlyVolumeOption } from './yearlyVolume.ts';
export { monthlyCallsOption } from './monthlyCalls.ts';
export { monthlyWaitsOption } from './monthlyWaits.ts';
export { intradayOption } from './intraday.ts';
export { ahtByTopicOption } from './ahtByTopic.ts';
export { liveQueueOption } from './liveQueue.ts';
export { siteLoadOption } from './siteLoad.ts';
export { chartTheme, chartFormat, type ChartTheme } from './theme.ts';
