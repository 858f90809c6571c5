import Foundation
import PoseRunCoaching
import PoseRunCore
import PoseRunReport

/// The pages built on analyses: a session (its progress, the clip's warnings, the numbers, the report and
/// player), an athlete's history, a comparison of two sessions, the plan, and deleting an athlete.
extension Pages {
    // MARK: A session

    static func session(
        _ session: TrainingSession, job: JobRecord?, athlete: Athlete, analysis: Analysis?, hasReport: Bool, results: [String],
        viewer: Viewer
    ) -> HTML {
        let s = session.details
        let inProgress = session.status == .queued || session.status == .analysing
        var parts: [HTML] = []
        if inProgress {
            let value = job?.progress ?? 0
            let stage = job?.stage ?? (session.status == .queued ? "waiting for a worker" : "starting")
            parts.append("""
                <p class="progress"><progress id="job-progress" max="1" value="\(value)">\(Int((value * 100).rounded())) %</progress> \
                <span id="job-stage">\(stage)</span></p>
                """)
        }
        if let note = session.statusNote {
            let lead = session.status == .failed ? "The analysis failed after \(job?.attempts ?? 0) attempts: " : ""
            parts.append("<p class=\"notice\" role=\"alert\">\(lead)\(note)</p>")
        }
        if let analysis {
            // How the clip was recorded comes before any number (`QualityFinding.isAboutTheRecording`).
            let clip = analysis.quality.findings.filter(\.isAboutTheRecording)
            if !clip.isEmpty {
                let items: [HTML] = clip.map { "<li>\(QualityFindingText.sentence($0, in: analysis))</li>" }
                parts.append("<section class=\"notice clip-warnings\" id=\"clip-warnings\"><h2>Check the clip first</h2><ul>\(items)</ul></section>")
            }
            parts.append(numbers(analysis))
            let other = analysis.quality.findings.filter { !$0.isAboutTheRecording }
            if !other.isEmpty {
                let items: [HTML] = other.map { "<li>\(QualityFindingText.sentence($0, in: analysis))</li>" }
                parts.append("<h2>Data quality</h2><ul class=\"findings\">\(items)</ul>")
            }
        }
        if hasReport {
            parts.append("""
                <h2>Report and player</h2>
                <p class="hint">Step frame by frame with ← and →, jump between contacts with Shift. \
                <a href="/sessions/\(session.id)/report/report.html" target="_blank" rel="noopener">Open the report on its own page</a>.</p>
                <iframe class="report" id="report-frame" title="PoseRun report" src="/sessions/\(session.id)/report/report.html"></iframe>
                """)
        }
        let attempts: HTML = job.map { "<dt>Attempts</dt><dd>\($0.attempts)</dd>" } ?? ""
        let files: [HTML] = results.map { "<li><a href=\"/sessions/\(session.id)/results/\($0)\">\($0)</a></li>" }
        if !files.isEmpty { parts.append("<h2>Downloads</h2><ul class=\"list\">\(files)</ul>") }
        return layout(
            title: "\(athlete.name), \(s.date)", viewer: viewer, refreshSeconds: inProgress ? 3 : nil,
            progressURL: inProgress ? "/sessions/\(session.id)/progress" : nil, wide: hasReport, body: """
            <p><a href="/athletes/\(athlete.id)">\(athlete.name)</a></p>
            <h1>Session of \(s.date)</h1>
            <p><span class="status \(session.status.rawValue)">\(session.status.rawValue)</span></p>
            \(parts)
            <h2>Session</h2>
            <dl>
            <dt>File</dt><dd>\(s.originalFileName.isEmpty ? "—" : s.originalFileName)</dd>
            <dt>Treadmill speed</dt><dd>\(s.treadmillSpeed.map { Numbers.text($0) + " m/s" } ?? "—")</dd>
            <dt>Footwear</dt><dd>\(s.footwear.rawValue)</dd>
            <dt>Note</dt><dd>\(s.note.isEmpty ? "—" : s.note)</dd>
            \(attempts)
            </dl>
            """)
    }

    /// The score and each Pose criterion: its measured value, target and verdict, as the report has them.
    static func numbers(_ analysis: Analysis) -> HTML {
        guard analysis.running.isRunning else {
            return "<p class=\"notice\">No running found: \(analysis.running.reason)</p>"
        }
        let score: HTML = analysis.assessment.score.map { "<p class=\"score\"><strong>\(Int($0.rounded()))</strong> out of 100, Pose Method score</p>" } ?? ""
        let rows: [HTML] = analysis.assessment.criteria.map { criterion in
            let value = criterion.measured.map { MetricLabels.format($0, unit: criterion.unit) } ?? "not measurable"
            let basis: HTML = criterion.target.basis == .heuristic ? " <span class=\"hint\">(heuristic)</span>" : ""
            return """
                <tr><td>\(criterion.title)</td><td class="v">\(value)</td><td>\(criterion.target.text)\(basis)</td>\
                <td><span class="status \(criterion.status.rawValue)">\(criterion.status.rawValue.replacingOccurrences(of: "_", with: " "))</span></td></tr>
                """
        }
        return """
            \(score)
            <table class="numbers"><thead><tr><th>Criterion</th><th>Measured</th><th>Pose target</th><th></th></tr></thead><tbody>\(rows)</tbody></table>
            """
    }

    // MARK: History

    static func history(_ athlete: Athlete, history: AthleteHistory, viewer: Viewer) -> HTML {
        var body: [HTML] = []
        if history.sessions.isEmpty {
            body.append("<p>No analysed session with running yet: upload one on the athlete's page.</p>")
        } else {
            body.append(summary(history))
            body.append("""
                <p class="hint">Each point is a session's mean; its bar is ± \(Numbers.text(ChangeRules.standardErrorMultiple)) standard errors. \
                A line is <span class="improved">green</span> when the change is real and toward the Pose target, \
                <span class="worse">red</span> when real and away from it, grey when within noise. Shaded: the Pose target.</p>
                <details><summary>When a change counts as real</summary><p class="hint">\(ChangeRules.description)</p></details>
                """)
            for series in history.series {
                body.append("""
                    <section class="metric"><h3>\(series.metric.definition.name)</h3>\(MetricChart.svg(series, sessions: history.sessions))</section>
                    """)
            }
        }
        return layout(title: "\(athlete.name): history", viewer: viewer, body: """
            <p><a href="/athletes/\(athlete.id)">\(athlete.name)</a></p>
            <h1>History</h1>
            <p class="hint">\(history.sessions.count) analysed session\(history.sessions.count == 1 ? "" : "s") with running.</p>
            \(body)
            """)
    }

    /// What got better and what got worse, first session to latest and last two, in plain words.
    static func summary(_ history: AthleteHistory) -> HTML {
        guard let overall = history.overall, let latest = history.latest else {
            return "<p>One session so far: the history starts with the next one.</p>"
        }
        func line(_ comparison: AnalysisComparison, _ lead: String) -> HTML {
            func names(_ verdict: ChangeVerdict) -> String {
                let list = comparison.metrics(verdict).map(\.label)
                return list.isEmpty ? "nothing" : list.joined(separator: ", ")
            }
            return """
                <li><strong>\(lead)</strong> better: \(names(.improved)); worse: \(names(.gotWorse)); \
                within noise: \(comparison.metrics(.withinNoise).count) metric\(comparison.metrics(.withinNoise).count == 1 ? "" : "s").</li>
                """
        }
        let sameAsOverall = history.sessions.count == 2
        return """
            <ul class="summary">\(line(overall, "Since \(overall.before.label):"))\(sameAsOverall ? "" : line(latest, "Since \(latest.before.label):"))</ul>
            """
    }

    // MARK: Comparing two sessions

    static func compare(
        _ athlete: Athlete, sessions: [TrainingSession], pair: (TrainingSession, TrainingSession)?, comparison: AnalysisComparison?,
        reports: (Bool, Bool), viewer: Viewer
    ) -> HTML {
        func options(_ selected: Int64?) -> [HTML] {
            sessions.map { session in
                let mark: HTML = session.id == selected ? " selected" : ""
                return "<option value=\"\(session.id)\"\(mark)>\(session.details.date) · \(session.details.originalFileName)</option>"
            }
        }
        var body: [HTML] = []
        body.append("""
            <form method="get" action="/athletes/\(athlete.id)/compare" class="pick">
            <label for="a">Before</label><select id="a" name="a">\(options(pair?.0.id))</select>
            <label for="b">After</label><select id="b" name="b">\(options(pair?.1.id))</select>
            <button type="submit">Compare</button>
            </form>
            """)
        if sessions.count < 2 {
            body.append("<p>Two analysed sessions are needed to compare.</p>")
        }
        if let pair, let comparison {
            let warnings: [HTML] = comparison.warnings.map { "<p class=\"notice\">\($0)</p>" }
            let rows: [HTML] = comparison.metrics.filter { $0.before != nil || $0.after != nil }.map { change in
                func value(_ stats: Statistics?) -> String {
                    stats.map { MetricLabels.format(mean: $0.mean, sd: $0.sd, unit: change.unit) } ?? "—"
                }
                let difference = change.difference.map { ($0 >= 0 ? "+" : "") + MetricLabels.format($0, unit: change.unit) } ?? "—"
                return """
                    <tr class="\(change.verdict.rawValue)"><td>\(change.label)</td><td class="v">\(value(change.before))</td><td class="v">\(value(change.after))</td>\
                    <td class="v">\(difference)</td><td><span class="verdict \(change.verdict.rawValue)">\(change.verdict.words)</span>\
                    \(change.note.isEmpty ? HTML("") : " <span class=\"hint\">\(change.note)</span>" as HTML)</td></tr>
                    """
            }
            let score = comparison.score
            let scoreLine: HTML = "<p>Pose Method score: \(score.before.map { String(Int($0.rounded())) } ?? "—") → \(score.after.map { String(Int($0.rounded())) } ?? "—") (\(score.verdict.words)\(score.note.isEmpty ? "" : "; " + score.note))</p>"
            body.append("""
                <h2>\(pair.0.details.date) → \(pair.1.details.date)</h2>
                \(warnings)
                \(scoreLine)
                <p class="hint">Rule: \(comparison.rule)</p>
                <table class="numbers compare"><thead><tr><th>Metric</th><th>Before</th><th>After</th><th>Change</th><th>Verdict</th></tr></thead><tbody>\(rows)</tbody></table>
                """)
            if reports.0 && reports.1 {
                let kinds: [HTML] = [("contact", "contact"), ("toe_off", "toe-off"), ("pose", "Pose"), ("fall", "Fall"), ("pull", "Pull")].map {
                    "<option value=\"\($0.0)\">\($0.1)</option>"
                }
                body.append("""
                    <h2>The two players, at the same event</h2>
                    <div class="sync" id="compare-players">
                    <label for="sync-foot" class="hint">Foot</label><select id="sync-foot"><option value="left">left</option><option value="right">right</option></select>
                    <label for="sync-kind" class="hint">Event</label><select id="sync-kind">\(kinds)</select>
                    <button type="button" id="sync-previous">◀ previous</button> <button type="button" id="sync-next">next ▶</button>
                    <button type="button" id="sync-play">play ¼×</button> <button type="button" id="sync-pause">pause</button>
                    <p id="sync-label" class="hint" aria-live="polite">The players are loading.</p>
                    </div>
                    <div class="players">
                    <iframe class="report" id="player-a" title="Before: \(pair.0.details.date)" src="/sessions/\(pair.0.id)/report/report.html#player"></iframe>
                    <iframe class="report" id="player-b" title="After: \(pair.1.details.date)" src="/sessions/\(pair.1.id)/report/report.html#player"></iframe>
                    </div>
                    """)
            } else {
                body.append("<p class=\"hint\">A session without a report (made before the player, or no video) has no player to show here.</p>")
            }
        }
        return layout(title: "\(athlete.name): compare", viewer: viewer, scripts: comparison == nil ? [] : ["compare.js"], wide: true, body: """
            <p><a href="/athletes/\(athlete.id)">\(athlete.name)</a></p>
            <h1>Compare two sessions</h1>
            \(body)
            """)
    }

    // MARK: The plan

    /// The plan's form values as sent, so the page and its downloads make the same plan.
    struct PlanRequest: Sendable, Equatable {
        var weeks: Int
        var start: CalendarDate

        var query: String { "weeks=\(weeks)&start=\(start.iso)" }
    }

    static func plan(
        _ athlete: Athlete, plan: CoachingPlan?, basedOn session: TrainingSession?, problem: String?, request: PlanRequest, viewer: Viewer
    ) -> HTML {
        var body: [HTML] = []
        body.append("""
            <form method="get" action="/athletes/\(athlete.id)/plan" class="pick no-print">
            <label for="weeks">Weeks</label><input type="number" id="weeks" name="weeks" min="\(PlanError.weekRange.lowerBound)" max="\(PlanError.weekRange.upperBound)" value="\(request.weeks)">
            <label for="start">First day</label><input type="date" id="start" name="start" value="\(request.start.iso)">
            <button type="submit">Make the plan again</button>
            </form>
            """)
        if let problem { body.append("<p class=\"notice\" role=\"alert\">\(problem)</p>") }
        if let plan, let session {
            body.append("""
                <p class="no-print"><a class="button" href="/athletes/\(athlete.id)/plan.ics?\(request.query)">Calendar (.ics)</a> \
                <a class="button" href="/athletes/\(athlete.id)/plan.md?\(request.query)">Markdown</a> \
                <span class="hint">Print this page for a paper copy.</span></p>
                <p class="hint">From the session of <a href="/sessions/\(session.id)">\(session.details.date)</a> and the injury screen \
                (\(athlete.details.injuryScreen.answers.isEmpty ? "not asked" : athlete.details.injuryScreen.answers.joined(separator: "; "))).</p>
                """)
            body.append(planBody(plan))
        }
        return layout(title: "\(athlete.name): plan", viewer: viewer, body: """
            <p class="no-print"><a href="/athletes/\(athlete.id)">\(athlete.name)</a></p>
            <h1>\(plan?.title ?? "Plan")</h1>
            \(body)
            """)
    }

    static func planBody(_ plan: CoachingPlan) -> HTML {
        let warnings: [HTML] = plan.warnings.map { "<p class=\"notice\">\($0)</p>" }
        let focus: [HTML] = plan.focus.map { "<li><strong>\($0.criterionTitle)</strong>: \($0.finding)</li>" }
        let weeks: [HTML] = plan.weeks.map { week in
            let sessions: [HTML] = week.sessions.map { session in
                let items: [HTML] = session.items.map { "<li>\($0.name) <span class=\"hint\">\($0.dose)</span></li>" }
                return "<li><strong>\(session.date.iso)</strong> \(session.kind.title)<ul>\(items)</ul></li>"
            }
            let notes: [HTML] = week.notes.map { "<p class=\"hint\">\($0)</p>" }
            let lighter: HTML = week.isLighter ? " <span class=\"hint\">(lighter week)</span>" : ""
            return "<section class=\"week\"><h3>Week \(week.number), from \(week.startDate.iso)\(lighter)</h3>\(notes)<ul>\(sessions)</ul></section>"
        }
        let retests: [HTML] = plan.retests.map { "<li><strong>Week \($0.week), \($0.date.iso)</strong>: \($0.instructions)</li>" }
        return """
            <p>\(plan.kindReason)</p>
            \(warnings)
            \(focus.isEmpty ? HTML("") : "<h2>What to work on, first things first</h2><ol>\(focus)</ol>" as HTML)
            <h2>Barefoot</h2><p>\(plan.barefoot.reason)</p>
            <h2>Weeks</h2>
            \(weeks)
            \(retests.isEmpty ? HTML("") : "<h2>Film again</h2><ul>\(retests)</ul>" as HTML)
            <p class="hint">\(plan.disclaimer)</p>
            """
    }

    // MARK: Deleting an athlete

    static func deleteAthlete(_ athlete: Athlete, sessions: Int, files: Int, bytes: Int64, viewer: Viewer) -> HTML {
        let size = ByteCountFormatter.string(fromByteCount: bytes, countStyle: .file)
        return layout(title: "Delete \(athlete.name)", viewer: viewer, body: """
            <p><a href="/athletes/\(athlete.id)">\(athlete.name)</a></p>
            <h1>Delete \(athlete.name)?</h1>
            <p class="notice">This deletes \(athlete.name), their \(sessions) session\(sessions == 1 ? "" : "s") and \(files) file\(files == 1 ? "" : "s") \
            (\(size): the uploaded clips and the analysis folders). It cannot be undone. \
            <a href="/athletes/\(athlete.id)/export.zip">Download the analysis folders</a> first if you want to keep them.</p>
            <form method="post" action="/athletes/\(athlete.id)/delete">
            \(CSRF.field(viewer.csrfToken))
            <button type="submit" class="danger">Delete \(athlete.name) and their files</button>
            </form>
            """)
    }
}
