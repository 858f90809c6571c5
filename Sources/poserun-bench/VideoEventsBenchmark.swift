import Foundation
import PoseRunCore
import PoseRunFormats

/// Gait events on real clips against eye labels (`Tests/Fixtures/video-labels`), per clip and pooled:
/// recall, precision, median frame error, cadence from labels and from the analysis, the step-time spread of
/// the labels (less their rounding to whole frames, `VideoEventLabels.stepTimeSpread`) and of the analysis,
/// the verdicts.
///
///   video-events [--keypoints DIR] [--keep DIR] [--mirrored-reading never|where-legs-jump|always] [--verbose] [NAME…]
///
/// Each clip goes through the default command a user runs (`poserun analyze CLIP --out …`);
/// `--keypoints DIR` re-analyses `DIR/NAME/keypoints.json` instead (no model: for developing the
/// analysis), `--keep DIR` keeps each clip's output folder as `DIR/NAME` (whose keypoints a later
/// `--keypoints DIR` run reads). NAMEs limit the run to those clips.
enum VideoEventsBenchmark {
    static let toleranceFrames = VideoEventLabels.matchingToleranceFrames

    static var repositoryRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }
    static var labelsFolder: URL { repositoryRoot.appendingPathComponent("Tests/Fixtures/video-labels") }
    static var sharedData: URL { repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared/data") }

    static var poserunBinary: URL {
        URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent().appendingPathComponent("poserun")
    }

    struct Row {
        var name: String
        var labels: VideoEventLabels
        var agreement: VideoEventLabels.Agreement?
        /// The same within 100 ms of running (`VideoEventLabels.realTimeMatchingToleranceFrames`).
        var realTimeAgreement: VideoEventLabels.Agreement?
        /// The same as `agreement` with every event on one foot: a contact found on the wrong foot still counts (at a
        /// sprint's 6-frame steps it can also take the other foot's contact, so this bounds the side errors).
        var agreementIgnoringSides: VideoEventLabels.Agreement?
        var analysis: Analysis?
        var status: Int32
        var message: String
    }

    static func run(_ arguments: [String]) throws {
        let keypoints = value("--keypoints", in: arguments).map { URL(fileURLWithPath: $0) }
        let keep = value("--keep", in: arguments).map { URL(fileURLWithPath: $0) }
        let mirrored = value("--mirrored-reading", in: arguments)
        var only: Set<String> = []
        var verbose = false
        var skip = false
        for a in arguments {
            if skip { skip = false; continue }
            if a == "--keypoints" || a == "--keep" || a == "--mirrored-reading" { skip = true; continue }
            if a == "--verbose" { verbose = true; continue }
            only.insert(a)
        }
        print("== Gait events on real clips against eye labels (tolerance \(Int(toleranceFrames)) frames)")
        guard FileManager.default.fileExists(atPath: sharedData.appendingPathComponent("video-dev").path) else {
            print("skipped: \(sharedData.path)/video-dev is absent (needs ../shared/data)")
            return
        }
        let files = try FileManager.default.contentsOfDirectory(at: labelsFolder, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "labels" }.sorted { $0.lastPathComponent < $1.lastPathComponent }
        var rows: [Row] = []
        for file in files {
            let name = file.deletingPathExtension().lastPathComponent
            if !only.isEmpty && !only.contains(name) { continue }
            let labels = try VideoEventLabels.read(contentsOf: file)
            rows.append(try evaluate(name: name, labels: labels, keypoints: keypoints, keep: keep, mirrored: mirrored))
        }
        printTable(rows)
        if verbose {
            for row in rows {
                guard let a = row.agreement else { continue }
                let describe: (GaitEvent) -> String = { "\($0.side == .left ? "L" : "R")\($0.kind == .initialContact ? "IC" : "TO")@\($0.frame)" }
                print("\(row.name)\(a.sidesExchanged ? " (sides exchanged)" : ""): missed \(a.matching.missed.map(describe).joined(separator: " ")); "
                    + "extra \(a.matching.extra.map(describe).joined(separator: " "))")
                for (title, other) in [("within 100 ms of running", row.realTimeAgreement), ("sides ignored", row.agreementIgnoringSides)] {
                    if let other { print("  \(title): recall \(percent(other.recall)), precision \(percent(other.precision))") }
                }
                let interval = 1 / row.labels.containerFramesPerSecond
                for kind in GaitEventKind.allCases {
                    let errors = a.matching.pairs(of: kind).map { String(format: "%+.1f", $0.errorSeconds / interval) }
                    print("  \(kind == .initialContact ? "IC" : "TO") errors (frames): \(errors.joined(separator: " "))")
                }
            }
        }
    }

    /// `label-agreement`: each clip's labels against a second labeller's (`video-labels/second-labeller/NAME.second.labels`,
    /// made blind to PoseRun and to the first labels), matched as detected events are: what two people agree on bounds
    /// what a detector can be held to.
    static func labelAgreement() throws {
        let folder = labelsFolder.appendingPathComponent("second-labeller")
        print("== Eye labels against a second labeller's (tolerance \(Int(toleranceFrames)) frames; second − first)")
        let files = ((try? FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)) ?? [])
            .filter { $0.lastPathComponent.hasSuffix(".second.labels") }.sorted { $0.lastPathComponent < $1.lastPathComponent }
        print(pad("clip", 34) + pad("events 1st/2nd", 15) + pad("agree", 7) + pad("of 2nd", 7) + pad("med|diff|", 10)
            + pad("IC mean", 8) + pad("TO mean", 8) + pad("100 ms real", 12) + pad("same steps 1st/2nd", 19) + "sides")
        for file in files {
            let name = String(file.lastPathComponent.dropLast(".second.labels".count))
            let first = try VideoEventLabels.read(contentsOf: labelsFolder.appendingPathComponent(name + ".labels"))
            let second = try VideoEventLabels.read(contentsOf: file)
            guard let a = first.agreement(withSecondLabels: second),
                  let realTime = first.agreement(withSecondLabels: second, toleranceFrames: first.realTimeMatchingToleranceFrames) else {
                print(pad(name, 34) + "the second labels describe another clip, frame count or frame rate")
                continue
            }
            let interval = 1 / first.containerFramesPerSecond
            func meanError(_ kind: GaitEventKind) -> String {
                let e = a.matching.pairs(of: kind).map { $0.errorSeconds / interval }
                return e.isEmpty ? "—" : String(format: "%+.2f", e.reduce(0, +) / Double(e.count))
            }
            print(pad(name, 34) + pad("\(a.labelled)/\(a.detected)", 15) + pad(percent(a.recall), 7) + pad(percent(a.precision), 7)
                + pad(a.medianAbsoluteFrameError.map { String(format: "%.2f", $0) } ?? "—", 10)
                + pad(meanError(.initialContact), 8) + pad(meanError(.toeOff), 8)
                + pad("\(percent(realTime.recall))/\(percent(realTime.precision))", 12)
                + pad(a.cadenceOverStepsFoundAtBothEnds.map { String(format: "%.1f/%.1f", $0.reference, $0.detected) } ?? "—", 19)
                + (a.sidesExchanged ? "near and far exchanged" : "as the first"))
        }
        if files.isEmpty { print("no second labels in \(folder.path)") }
    }

    static func evaluate(name: String, labels: VideoEventLabels, keypoints: URL?, keep: URL?, mirrored: String? = nil) throws -> Row {
        let fm = FileManager.default
        let out = keep?.appendingPathComponent(name) ?? fm.temporaryDirectory.appendingPathComponent("poserun-bench-\(name)-\(getpid())")
        try? fm.removeItem(at: out)
        defer { if keep == nil { try? fm.removeItem(at: out) } }
        let cached = keypoints?.appendingPathComponent(name).appendingPathComponent("keypoints.json")
        let input = cached.flatMap { fm.fileExists(atPath: $0.path) ? $0 : nil } ?? sharedData.appendingPathComponent(labels.clip)
        let process = Process()
        process.executableURL = poserunBinary
        process.arguments = ["analyze", input.path, "--out", out.path, "--quiet"]
            + (keypoints == nil ? mirrored.map { ["--mirrored-reading", $0] } ?? [] : [])
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let said = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        let status = process.terminationStatus
        guard let analysis = try? AnalysisWriter.readAnalysis(from: out.appendingPathComponent("analysis.json")) else {
            return Row(name: name, labels: labels, status: status, message: said.trimmingCharacters(in: .whitespacesAndNewlines))
        }
        let seq = try? InputLoader.load(path: out.appendingPathComponent("keypoints.json").path).sequence
        let times = seq?.times ?? (0..<labels.frames).map { Double($0) / labels.containerFramesPerSecond }
        let frames = seq?.frameNumbers ?? Array(0..<labels.frames)
        let agreement = labels.agreement(with: analysis.events, times: times, frameNumbers: frames, toleranceFrames: toleranceFrames)
        let realTime = labels.agreement(
            with: analysis.events, times: times, frameNumbers: frames, toleranceFrames: labels.realTimeMatchingToleranceFrames)
        let ignoringSides = labelsOnTheLeftFoot(labels).agreement(
            with: analysis.events.map { var e = $0; e.side = .left; return e }, times: times, frameNumbers: frames, toleranceFrames: toleranceFrames)
        return Row(
            name: name, labels: labels, agreement: agreement, realTimeAgreement: realTime, agreementIgnoringSides: ignoringSides,
            analysis: analysis, status: status, message: "")
    }

    /// The labels with every event on the left foot, where the detected events are put for the comparison.
    static func labelsOnTheLeftFoot(_ labels: VideoEventLabels) -> VideoEventLabels {
        var one = labels
        let leftFoot: VideoEventLabels.Foot = labels.side(of: .near) == .left ? .near : .far
        one.events = labels.events.map { var e = $0; e.foot = leftFoot; return e }
        return one
    }

    static func printTable(_ rows: [Row]) {
        print(pad("clip", 34) + pad("labels IC/TO", 13) + pad("recall", 8) + pad("precis.", 8) + pad("med|err|", 9)
            + pad("cad. labels", 12) + pad("cad. found", 11) + pad("same steps lab./found", 22) + pad("rhythm", 8) + pad("step SD lab./found", 19) + pad("fps lab./found", 15) + pad("slow lab./found", 16) + pad("overstride", 11) + pad("strike lab./found", 19) + "outcome")
        for row in rows {
            let ic = row.labels.events.filter { $0.kind == .initialContact }.count
            let to = row.labels.events.count - ic
            let a = row.agreement
            let labelCadence = row.labels.stepsPerMinute
            let overstride = row.analysis?.summary[Metric.overstride]?.measured.map { String(format: "%+.2f", $0.mean) } ?? "—"
            let outcome = row.analysis.map { $0.running.isRunning ? "running" : "not running" } ?? "exit \(row.status)"
            print(pad(row.name, 34) + pad("\(ic)/\(to)", 13) + pad(percent(a?.recall), 8) + pad(percent(a?.precision), 8)
                + pad(a?.medianAbsoluteFrameError.map { String(format: "%.2f", $0) } ?? "—", 9)
                + pad(labelCadence.map { String(format: "%.1f", $0) } ?? "—", 12)
                + pad(cadence(row.analysis).map { String(format: "%.1f", $0) } ?? "—", 11)
                + pad(row.agreement?.cadenceOverStepsFoundAtBothEnds.map { String(format: "%.1f/%.1f", $0.reference, $0.detected) } ?? "—", 22)
                + pad(row.analysis?.quality.cadenceCheck.map { String(format: "%.1f", $0.rhythmStepsPerMinute) } ?? "—", 8)
                + pad((row.labels.stepTimeSpread.map { String(format: "%.1f", $0.lessRounding * 100) } ?? "—") + "/"
                    + (stepTimeSpread(row.analysis).map { String(format: "%.1f %%", $0 * 100) } ?? "—"), 19)
                + pad((row.labels.distinctFramesPerSecond.map { String(format: "%.1f", $0) } ?? "?") + "/"
                    + (row.analysis.map { String(format: "%.1f", $0.quality.distinctFramesPerSecond ?? $0.input.frameRate) } ?? "—"), 15)
                + pad((row.labels.slowMotionFactor.map { String(format: "×%.1f", $0) } ?? "?") + "/"
                    + (row.analysis.map { $0.input.slowMotion.map { String(format: "×%.1f", $0.factor) } ?? "no" } ?? "—"), 16)
                + pad(overstride, 11)
                + pad((row.labels.footStrike ?? "?") + "/" + (row.analysis?.footStrikePattern.pattern?.rawValue ?? "—"), 19) + outcome + (row.message.isEmpty ? "" : " (\(row.message.prefix(80)))"))
        }
        let (labelled, found, detected, correct) = pooled(rows, \.agreement)
        let sortedErrors = rows.flatMap { $0.agreement?.frameErrors ?? [] }.map { abs($0) }.sorted()
        let median = sortedErrors.isEmpty ? nil : sortedErrors[sortedErrors.count / 2]
        print("pooled: recall \(percent(labelled > 0 ? Double(found) / Double(labelled) : nil)) (\(found)/\(labelled)), "
            + "precision \(percent(detected > 0 ? Double(correct) / Double(detected) : nil)) (\(correct)/\(detected)), "
            + "median |error| \(median.map { String(format: "%.2f", $0) } ?? "—") frames")
        for (title, figure) in [
            ("within 100 ms of running (3 frames × the labels' slow-motion factor)", \Row.realTimeAgreement),
            ("with each event's side ignored", \Row.agreementIgnoringSides),
        ] {
            let (l, f, d, c) = pooled(rows, figure)
            print("pooled \(title): recall \(percent(l > 0 ? Double(f) / Double(l) : nil)) (\(f)/\(l)), "
                + "precision \(percent(d > 0 ? Double(c) / Double(d) : nil)) (\(c)/\(d))")
        }
        printOverstrideROC(rows)
    }

    /// Labelled, found, detected and correct events summed over the clips, by one of a row's agreements. A running
    /// clip without an analysis adds its visible labels as missed.
    static func pooled(_ rows: [Row], _ figure: KeyPath<Row, VideoEventLabels.Agreement?>) -> (Int, Int, Int, Int) {
        var labelled = 0, found = 0, detected = 0, correct = 0
        for row in rows {
            if let a = row[keyPath: figure] {
                labelled += a.labelled; found += a.found; detected += a.detected; correct += a.correct
            } else if row.labels.isRunning {
                labelled += row.labels.events.filter { row.labels.isVisible(frame: $0.frame) }.count
            }
        }
        return (labelled, found, detected, correct)
    }

    /// The area under the ROC curve of the overstride measure for the clips a person labelled "overstride"
    /// against those labelled "good": the chance that an overstrider reads higher than a good runner.
    static func printOverstrideROC(_ rows: [Row]) {
        let over = rows.filter { $0.labels.clip.contains("labelled/overstride/") }
        let good = rows.filter { $0.labels.clip.contains("labelled/good/") }
        guard !over.isEmpty, !good.isEmpty else { return }
        for key in [Metric.landingReach, Metric.overstride, Metric.shankAngleAtContact] {
            func value(_ row: Row) -> Double? { row.analysis?.summary[key]?.measured?.mean }
            let o = over.compactMap(value), g = good.compactMap(value)
            var wins = 0.0
            for a in o { for b in g { wins += a > b ? 1 : a == b ? 0.5 : 0 } }
            let auc = o.isEmpty || g.isEmpty ? nil : wins / Double(o.count * g.count)
            let values = { (rs: [Row]) in rs.map { r in value(r).map { String(format: "%.2f", $0) } ?? "—" }.joined(separator: " ") }
            print("ROC area of \(key), 'overstride' above 'good': \(auc.map { String(format: "%.2f", $0) } ?? "—") "
                + "(overstride \(values(over)); good \(values(good)))")
        }
    }

    /// The spread of step times (SD / mean) over the measured steps: the summary cadence's SD / mean, which
    /// carries the step times' coefficient of variation (`MetricAveraging.rateOfMeanInterval`).
    static func stepTimeSpread(_ analysis: Analysis?) -> Double? {
        guard let c = analysis?.summary[Metric.cadence]?.measured, c.n >= 3, c.mean > 0 else { return nil }
        return c.sd / c.mean
    }

    static func cadence(_ analysis: Analysis?) -> Double? {
        analysis?.summary[Metric.cadence]?.measured?.mean
    }

    static func percent(_ x: Double?) -> String { x.map { String(format: "%.0f %%", $0 * 100) } ?? "—" }
    static func value(_ name: String, in arguments: [String]) -> String? {
        guard let i = arguments.firstIndex(of: name), i + 1 < arguments.count else { return nil }
        return arguments[i + 1]
    }
    static func pad(_ s: String, _ n: Int) -> String { s.count >= n ? s + " " : s + String(repeating: " ", count: n - s.count) }
}
