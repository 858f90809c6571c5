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
                let r = EventMatching.match(detected: analysis.events, reference: ref.events, within: (s.times.first ?? 0)...(s.times.last ?? 0))
                let ics = r.pairs(of: .initialContact).sorted { $0.reference.time < $1.reference.time }
                var cadence: Double?
                if let d = ics.map(\.detected).cadenceOverAlternatingContacts(), let t = ics.map(\.reference).cadenceOverAlternatingContacts() {
                    cadence = (d - t) / t * 100
                }
                print(pad(trial.name, 56) + pad(ms(r.initialContact.meanAbsoluteSeconds), 11) + pad(ms(r.toeOff.meanAbsoluteSeconds), 11)
                    + pad(ms(r.contactTime.meanAbsoluteSeconds), 11) + pad(cadence.map { String(format: "%+.2f %%", $0) } ?? "—", 10)
                    + "\(r.pairs.count)/\(r.missed.count)/\(r.extra.count)")
            } catch {
                print(pad(trial.name, 56) + "error: \(error)")
            }
        }
        print("(extra = contacts off the force plates, which have no reference)")
    }

    static func ms(_ s: Double?) -> String { s.map { String(format: "%.1f ms", $0 * 1000) } ?? "—" }
    static func pad(_ s: String, _ n: Int) -> String { s.count >= n ? s + " " : s + String(repeating: " ", count: n - s.count) }
}
