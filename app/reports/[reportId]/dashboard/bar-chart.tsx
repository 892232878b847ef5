"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";

export type ChartBar = { label: string; value: number; href: string };

/**
 * One bar chart. ECharts is imported on the client after mount (not during server rendering, not
 * in the page's first bundle). Clicking a bar opens its href: the matching filtered list.
 */
export function BarChartCard({ bars, horizontal = false, color, label }: { bars: ChartBar[]; horizontal?: boolean; color: string; label: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const router = useRouter();
  const [ready, setReady] = useState(false);
  const height = horizontal ? Math.max(160, bars.length * 34 + 40) : 260;

  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    let disposed = false;
    let cleanup = () => {};
    void import("./echarts-bar").then(({ init }) => {
      if (disposed) return;
      const chart = init(element, undefined, { renderer: "canvas" });
      const names = bars.map((b) => b.label);
      // Category labels turn when they would not fit side by side (a phone, many weeks).
      const rotation = () => (element.clientWidth / Math.max(1, names.length) < 72 ? 40 : 0);
      const values = bars.map((b) => b.value);
      const categoryAxis = {
        type: "category" as const,
        data: names,
        inverse: horizontal,
        axisTick: { show: false },
        axisLabel: horizontal
          ? { width: 150, overflow: "truncate" as const, color: "#334155" }
          : { color: "#334155", interval: 0, rotate: rotation() },
      };
      const valueAxis = { type: "value" as const, minInterval: 1, axisLabel: { color: "#64748b" }, splitLine: { lineStyle: { color: "#e2e8f0" } } };
      chart.setOption({
        animation: false,
        grid: { left: 8, right: 24, top: 16, bottom: 8, containLabel: true },
        tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
        xAxis: horizontal ? valueAxis : categoryAxis,
        yAxis: horizontal ? categoryAxis : valueAxis,
        series: [
          {
            type: "bar",
            data: values,
            itemStyle: { color, borderRadius: horizontal ? [0, 3, 3, 0] : [3, 3, 0, 0] },
            barMaxWidth: 36,
            cursor: "pointer",
            label: { show: true, position: horizontal ? "right" : "top", color: "#334155" },
          },
        ],
      });
      chart.on("click", (params) => {
        const bar = bars[params.dataIndex ?? -1];
        if (bar) router.push(bar.href);
      });
      // Where each bar's middle is drawn, for tests that click a bar (a canvas has no elements).
      const markBars = () => {
        const points = values.map((v, i) => chart.convertToPixel({ seriesIndex: 0 }, horizontal ? [v / 2, i] : [i, v / 2]) as number[]);
        element.dataset.barPoints = points.map((p) => p.map(Math.round).join(",")).join(";");
      };
      markBars();
      const observer = new ResizeObserver(() => {
        if (!horizontal) chart.setOption({ xAxis: { axisLabel: { rotate: rotation() } } });
        chart.resize();
        markBars();
      });
      observer.observe(element);
      setReady(true);
      cleanup = () => {
        observer.disconnect();
        chart.dispose();
      };
    });
    return () => {
      disposed = true;
      cleanup();
    };
  }, [bars, horizontal, color, router]);

  return (
    <div
      ref={ref}
      role="img"
      aria-label={`${label}：${bars.map((b) => `${b.label} ${b.value}`).join("，")}`}
      data-chart-ready={ready ? "true" : "false"}
      style={{ height }}
      className="w-full"
    />
  );
}
