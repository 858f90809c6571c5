/// The app's stylesheet and script, served from /static (the Content-Security-Policy allows no inline ones).
///
/// Why in the source and not resource files: `poserun` stays one binary that serves its pages wherever it
/// is copied, with no bundle to find at run time. Both are small: the pages are plain HTML that a phone
/// draws at once, and they work without the script.
public enum StaticAssets {
    public struct Asset: Sendable {
        public var contentType: String
        public var body: String
    }

    public static let files: [String: Asset] = [
        "app.css": Asset(contentType: "text/css; charset=utf-8", body: css),
        "app.js": Asset(contentType: "text/javascript; charset=utf-8", body: script),
        "compare.js": Asset(contentType: "text/javascript; charset=utf-8", body: compareScript),
    ]

    static let css = """
        :root { --ink: #1d2327; --muted: #5b6670; --line: #d5dadf; --accent: #0b6e4f; --bad: #a4262c; --bg: #f7f8f9; }
        * { box-sizing: border-box; }
        body { margin: 0; font: 16px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); background: var(--bg); }
        header { display: flex; flex-wrap: wrap; align-items: center; gap: .5rem 1rem; padding: .6rem 1rem; background: #fff; border-bottom: 1px solid var(--line); }
        header .brand { font-weight: 700; color: var(--accent); text-decoration: none; margin-right: auto; }
        header form { margin: 0; }
        main { max-width: 48rem; margin: 0 auto; padding: 1rem; }
        h1 { font-size: 1.4rem; margin: .4rem 0 1rem; }
        h2 { font-size: 1.1rem; margin: 1.5rem 0 .5rem; }
        a { color: var(--accent); }
        label { display: block; font-weight: 600; margin: .8rem 0 .2rem; }
        .hint { font-weight: 400; color: var(--muted); font-size: .9rem; }
        input[type=text], input[type=password], input[type=number], input[type=date], input[type=file], select, textarea {
            width: 100%; padding: .55rem; font: inherit; border: 1px solid var(--line); border-radius: 6px; background: #fff; }
        textarea { min-height: 5rem; }
        button, .button { display: inline-block; margin-top: 1rem; padding: .55rem 1.1rem; font: inherit; font-weight: 600; color: #fff;
            background: var(--accent); border: 0; border-radius: 6px; text-decoration: none; cursor: pointer; }
        button.link { margin: 0; padding: 0; color: var(--accent); background: none; font-weight: 400; text-decoration: underline; }
        .error { color: var(--bad); font-weight: 600; }
        .notice { padding: .6rem .8rem; border-left: 4px solid var(--bad); background: #fff; }
        ul.list { list-style: none; padding: 0; margin: 0; background: #fff; border: 1px solid var(--line); border-radius: 6px; }
        ul.list li { padding: .7rem .9rem; border-top: 1px solid var(--line); }
        ul.list li:first-child { border-top: 0; }
        dl { display: grid; grid-template-columns: max-content 1fr; gap: .3rem 1rem; background: #fff; padding: .8rem; border: 1px solid var(--line); border-radius: 6px; }
        dt { color: var(--muted); }
        dd { margin: 0; white-space: pre-wrap; }
        .status { font-size: .85rem; padding: .1rem .45rem; border-radius: 4px; background: var(--line); }
        .status.failed { background: #f6d6d8; } .status.analysed { background: #d3efe4; }
        fieldset { border: 1px solid var(--line); border-radius: 6px; background: #fff; }
        main.wide { max-width: 80rem; }
        .actions { line-height: 2; }
        progress { width: 60%; height: 1.1rem; vertical-align: middle; }
        .clip-warnings h2 { margin-top: 0; } .clip-warnings ul { margin: 0; padding-left: 1.2rem; }
        .score strong { font-size: 1.6rem; }
        table.numbers { width: 100%; border-collapse: collapse; background: #fff; border: 1px solid var(--line); font-size: .95rem; }
        table.numbers th, table.numbers td { padding: .4rem .5rem; border-top: 1px solid var(--line); text-align: left; vertical-align: top; }
        table.numbers td.v { font-variant-numeric: tabular-nums; white-space: nowrap; }
        .status.good, .verdict.improved { background: #d3efe4; } .status.fault, .verdict.got_worse { background: #f6d6d8; }
        .status.work_on_it { background: #fbe9c6; } .verdict { font-size: .85rem; padding: .1rem .45rem; border-radius: 4px; background: var(--line); }
        .improved { color: #0b6e4f; font-weight: 600; } .worse { color: var(--bad); font-weight: 600; }
        iframe.report { width: 100%; height: 85vh; border: 1px solid var(--line); border-radius: 6px; background: #fff; }
        .players { display: grid; grid-template-columns: 1fr; gap: .8rem; }
        @media (min-width: 60rem) { .players { grid-template-columns: 1fr 1fr; } }
        .sync button, .pick button { margin-top: .4rem; }
        .pick label { display: inline-block; margin-right: .3rem; } .pick select, .pick input { width: auto; max-width: 100%; }
        svg.chart { width: 100%; height: auto; display: block; }
        section.metric h3 { font-size: 1rem; margin: 1.2rem 0 .3rem; }
        section.week h3 { font-size: 1rem; margin-bottom: .2rem; }
        button.danger { background: var(--bad); }
        @media print {
            header, .no-print, form { display: none; }
            body { background: #fff; } main { max-width: none; padding: 0; }
            section.week { break-inside: avoid; }
        }
        """

    /// A session in progress: follows its server-sent events (the bar, the stage) and reloads the page when
    /// the analysis has ended. Without EventSource, or on a page that only asks for it, reloads every few
    /// seconds instead. The pages work without this script: they show the state as of their loading.
    static let script = """
        "use strict";
        (function () {
          var body = document.body, url = body.getAttribute("data-progress-url");
          var bar = document.getElementById("job-progress"), stage = document.getElementById("job-stage");
          if (url && window.EventSource) {
            var source = new EventSource(url);
            source.addEventListener("progress", function (event) {
              var p;
              try { p = JSON.parse(event.data); } catch (e) { return; }
              if (p.finished) { source.close(); window.location.reload(); return; }
              var percent = typeof p.progress === "number" ? Math.round(p.progress * 100) : null;
              if (bar && percent !== null) { bar.value = p.progress; bar.textContent = percent + " %"; }
              if (stage) {
                stage.textContent = (p.stage || p.status) + (percent !== null ? " · " + percent + " %" : "")
                  + (p.attempts > 1 ? " · attempt " + p.attempts : "");
              }
              body.setAttribute("data-progress", JSON.stringify(p));
            });
            return;
          }
          var seconds = Number(body.getAttribute("data-refresh-seconds"));
          if (seconds > 0) { window.setTimeout(function () { window.location.reload(); }, seconds * 1000); }
        })();
        """

    /// The comparison's two players, kept at the same event: the n-th contact (or toe-off, Pose, Fall,
    /// Pull) of the chosen foot in each clip, through each report's `window.poserunPlayer` (the frames are
    /// this site's, so the page may call into them).
    static let compareScript = """
        "use strict";
        (function () {
          var root = document.getElementById("compare-players");
          if (!root) { return; }
          var frames = [document.getElementById("player-a"), document.getElementById("player-b")];
          var foot = document.getElementById("sync-foot"), kind = document.getElementById("sync-kind");
          var label = document.getElementById("sync-label"), index = 0;
          function api(frame) {
            try {
              var doc = frame.contentDocument, player = doc && doc.getElementById("player");
              if (!player || player.getAttribute("data-state") !== "ready") { return null; }
              return frame.contentWindow.poserunPlayer || null;
            } catch (e) { return null; }
          }
          function kindName() { return kind.options[kind.selectedIndex].text; }
          function go(k) {
            var apis = frames.map(api);
            if (!apis[0] || !apis[1]) { label.textContent = "The players are still loading."; return false; }
            var lists = apis.map(function (a) { return a.marks(foot.value, kind.value); });
            var most = Math.min(lists[0].length, lists[1].length);
            if (most === 0) { label.textContent = "No " + kindName() + " of this foot in both clips."; return true; }
            index = Math.max(0, Math.min(most - 1, k));
            Promise.all(apis.map(function (a, i) { return a.seekFrame(lists[i][index]); })).then(function (states) {
              label.textContent = kindName() + " " + (index + 1) + " of " + most + ": frame " + states[0].frame + " and frame " + states[1].frame;
              root.setAttribute("data-synced", JSON.stringify({ index: index, frames: states.map(function (s) { return s.frame; }) }));
            });
            return true;
          }
          function whenReady(tries) { if (!go(0) && tries > 0) { window.setTimeout(function () { whenReady(tries - 1); }, 250); } }
          document.getElementById("sync-previous").addEventListener("click", function () { go(index - 1); });
          document.getElementById("sync-next").addEventListener("click", function () { go(index + 1); });
          document.getElementById("sync-play").addEventListener("click", function () {
            frames.map(api).forEach(function (a) { if (a) { a.play(0.25); } });
          });
          document.getElementById("sync-pause").addEventListener("click", function () {
            frames.map(api).forEach(function (a) { if (a) { a.pause(); } });
          });
          foot.addEventListener("change", function () { go(0); });
          kind.addEventListener("change", function () { go(0); });
          whenReady(120);
        })();
        """
}
