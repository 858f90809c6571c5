/// The report's inline CSS: system fonts only (no download), responsive, with a print layout.
enum ReportStyle {
    static let css = """
    :root{--ink:#212529;--muted:#6c757d;--line:#dee2e6;--bg:#ffffff;--panel:#f8f9fa;--good:#2b8a3e;--good-bg:#ebfbee;--work:#e67700;--work-bg:#fff4e6;--fault:#c92a2a;--fault-bg:#fff5f5;--none:#868e96;--none-bg:#f1f3f5;--left:#d9480f;--right:#1864ab;--accent:#364fc7}
    *{box-sizing:border-box}
    html{-webkit-text-size-adjust:100%}
    body{margin:0;background:var(--bg);color:var(--ink);font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,"Liberation Sans",sans-serif}
    main{max-width:1080px;margin:0 auto;padding:24px 20px 48px}
    h1{font-size:26px;line-height:1.2;margin:0 0 4px;letter-spacing:-.01em}
    h2{font-size:19px;margin:36px 0 10px;padding-bottom:6px;border-bottom:2px solid var(--ink)}
    h3{font-size:15px;margin:18px 0 6px}
    p{margin:6px 0}
    a{color:var(--accent)}
    .muted{color:var(--muted)}
    .small{font-size:13px}
    .brand{font-size:12px;font-weight:700;letter-spacing:.12em;text-transform:uppercase;color:var(--accent)}
    .meta{color:var(--muted);font-size:14px}
    .hero{display:grid;grid-template-columns:190px 1fr;gap:24px;align-items:start;margin-top:18px}
    .score{border-radius:14px;background:var(--panel);border:1px solid var(--line);padding:18px 12px;text-align:center}
    .score .value{font-size:56px;font-weight:700;line-height:1;font-variant-numeric:tabular-nums}
    .score .of{font-size:14px;color:var(--muted)}
    .score .label{margin-top:8px;font-size:13px;font-weight:600;text-transform:uppercase;letter-spacing:.06em}
    .score.good .value{color:var(--good)} .score.work .value{color:var(--work)} .score.fault .value{color:var(--fault)}
    .priorities{list-style:none;margin:0;padding:0;counter-reset:p}
    .priorities>li{counter-increment:p;position:relative;padding:10px 12px 10px 46px;margin:0 0 8px;border:1px solid var(--line);border-radius:10px;background:#fff}
    .priorities>li::before{content:counter(p);position:absolute;left:12px;top:10px;width:24px;height:24px;border-radius:50%;background:var(--ink);color:#fff;font-weight:700;font-size:13px;text-align:center;line-height:24px}
    .priorities strong{display:block}
    .drills{margin:6px 0 0;padding-left:18px;font-size:13px;color:#343a40;list-style:disc}
    .drills li{margin:3px 0}
    .pill{display:inline-block;padding:1px 9px;border-radius:999px;font-size:12px;font-weight:600;white-space:nowrap}
    .st-good{background:var(--good-bg);color:var(--good)} .st-work_on_it{background:var(--work-bg);color:var(--work)}
    .st-fault{background:var(--fault-bg);color:var(--fault)} .st-not_measurable{background:var(--none-bg);color:var(--none)}
    .basis{font-size:11px;font-weight:600;text-transform:uppercase;letter-spacing:.04em;padding:0 6px;border-radius:4px;border:1px solid currentColor}
    .basis-sourced{color:var(--good)} .basis-heuristic{color:var(--work)}
    .table-wrap{overflow-x:auto;-webkit-overflow-scrolling:touch}
    table{border-collapse:collapse;width:100%;font-size:14px}
    th,td{text-align:left;vertical-align:top;padding:8px 10px;border-bottom:1px solid var(--line)}
    th{font-size:12px;text-transform:uppercase;letter-spacing:.04em;color:var(--muted);font-weight:600;background:var(--panel)}
    td.num,th.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
    tr.row-good td:first-child{box-shadow:inset 4px 0 var(--good)} tr.row-work_on_it td:first-child{box-shadow:inset 4px 0 var(--work)}
    tr.row-fault td:first-child{box-shadow:inset 4px 0 var(--fault)} tr.row-not_measurable td:first-child{box-shadow:inset 4px 0 var(--none)}
    .why{color:#495057;font-size:13px}td.why{min-width:16em;max-width:26em}
    .frames{display:grid;grid-template-columns:repeat(4,1fr);gap:12px}
    figure{margin:0;border:1px solid var(--line);border-radius:10px;overflow:hidden;background:#fff;break-inside:avoid}
    figure svg.figure{display:block;width:100%;height:auto;aspect-ratio:4/5;background:#f6f7f9}
    figcaption{padding:8px 10px;font-size:13px}
    figcaption>b{display:block;font-size:14px}
    figcaption ul{margin:4px 0 0;padding:0;list-style:none;font-size:12.5px;line-height:1.35}figcaption li{margin:3px 0}
    .angle-label{font-family:system-ui,sans-serif;font-weight:700;fill:#212529;stroke:#fff;paint-order:stroke;stroke-linejoin:round}
    .side-left{color:var(--left)} .side-right{color:var(--right)}
    .charts{display:grid;grid-template-columns:1fr 1fr;gap:16px}
    .chart-box{border:1px solid var(--line);border-radius:10px;padding:10px 10px 4px;break-inside:avoid}
    .chart-box h3{margin:0 0 2px}
    svg.chart{width:100%;height:auto;display:block}
    svg.chart .grid{stroke:#e9ecef;stroke-width:1}
    svg.chart .tick,svg.chart .axis{font-size:11px;fill:#868e96;font-family:system-ui,sans-serif}
    svg.chart .band{fill:#2b8a3e;opacity:.12}
    svg.chart .band-label{font-size:10px;fill:#2b8a3e;font-family:system-ui,sans-serif}
    svg.chart .sd{opacity:.14}
    svg.chart .mean{stroke-width:2.2;stroke-linejoin:round}
    svg.chart .toe-off{stroke-width:1;stroke-dasharray:3 3;opacity:.8}
    .legend{font-size:12px;color:var(--muted);margin:2px 0 6px}
    .legend span{margin-right:12px;white-space:nowrap}
    .legend i{display:inline-block;width:16px;height:3px;vertical-align:middle;margin-right:4px;border-radius:2px}
    .panel{background:var(--panel);border:1px solid var(--line);border-radius:10px;padding:12px 16px}
    .grid2{display:grid;grid-template-columns:1fr 1fr;gap:16px}
    .kv{display:grid;grid-template-columns:auto 1fr;gap:4px 16px;font-size:14px}
    .kv dt{color:var(--muted)} .kv dd{margin:0;font-variant-numeric:tabular-nums}
    .warnings{margin:8px 0 0;padding-left:18px;color:#8f3f00}
    .notice{border-left:4px solid var(--work);background:var(--work-bg);padding:10px 14px;border-radius:6px;margin:12px 0}
    footer{margin-top:40px;font-size:12px;color:var(--muted);border-top:1px solid var(--line);padding-top:10px}
    @media (max-width:800px){.frames{grid-template-columns:repeat(2,1fr)}.charts,.grid2{grid-template-columns:1fr}}
    @media (max-width:560px){main{padding:16px 12px 32px}h1{font-size:22px}.hero{grid-template-columns:1fr}.score .value{font-size:44px}th,td{padding:6px}}
    @media print{@page{margin:14mm}body{font-size:11pt}main{max-width:none;padding:0}h2{break-after:avoid;margin-top:20px}.frames{grid-template-columns:repeat(4,1fr)}.charts{grid-template-columns:1fr 1fr}a{color:inherit;text-decoration:none}.table-wrap{overflow:visible}tr,figure,.chart-box{break-inside:avoid}*{-webkit-print-color-adjust:exact;print-color-adjust:exact}}
    """

    /// Records script and image errors on the page (`data-report-errors` on <html>) so a headless check can
    /// read them with --dump-dom; the page works the same without it.
    static let errorRecorder = """
    (function(){var d=document.documentElement,n=0;function rec(m){n++;d.setAttribute('data-report-errors',String(n));var l=d.getAttribute('data-report-error-log')||'';d.setAttribute('data-report-error-log',(l+' | '+m).slice(-2000));}
    window.addEventListener('error',function(e){var t=e&&e.target;rec(t&&t!==window&&t.tagName?('failed to load '+t.tagName):(e.message||'error'));},true);
    window.addEventListener('unhandledrejection',function(e){rec('unhandled rejection: '+(e&&e.reason));});
    var ce=console.error;console.error=function(){rec(Array.prototype.join.call(arguments,' '));return ce.apply(console,arguments);};
    window.addEventListener('load',function(){d.setAttribute('data-report-ready','yes');});})();
    """
}
