import PoseRunCore
import PoseRunSynthetic
func debugSynthetic() throws {
    var heel = SyntheticRunner.Configuration.heelStriker
    heel.durationSeconds = 8
    heel = heel.with(.realistic(seed: 12, seconds: 8))
    let run = try SyntheticRunner(heel).generate()
    let a = try Analyzer().analyze(run.sequence, name: "h")
    print("truth", run.truth.events.count, "detected", a.events.count, "swaps injected", run.truth.injectedSwaps.count, "corrected frames", a.quality.swapsCorrected)
    for t in run.truth.events {
        let d = a.events.filter { $0.side == t.side && $0.kind == t.kind }.min { abs($0.time - t.time) < abs($1.time - t.time) }
        let e = ((d?.time ?? .nan) - t.time) * 1000
        if abs(e) > 20 { print(t.side, t.kind.rawValue, t.time, "err ms", e) }
    }
    for d in a.events {
        let t = run.truth.events.filter { $0.side == d.side && $0.kind == d.kind }.min { abs($0.time - d.time) < abs($1.time - d.time) }
        if abs((t?.time ?? 99) - d.time) > 0.05 { print("extra", d.side, d.kind.rawValue, d.time) }
    }
    for s in run.truth.injectedSwaps { print("swap", s) }
}
