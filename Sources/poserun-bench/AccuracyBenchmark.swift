import Foundation
import PoseRunCore
import PoseRunFormats

/// Gait-event accuracy against force plates: IC, TO and contact-time error, and cadence.
/// Targets (issue 2): IC mean |error| ≤ 8 ms, TO ≤ 12 ms, contact time ≤ 10 ms, cadence within 1 %.
enum AccuracyBenchmark {
    struct Trial {
        var name: String
        var input: String
        var reference: String
        var source: ReferenceEvents.C3DSource = .automatic
        var timeColumn: String?
    }

    static var dataFolder: URL {
        URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("shared/data/mocap")
    }

    static let trials = [
        Trial(name: "Hamner 2 m/s treadmill (TRC, 100 Hz)", input: "hamner-subject01/run200.trc", reference: "hamner-subject01/run200_events_from_grf.csv"),
        Trial(name: "Hamner 3 m/s treadmill (TRC, 100 Hz)", input: "hamner-subject01/run300.trc", reference: "hamner-subject01/run300_events_from_grf.csv"),
        Trial(name: "Dorn 9.5 m/s sprint (C3D, 250 Hz) vs its force plates", input: "dorn-sprint-ja1/JA1Gait35.c3d", reference: "dorn-sprint-ja1/JA1Gait35.c3d", source: .forcePlates),
        Trial(name: "Dorn 9.5 m/s sprint (C3D) vs its EVENT labels", input: "dorn-sprint-ja1/JA1Gait35.c3d", reference: "dorn-sprint-ja1/JA1Gait35.c3d", source: .eventSection),
    ]

    static func run() {
        print("== Gait-event accuracy against force plates")
        guard FileManager.default.fileExists(atPath: dataFolder.path) else {
            print("skipped: \(dataFolder.path) is absent (needs ../shared/data)")
            return
        }
        print(pad("trial", 56) + pad("IC |err|", 11) + pad("TO |err|", 11) + pad("CT |err|", 11) + pad("cadence", 10) + "pairs/missed/extra")
        for trial in trials {
            do {
                let loaded = try InputLoader.load(path: dataFolder.appendingPathComponent(trial.input).path)
                let s = loaded.sequence
                let analysis = try Analyzer().analyze(s, name: loaded.displayName)
                let timeBase = InputTimeBase(frameRate: s.frameRate, firstFrameNumber: s.frameNumbers.first ?? 0, firstSampleTime: s.times.first ?? 0)
                let ref = try ReferenceEvents.load(
                    contentsOf: dataFolder.appendingPathComponent(trial.reference), timeBase: timeBase,
                    c3dSource: trial.source, csvTimeColumn: trial.timeColumn)
                let r = EventMatching.match(detected: analysis.events, reference: ref.events, within: analysis.quality.eventSpan ?? (s.times.first ?? 0)...(s.times.last ?? 0))
                let cadence = r.cadenceOverStepsFoundAtBothEnds().map { ($0.detected - $0.reference) / $0.reference * 100 }
                print(pad(trial.name, 56) + pad(ms(r.initialContact.meanAbsoluteSeconds), 11) + pad(ms(r.toeOff.meanAbsoluteSeconds), 11)
                    + pad(ms(r.contactTime.meanAbsoluteSeconds), 11) + pad(cadence.map { String(format: "%+.2f %%", $0) } ?? "—", 10)
                    + "\(r.pairs.count)/\(r.missed.count)/\(r.extra.count)")
            } catch {
                print(pad(trial.name, 56) + "error: \(error)")
            }
        }
        print("(extra = contacts off the force plates, which have no reference)")
    }

    /// Leave-one-trial-out: the detector's tuned constants (the IC and TO speed fractions and the low-pass
    /// cut-off) chosen on all force-plate trials but one, by the smallest summed IC + TO mean absolute
    /// error, and the held-out trial's errors with them; beside them the defaults' errors.
    static func leaveOneOut() {
        print("== Leave-one-trial-out: constants tuned on the other trials, errors on the held-out one")
        guard FileManager.default.fileExists(atPath: dataFolder.path) else {
            print("skipped: \(dataFolder.path) is absent (needs ../shared/data)")
            return
        }
        let plates = trials.filter { $0.source != .eventSection }
        struct Loaded { var trial: Trial; var sequence: KeypointSequence; var reference: [GaitEvent] }
        var loaded: [Loaded] = []
        for trial in plates {
            guard let input = try? InputLoader.load(path: dataFolder.appendingPathComponent(trial.input).path) else { continue }
            let s = input.sequence
            let timeBase = InputTimeBase(frameRate: s.frameRate, firstFrameNumber: s.frameNumbers.first ?? 0, firstSampleTime: s.times.first ?? 0)
            guard let ref = try? ReferenceEvents.load(
                contentsOf: dataFolder.appendingPathComponent(trial.reference), timeBase: timeBase,
                c3dSource: trial.source, csvTimeColumn: trial.timeColumn) else { continue }
            loaded.append(Loaded(trial: trial, sequence: s, reference: ref.events))
        }
        struct Setting: Hashable { var ic: Double; var to: Double; var cutoff: Double }
        func configuration(_ p: Setting) -> AnalysisConfiguration {
            AnalysisConfiguration(
                cleaning: CleaningConfiguration(cutoffHz: p.cutoff, maximumCutoffFractionOfFrameRate: 0.2),
                events: EventDetectionConfiguration(contactSpeedFraction: p.ic, toeOffSpeedFraction: p.to))
        }
        func errors(_ l: Loaded, _ p: Setting) -> EventMatching.Result? {
            guard let a = try? Analyzer(configuration: configuration(p)).analyze(l.sequence, name: l.trial.name) else { return nil }
            let s = l.sequence
            return EventMatching.match(detected: a.events, reference: l.reference, within: a.quality.eventSpan ?? (s.times.first ?? 0)...(s.times.last ?? 0))
        }
        let fractions = stride(from: 0.10, through: 0.401, by: 0.05).map { ($0 * 100).rounded() / 100 }
        let grid = fractions.flatMap { ic in fractions.flatMap { to in [10.0, 15, 20, 25].map { Setting(ic: ic, to: to, cutoff: $0) } } }
        // Every trial's errors under every setting, once.
        var table: [Setting: [EventMatching.Result?]] = [:]
        for p in grid { table[p] = loaded.map { errors($0, p) } }
        func cost(_ r: EventMatching.Result?) -> Double {
            guard let r, let ic = r.initialContact.meanAbsoluteSeconds, let to = r.toeOff.meanAbsoluteSeconds, r.missed.isEmpty else { return 1 }
            return ic + to
        }
        let defaults = Setting(ic: EventDetectionConfiguration().contactSpeedFraction, to: EventDetectionConfiguration().toeOffSpeedFraction,
                               cutoff: AnalysisConfiguration.analysisCutoffHz)
        print(pad("held-out trial", 56) + pad("tuned on the others", 22) + pad("IC", 9) + pad("TO", 9) + pad("CT", 9) + "| defaults: IC, TO, CT")
        for (k, l) in loaded.enumerated() {
            let others = loaded.indices.filter { $0 != k }
            guard let best = grid.min(by: { a, b in
                others.map { cost(table[a]?[$0] ?? nil) }.reduce(0, +) < others.map { cost(table[b]?[$0] ?? nil) }.reduce(0, +)
            }) else { continue }
            let held = table[best]?[k] ?? nil
            let standard = errors(l, defaults)
            print(pad(l.trial.name, 56) + pad(String(format: "%.2f/%.2f, %.0f Hz", best.ic, best.to, best.cutoff), 22)
                + pad(ms(held?.initialContact.meanAbsoluteSeconds), 9) + pad(ms(held?.toeOff.meanAbsoluteSeconds), 9)
                + pad(ms(held?.contactTime.meanAbsoluteSeconds), 9)
                + "| \(ms(standard?.initialContact.meanAbsoluteSeconds)), \(ms(standard?.toeOff.meanAbsoluteSeconds)), \(ms(standard?.contactTime.meanAbsoluteSeconds))")
        }
    }

    static func ms(_ s: Double?) -> String { s.map { String(format: "%.1f ms", $0 * 1000) } ?? "—" }
    static func pad(_ s: String, _ n: Int) -> String { s.count >= n ? s + " " : s + String(repeating: " ", count: n - s.count) }
}
