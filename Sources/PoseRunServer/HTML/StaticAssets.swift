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
        """

    /// Reloads a page that shows work in progress (a queued or running analysis) every few seconds, until
    /// the page no longer asks for it.
    static let script = """
        "use strict";
        (function () {
          var seconds = Number(document.body.getAttribute("data-refresh-seconds"));
          if (seconds > 0) { window.setTimeout(function () { window.location.reload(); }, seconds * 1000); }
        })();
        """
}
