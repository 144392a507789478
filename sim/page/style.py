"""The page's CSS: tables, the event log, the map's legend and the charts' grid."""

STYLE = """
.peacesim-table { border-collapse: collapse; font-size: 14px; width: 100%; }
.peacesim-table th { text-align: left; font-weight: 500; padding: 2px 10px 2px 0;
  color: #444; vertical-align: top; }
.peacesim-table td { padding: 2px 0; }
.peacesim-table tr + tr { border-top: 1px solid #eee; }
.peacesim-log { max-height: 320px; overflow-y: auto; font-size: 14px; line-height: 1.5; }
.peacesim-log .day { color: #666; display: inline-block; min-width: 5.5em; }
.peacesim-sources { font-size: 13px; color: #333; }
.peacesim-title { font-weight: 500; font-size: 16px; margin: 6px 0; }
.peacesim-status { font-size: 18px; font-weight: 500; margin: 4px 0 8px 0; }
.peacesim-group { font-weight: 500; margin-top: 14px; }
.peacesim-help { font-size: 13px; color: #555; margin: 4px 0; }
.peacesim-reading { font-size: 14px; white-space: pre-line; margin-top: 8px; }
.peacesim-slider-label { font-size: 13px; color: #444; margin-top: 6px; }
.peacesim-compare-table td, .peacesim-compare-table th { padding: 2px 8px; font-size: 13px;
  text-align: left; }
.peacesim-compare-table { border-collapse: collapse; }
.peacesim-compare-table tr + tr { border-top: 1px solid #eee; }
.peacesim-compare-table tr.peacesim-history { background: #fff4d6; font-weight: 500; }
.peacesim-history-note { font-size: 13px; color: #555; margin-top: 6px; }
.peacesim-own-settings { white-space: normal; }
.peacesim-map { width: 100%; }
.peacesim-map-canvas { max-width: 100%; border: 1px solid #ccc; image-rendering: pixelated; }
.peacesim-legend { display: flex; flex-wrap: wrap; gap: 4px 14px; font-size: 13px;
  margin-top: 6px; }
.peacesim-legend-item { display: inline-flex; align-items: center; gap: 5px; }
.peacesim-legend-item i { display: inline-block; width: 14px; height: 14px; }
.peacesim-legend-item i.sq.hatch { background: repeating-linear-gradient(135deg, #ececec 0 3px,
  #9a9a9a 3px 4px); }
.peacesim-legend-item i.sq.tension { background: linear-gradient(to right,
  rgba(226,104,18,0.15), rgba(226,104,18,0.85)); width: 34px; }
.peacesim-legend-item i.sq.outline { border: 2px solid #333; box-sizing: border-box; }
.peacesim-legend-item i.sq.outline.mixed { border-color: #8e44ad; }
.peacesim-legend-item i.dot { border-radius: 50%; width: 11px; height: 11px; }
.peacesim-legend-item i.diamond { transform: rotate(45deg) scale(0.75);
  border: 1px solid black; }
.peacesim-legend-item i.tri { width: 0; height: 0; border-left: 7px solid transparent;
  border-right: 7px solid transparent; border-bottom: 12px solid #333; }
.peacesim-legend-item i.line { width: 26px; height: 0; }
.peacesim-legend-item i.bar { width: 10px; height: 14px; }
.peacesim-bias-scale { display: flex; flex-wrap: wrap; align-items: center; gap: 6px;
  font-size: 13px; margin-top: 6px; }
.peacesim-bias-scale .bar { display: inline-block; width: 160px; height: 12px;
  border: 1px solid #999; }
.peacesim-bias-scale .now { color: #555; }
.peacesim-chart-grid { display: grid; grid-template-columns: repeat(auto-fit,
  minmax(380px, 1fr)); gap: 14px 18px; }
.peacesim-chart-title { font-weight: 500; font-size: 15px; }
.peacesim-chart-legend { display: flex; flex-wrap: wrap; gap: 2px 12px; font-size: 13px;
  min-height: 20px; margin: 2px 0; }
.peacesim-chart canvas { width: 100%; height: 220px; display: block; }
.peacesim-chart-note { font-size: 12px; color: #666; }
"""
