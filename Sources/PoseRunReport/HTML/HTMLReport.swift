public import Foundation
public import PoseRunCore

/// The HTML report a runner or coach opens: one self-contained page (inline CSS and SVG, images as
/// data URIs, no network request) that works on a phone and prints cleanly.
public struct HTMLReport: Sendable {
    /// The report's inline scripts, exactly as the page holds them between `<script>` and `</script>`: a
    /// server that shows the report (`poserun serve`) allows these and no other in its Content-Security-Policy.
    public static var inlineScripts: [String] { [ReportStyle.errorRecorder, PlayerScript.script] }

    public var analysis: Analysis
    /// Curves and key-frame poses; without them the page has no charts or figures and says so.
    public var profiles: GaitCycleProfiles?
    /// Real video frames keyed by frame index (`KeyFrame.frame`); a key frame without one is drawn as a stick figure.
    public var keyFrameImages: [Int: KeyFrameImage]
    /// Why video frames are missing, when the input is a video but its frames could not be re-read.
    public var keyFrameImageProblem: String?
    /// Drills the coaching plan gives, shown beside the faults to work on first.
    public var drills: [DrillSuggestion]
    /// When the report is made (shown at the top); `nil` leaves it out (stable output for tests).
    public var generatedAt: Date?
    /// Whether the page has the frame-by-frame player, whose data (`PlayerData.fileName`) and clip sit
    /// beside it; without, the page says why there is none.
    public var hasPlayer: Bool

    /// How many faults the top of the page names, and drills shown per fault.
    public static let prioritiesShown = 3
    public static let drillsPerFault = 2

    public init(
        analysis: Analysis, profiles: GaitCycleProfiles? = nil, keyFrameImages: [Int: KeyFrameImage] = [:],
        keyFrameImageProblem: String? = nil, drills: [DrillSuggestion] = [], generatedAt: Date? = nil,
        hasPlayer: Bool = false
    ) {
        self.hasPlayer = hasPlayer
        self.analysis = analysis
        self.profiles = profiles ?? analysis.gaitCycleProfiles
        self.keyFrameImages = keyFrameImages
        self.keyFrameImageProblem = keyFrameImageProblem
        self.drills = drills
        self.generatedAt = generatedAt
    }

    /// The id of a key frame's figure, the target of the criteria table's links.
    public static func anchor(_ side: Side, _ kind: KeyFrameKind) -> String { "kf-\(side.rawValue)-\(kind.rawValue)" }

    /// The key frames that show each criterion (none for cadence, a whole-clip number).
    public static func keyFrameKinds(showing criterion: CriterionID) -> [KeyFrameKind] {
        switch criterion {
        case .noHeelStrike, .landingUnderCentreOfMass, .bentKneeAtContact: return [.initialContact]
        case .leanFromAnkles: return [.pose, .fall]
        case .constantBodyAngle: return [.initialContact, .pull]
        case .pullNotPush: return [.fall, .pull]
        case .smallKneeDrive: return [.pull]
        case .shortArmSwing: return [.pose]
        case .cadence: return []
        }
    }

    static func kindTitle(_ kind: KeyFrameKind) -> String {
        switch kind {
        case .initialContact: return "Initial contact"
        case .pose: return "The Pose (mid-stance)"
        case .fall: return "The Fall (toe-off)"
        case .pull: return "The Pull (heel recovery)"
        }
    }

    static func statusText(_ s: CriterionStatus) -> String {
        switch s {
        case .good: return "good"
        case .workOnIt: return "work on it"
        case .fault: return "fault"
        case .notMeasurable: return "not measured"
        }
    }

    /// The whole page.
    public func render() -> String {
        var h = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        h += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        h += "<title>PoseRun report — \(HTMLText.escape(analysis.input.name))</title>\n"
        h += "<script>\(ReportStyle.errorRecorder)</script>\n"
        h += "<style>\(ReportStyle.css)\n\(PlayerScript.css)</style>\n</head>\n<body>\n<main>\n"
        h += header()
        if analysis.running.isRunning {
            h += playerSection()
            h += keyFramesSection()
            h += criteriaSection()
            h += chartsSection()
            h += symmetrySection()
            h += stepsSection()
        } else {
            h += "<div class=\"notice\" id=\"not-running\"><b>No running found.</b> \(HTMLText.escape(analysis.running.reason))</div>"
            // The clip with what the pose model saw still shows why (nobody in view, walking, the camera).
            h += playerSection()
        }
        h += qualitySection()
        h += "<footer>Made by PoseRun. \(HTMLText.escape(analysis.assessment.scoring)) Targets marked <span class=\"basis basis-heuristic\">heuristic</span> have no published number behind them; those marked <span class=\"basis basis-sourced\">sourced</span> cite their study. This report describes running form; it is not medical advice.</footer>\n"
        h += "</main>\n</body>\n</html>\n"
        return h
    }

    // MARK: - Top

    func header() -> String {
        let i = analysis.input
        var h = "<header><div class=\"brand\">PoseRun · Pose Method running report</div>"
        h += "<h1>\(HTMLText.escape(i.name))</h1>"
        var meta = [
            "\(sourceKindText(i.sourceKind))",
            "\(HTMLText.number(i.frameRate)) fps",
            "\(HTMLText.number(i.durationSeconds)) s (\(i.frameCount) frames)",
            HTMLText.escape(i.setting.description),
            "lengths in \(HTMLText.escape(i.lengthUnit.description))",
        ]
        if let generatedAt { meta.insert(Self.dateText(generatedAt), at: 0) }
        h += "<p class=\"meta\" id=\"clip-meta\">\(meta.joined(separator: " · "))</p></header>"
        guard analysis.running.isRunning else { return h }
        h += "<section class=\"hero\">"
        let score = analysis.assessment.score
        let band = score.map { $0 >= 75 ? "good" : $0 >= 50 ? "work" : "fault" } ?? ""
        h += "<div class=\"score \(band)\" id=\"score\"><div class=\"value\">\(score.flatMap { Int(measured: $0) }.map(String.init) ?? "—")</div><div class=\"of\">out of 100</div><div class=\"label\">Pose Method score</div></div>"
        h += "<div><h3 style=\"margin-top:0\">What to work on first</h3>"
        let criteria = analysis.assessment.criteria
        let faults = Array(analysis.assessment.faultsByPriority.prefix(Self.prioritiesShown))
        if faults.isEmpty {
            h += "<p id=\"priorities\">Nothing stands out: every criterion that could be measured is within its target. Keep it that way; re-test in a few weeks.</p>"
        } else {
            h += "<ol class=\"priorities\" id=\"priorities\">"
            for fault in faults {
                guard let c = criteria.first(where: { $0.fault == fault }) else { continue }
                h += "<li><strong>\(HTMLText.escape(c.title))</strong> <span class=\"pill st-\(c.status.rawValue)\">\(Self.statusText(c.status))</span>"
                h += "<div>\(HTMLText.escape(c.finding))</div><div class=\"why\">\(HTMLText.escape(c.whyItMatters))</div>"
                let forFault = drills.filter { $0.fault == fault }.prefix(Self.drillsPerFault)
                if !forFault.isEmpty {
                    h += "<ul class=\"drills\">" + forFault.map { "<li><b>\(HTMLText.escape($0.name))</b> — \(HTMLText.escape($0.dose)). \(HTMLText.escape($0.why))</li>" }.joined() + "</ul>"
                }
                h += "</li>"
            }
            h += "</ol>"
        }
        let pattern = analysis.footStrikePattern.pattern?.rawValue ?? "not measurable"
        h += "<p class=\"small muted\">Foot strike: <b>\(HTMLText.escape(pattern))</b>. \(HTMLText.escape(analysis.footStrikePattern.note))</p>"
        h += "</div></section>"
        return h
    }

    func sourceKindText(_ k: SourceKind) -> String {
        switch k {
        case .motionCapture: return "motion capture"
        case .video: return "video"
        case .synthetic: return "synthetic runner"
        }
    }

    static func dateText(_ d: Date) -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_GB")
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = "d MMM yyyy, HH:mm 'UTC'"
        return f.string(from: d)
    }

    // MARK: - Key frames

    func keyFramesSection() -> String {
        var h = "<section id=\"key-frames\"><h2>Key moments of a stride</h2>"
        guard let profiles, !profiles.keyFrames.isEmpty else {
            return h + "<p class=\"muted\">No key frames: this analysis has no gait-cycle profiles (re-run <code>poserun analyze</code> with this version to add them).</p></section>"
        }
        let isVideo = analysis.input.sourceKind == .video
        let drawnOnVideo = profiles.keyFrames.contains { keyFrameImages[$0.frame] != nil }
        if isVideo && !drawnOnVideo {
            let why = keyFrameImageProblem.map { "the video's frames could not be re-read: " + HTMLText.escape($0) }
                ?? "this page was drawn from analysis.json without the video (<code>poserun analyze VIDEO --out DIR</code> draws the key frames on the video itself)."
            h += "<p class=\"notice\" id=\"stick-figure-fallback\">Drawn as stick figures: \(why)</p>"
        } else if !isVideo {
            h += "<p class=\"muted small\">Drawn as stick figures from the \(sourceKindText(analysis.input.sourceKind)) keypoints (no video frames for this input), facing the direction of travel.</p>"
        }
        h += "<p class=\"small muted\">Green: measured lines with a dashed vertical for reference; orange dashed: the line from the support point (ball of the foot) to the centre of mass (○).</p>"
        for side in Side.allCases {
            let frames = KeyFrameKind.allCases.compactMap { profiles.keyFrame(side, $0) }
            guard !frames.isEmpty else { continue }
            let reference = profiles.keyFrames.map(KeyFrameFigure.bodyHeight).max() ?? 0
            h += "<h3 class=\"side-\(side.rawValue)\">\(side == .left ? "Left" : "Right") foot</h3><div class=\"frames\">"
            for kf in frames {
                let id = Self.anchor(side, kf.kind)
                let figure = KeyFrameFigure(keyFrame: kf, image: keyFrameImages[kf.frame], directionOfTravel: profiles.directionOfTravel, scaleReference: reference)
                h += "<figure id=\"\(id)\" data-time=\"\(kf.time)\" data-frame=\"\(kf.frame)\">"
                h += figure.render(id: id + "-svg")
                h += "<figcaption><b>\(Self.kindTitle(kf.kind))</b><span class=\"muted\">\(HTMLText.fixed(kf.time, digits: 3)) s · frame \(kf.frame)</span><ul>"
                for angle in KeyFrameFigure.angles(for: kf.kind) {
                    guard let v = kf.angle(angle) else { continue }
                    let target = figureTarget(angle, kf.kind)
                    let name = angle == .fallingAngle && kf.kind == .initialContact ? "Support point → centre of mass" : Self.angleName(angle)
                    h += "<li>\(name) <b>\(HTMLText.degrees(v))°</b>\(target.map { " <span class=\"muted\">· \(HTMLText.escape($0))</span>" } ?? "")</li>"
                }
                h += "</ul></figcaption></figure>"
            }
            h += "</div>"
        }
        return h + "</section>"
    }

    static func angleName(_ a: KeyFrameAngle) -> String {
        switch a {
        case .trunkLean: return "Trunk lean"
        case .kneeFlexion: return "Knee flexion"
        case .shankAngle: return "Shank vs vertical"
        case .footAngle: return "Foot vs ground"
        case .fallingAngle: return "Falling angle"
        case .thighAngle: return "Thigh vs vertical"
        }
    }

    /// Heuristic targets for the figures where no criterion carries one (domain brief §1 and §3).
    static let fallingAngleTarget = "Pose: ≤ 22.5° (coaching material, heuristic)"
    static let landingLineNote = "negative: the foot lands ahead of the centre of mass; Pose: land under it"
    static let shankTarget = "goal: near vertical (Souza 2016, no number)"
    static let swingKneeReference = "typical peak 86–92° (Fukuchi, 2.5 m/s)"

    /// The Pose target shown beside an angle on a key frame.
    func figureTarget(_ angle: KeyFrameAngle, _ kind: KeyFrameKind) -> String? {
        func target(_ metric: Metric) -> String? {
            analysis.assessment.criteria.first { $0.metric == metric }.map { "target " + $0.target.text }
        }
        switch (angle, kind) {
        case (.trunkLean, _): return target(Metric.trunkLean)
        case (.kneeFlexion, .initialContact): return target(Metric.kneeFlexionAtContact)
        case (.kneeFlexion, .pull): return Self.swingKneeReference
        case (.footAngle, .initialContact): return (target(Metric.footStrikeAngle) ?? "") + " (raw, before the standing offset)"
        case (.shankAngle, _): return Self.shankTarget
        case (.fallingAngle, .initialContact): return Self.landingLineNote
        case (.fallingAngle, _): return Self.fallingAngleTarget
        case (.thighAngle, .fall): return target(Metric.hipExtensionAtToeOff)
        case (.thighAngle, .pull): return target(Metric.kneeDrive)
        default: return nil
        }
    }

    /// The target shown beside each angle in the player: the one its key frame shows where the angle is
    /// judged (knee, shank and foot at contact, the falling angle at the Pose).
    public func playerTargets() -> [KeyFrameAngle: String] {
        var t: [KeyFrameAngle: String] = [:]
        let kinds: [KeyFrameAngle: KeyFrameKind] = [
            .trunkLean: .pose, .kneeFlexion: .initialContact, .shankAngle: .initialContact,
            .footAngle: .initialContact, .fallingAngle: .pose,
        ]
        for (angle, kind) in kinds {
            guard let text = figureTarget(angle, kind) else { continue }
            t[angle] = kind == .initialContact ? "at contact: " + text : text
        }
        return t
    }

    /// The player: the clip (or a stick figure) with the skeleton, the ground line and the angles drawn live.
    func playerSection() -> String {
        var h = "<section id=\"player-section\"><h2>Frame by frame</h2>"
        guard hasPlayer else {
            return h + "<p class=\"muted\" id=\"player-missing\">No player: this page was drawn without its player data (<code>\(PlayerData.fileName)</code>). <code>poserun analyze INPUT --out DIR</code> writes it beside the report.</p></section>"
        }
        h += PlayerScript.markup
        h += "<script src=\"\(PlayerData.fileName)\"></script><script>\(PlayerScript.script)</script>"
        return h + "</section>"
    }

    // MARK: - Criteria

    func criteriaSection() -> String {
        var h = "<section id=\"criteria\"><h2>The Pose Method, point by point</h2><div class=\"table-wrap\"><table id=\"criteria-table\"><thead><tr><th>Criterion</th><th class=\"num\">Measured</th><th>Target</th><th>Status</th><th>Why it matters</th><th>See</th></tr></thead><tbody>"
        for c in analysis.assessment.criteria {
            h += "<tr class=\"row-\(c.status.rawValue)\" id=\"criterion-\(HTMLText.anchor(c.id.rawValue))\" data-criterion=\"\(c.id.rawValue)\">"
            h += "<td><b>\(HTMLText.escape(c.title))</b><div class=\"small muted\">\(HTMLText.escape(c.finding))</div></td>"
            h += "<td class=\"num\">\(HTMLText.escape(HTMLText.value(c.measured, unit: c.unit)))</td>"
            h += "<td>\(HTMLText.escape(c.target.text)) <span class=\"basis basis-\(c.target.basis.rawValue)\" title=\"\(HTMLText.escape(c.target.source))\">\(c.target.basis.rawValue)</span><div class=\"small muted\">\(HTMLText.escape(c.target.source))</div></td>"
            h += "<td><span class=\"pill st-\(c.status.rawValue)\">\(Self.statusText(c.status))</span></td>"
            h += "<td class=\"why\">\(HTMLText.escape(c.whyItMatters))</td>"
            var links: [String] = []
            if let profiles {
                for kind in Self.keyFrameKinds(showing: c.id) {
                    for side in Side.allCases where profiles.keyFrame(side, kind) != nil {
                        let frame = profiles.keyFrame(side, kind).map { " data-frame=\"\($0.frame)\"" } ?? ""
                        links.append("<a href=\"#\(Self.anchor(side, kind))\"\(frame)>\(side == .left ? "L" : "R") \(Self.shortKind(kind))</a>")
                    }
                }
            }
            h += "<td class=\"small\">\(links.isEmpty ? "—" : links.joined(separator: "<br>"))</td></tr>"
        }
        return h + "</tbody></table></div></section>"
    }

    static func shortKind(_ k: KeyFrameKind) -> String {
        switch k {
        case .initialContact: return "contact"
        case .pose: return "Pose"
        case .fall: return "Fall"
        case .pull: return "Pull"
        }
    }

    // MARK: - Charts

    func chartsSection() -> String {
        var h = "<section id=\"charts\"><h2>Over the gait cycle</h2>"
        guard let profiles, profiles.left != nil || profiles.right != nil else {
            return h + "<p class=\"muted\">No gait-cycle curves in this analysis.</p></section>"
        }
        let cycles = Side.allCases.compactMap { s in profiles.profile(s).map { "\(s.rawValue) \($0.cycles)" } }.joined(separator: ", ")
        h += "<p class=\"small muted\">Mean of every complete stride (\(HTMLText.escape(cycles)) cycles), with ± 1 SD shaded. Dotted verticals: toe-off. Green bands: published reference ranges.</p>"
        h += "<p class=\"legend\"><span><i style=\"background:\(CycleChart.colour(.left))\"></i>left</span><span><i style=\"background:\(CycleChart.colour(.right))\"></i>right</span></p>"
        h += "<div class=\"charts\">"
        let toeOffs = Dictionary(uniqueKeysWithValues: Side.allCases.compactMap { s in profiles.profile(s)?.toeOffPercent.map { (s, $0) } })
        func series(_ kind: ProfileCurve, sides: [Side] = Side.allCases, label: String = "", dashed: Bool = false) -> [CycleChart.Series] {
            sides.compactMap { s in
                profiles.profile(s)?.curve(kind).map { CycleChart.Series(label: "\(s.rawValue) \(label)", side: s, curve: $0, dashed: dashed) }
            }
        }
        let charts: [(String, String, String, CycleChart)] = [
            ("chart-knee", "Knee flexion", "Bent at contact, about 45° at mid-stance, folded high in swing (the Pull).",
             CycleChart(title: "Knee flexion", unit: "degrees", series: series(.kneeFlexion, label: "knee"),
                        bands: NormativeBand.bands(for: .kneeFlexion), toeOffPercent: toeOffs)),
            ("chart-hip", "Thigh angle (hip)", "Thigh vs vertical: forward is positive (knee drive), behind is negative (push-off).",
             CycleChart(title: "Thigh angle", unit: "degrees", series: series(.thighAngle, label: "thigh"), bands: [], toeOffPercent: toeOffs)),
            ("chart-trunk", "Trunk lean", "Is the body angle constant? A flat line is what the Pose Method asks for.",
             CycleChart(title: "Trunk lean", unit: "degrees", series: series(.trunkLean, sides: [.right], label: "trunk (right cycle)"),
                        bands: NormativeBand.bands(for: .trunkLean), toeOffPercent: toeOffs)),
            ("chart-feet", "Foot heights", "Heel (solid) and toe (dashed) above the ground; the bars along the bottom mark when each foot is on the ground (from contact to toe-off of its own cycle).",
             CycleChart(title: "Foot heights", unit: "leg lengths",
                        series: series(.heelHeight, label: "heel") + series(.toeHeight, label: "toe", dashed: true),
                        bands: [], toeOffPercent: toeOffs, shadeStance: true)),
            ("chart-com", "Centre-of-mass height", "Vertical oscillation: the Pose runner bounces less.",
             CycleChart(title: "Centre-of-mass height", unit: "leg lengths", series: series(.centreOfMassHeight, label: "centre of mass"), bands: [], toeOffPercent: toeOffs)),
        ]
        for (id, title, note, chart) in charts where !chart.series.isEmpty {
            h += "<div class=\"chart-box\"><h3>\(HTMLText.escape(title))</h3><p class=\"small muted\">\(HTMLText.escape(note))</p>\(chart.render(id: id))</div>"
        }
        h += "</div>"
        let sources = NormativeBand.all.map { "\(HTMLText.escape($0.label)): \(HTMLText.escape($0.source))" }.joined(separator: "; ")
        h += "<p class=\"small muted\">Reference bands — \(sources).</p>"
        return h + "</section>"
    }

    // MARK: - Symmetry and steps

    /// Metrics in the step table, in reading order (those the analysis has).
    var tableMetrics: [Metric] {
        Metric.allCases.filter { $0.definition.display.contains(.stepTable) && analysis.summary[$0] != nil }
    }

    func symmetrySection() -> String {
        var h = "<section id=\"symmetry\"><h2>Left and right</h2><div class=\"table-wrap\"><table id=\"symmetry-table\"><thead><tr><th>Metric</th><th class=\"num\">Left</th><th class=\"num\">Right</th><th class=\"num\">Both (mean ± SD)</th><th class=\"num\">Asymmetry</th><th>Quality</th></tr></thead><tbody>"
        let keys = Metric.allCases.filter { $0.definition.display.contains(.symmetryTable) }
        for key in keys {
            guard let entry = analysis.summary[key] else { continue }
            switch entry {
            case .measured(let m):
                let asym = m.asymmetryPercent.map { HTMLText.number($0) + " %" } ?? "—"
                let notes = m.notes.isEmpty ? "" : " — " + m.notes.joined(separator: "; ")
                h += "<tr><td>\(HTMLText.escape(key.definition.name)) <span class=\"small muted\">\(HTMLText.escape(m.unit.rawValue))</span></td>"
                h += "<td class=\"num\">\(HTMLText.number(m.left))</td><td class=\"num\">\(HTMLText.number(m.right))</td>"
                h += "<td class=\"num\">\(HTMLText.number(m.mean)) ± \(HTMLText.number(m.sd))</td><td class=\"num\">\(asym)</td>"
                h += "<td class=\"small\">\(m.quality.rawValue)\(HTMLText.escape(notes))</td></tr>"
            case .notMeasurable(let reason):
                h += "<tr><td>\(HTMLText.escape(key.definition.name))</td><td colspan=\"5\" class=\"small muted\">not measurable: \(HTMLText.escape(reason))</td></tr>"
            }
        }
        return h + "</tbody></table></div><p class=\"small muted\">Asymmetry: |L − R| / mean(|L|, |R|) × 100.</p></section>"
    }

    func stepsSection() -> String {
        let keys = tableMetrics.filter { key in analysis.steps.contains { $0.metrics[key] != nil } }
        var h = "<section id=\"steps\"><h2>Step by step</h2><div class=\"table-wrap\"><table id=\"steps-table\"><thead><tr><th>#</th><th>Side</th><th class=\"num\">Contact at</th>"
        h += keys.map { "<th class=\"num\">\(HTMLText.escape($0.definition.name))</th>" }.joined() + "</tr></thead><tbody>"
        for (n, step) in analysis.steps.enumerated() {
            h += "<tr><td class=\"num\">\(n + 1)</td><td class=\"side-\(step.side.rawValue)\">\(step.side.rawValue)</td><td class=\"num\">\(HTMLText.fixed(step.initialContactTime, digits: 3)) s</td>"
            h += keys.map { "<td class=\"num\">\(HTMLText.number(step.metrics[$0]))</td>" }.joined() + "</tr>"
        }
        return h + "</tbody></table></div></section>"
    }

    // MARK: - Data quality

    func qualitySection() -> String {
        let q = analysis.quality
        let i = analysis.input
        let confidentPct = q.frames > 0 ? Double(q.framesWithConfidentPose) / Double(q.frames) * 100 : 0
        var h = "<section id=\"data-quality\"><h2>How good the data was</h2><div class=\"grid2\"><div class=\"panel\"><dl class=\"kv\">"
        let facts = QualityWording.lines(q, input: i)
        if facts.isEmpty {
            h += "<dt>Frames with a confident pose</dt><dd>\(q.framesWithConfidentPose) of \(q.frames) (\(HTMLText.number(confidentPct)) %)</dd>"
        }
        for fact in facts {
            h += "<dt>\(HTMLText.escape(fact.label))</dt><dd>\(HTMLText.escape(fact.value))"
                + (fact.touches.map { "<br><span class=\"small\">\(HTMLText.escape($0))</span>" } ?? "") + "</dd>"
        }
        h += "<dt>Samples interpolated</dt><dd>\(q.interpolatedSamples)</dd>"
        h += "<dt>Left/right swaps corrected</dt><dd>\(q.swapsCorrected) frames</dd>"
        h += "<dt>Low-pass filter</dt><dd>\(HTMLText.number(q.filterCutoffHz)) Hz</dd>"
        h += "<dt>Frame rate</dt><dd>\(HTMLText.number(i.frameRate)) fps — one frame is \(HTMLText.number(i.frameRate > 0 ? 1000 / i.frameRate : .nan)) ms</dd>"
        h += "<dt>Centre of mass</dt><dd>\(HTMLText.escape(i.centreOfMassMethod.description))</dd>"
        if !q.missingLandmarks.isEmpty {
            h += "<dt>Landmarks not in the input</dt><dd>\(HTMLText.escape(q.missingLandmarks.map(\.rawValue).joined(separator: ", ")))</dd>"
        }
        h += "</dl></div><div class=\"panel\"><p><b>What the frame rate means.</b> \(HTMLText.escape(Self.frameRateConsequence(q.distinctFramesPerSecond ?? i.frameRate)))</p>"
        h += "<p class=\"small\">\(HTMLText.escape(analysis.running.reason))</p>"
        let warnings = QualityFindingText.sentences(for: analysis)
        if !warnings.isEmpty {
            h += "<ul class=\"warnings\" id=\"warnings\">" + warnings.map { "<li>\(HTMLText.escape($0))</li>" }.joined() + "</ul>"
        } else {
            h += "<p class=\"small muted\">No warnings.</p>"
        }
        return h + "</div></div></section>"
    }

    /// Frame rates at which contact timing is good, usable and coarse (domain brief §4: event methods are
    /// validated to about one frame at 60 fps, 16.7 ms). The cut-offs are heuristic.
    static let fineTimingFramesPerSecond = 100.0
    static let usableTimingFramesPerSecond = 50.0

    static func frameRateConsequence(_ fps: Double) -> String {
        guard fps > 0, fps.isFinite else { return "The frame rate is unknown, so times are uncertain." }
        let ms = HTMLText.number(1000 / fps)
        if fps >= fineTimingFramesPerSecond {
            return "At \(HTMLText.number(fps)) fps a frame lasts \(ms) ms: contact and flight times are fine to within about a frame."
        }
        if fps >= usableTimingFramesPerSecond {
            return "At \(HTMLText.number(fps)) fps a frame lasts \(ms) ms: contact times (typically 160–300 ms) carry about ± \(ms) ms of timing error; averages over many steps are steadier than any one step."
        }
        return "At \(HTMLText.number(fps)) fps a frame lasts \(ms) ms, a large share of a 200 ms contact: contact and flight times are coarse. Film at 60 fps or more (120 or 240 fps slow motion is better)."
    }
}
