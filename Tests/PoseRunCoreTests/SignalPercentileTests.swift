import Testing
@testable import PoseRunCore

/// Percentiles are found by selection, not by sorting; a sort defines what they must be.
@Suite struct SignalPercentileTests {
    /// The definition: sort the finite values, interpolate between the two neighbouring ranks.
    static func byFullSort(_ values: [Double], _ q: Double) -> Double? {
        let v = values.filter(\.isFinite).sorted()
        guard !v.isEmpty else { return nil }
        let pos = q / 100 * Double(v.count - 1)
        let lo = Int(pos.rounded(.down)), hi = min(lo + 1, v.count - 1)
        let f = pos - Double(lo)
        return v[lo] * (1 - f) + v[hi] * f
    }

    @Test(arguments: [0.0, 2, 25, 50, 73.3, 98, 100])
    func selectionGivesWhatASortGives(q: Double) {
        var generator = SystemRandomNumberGenerator()
        for count in [1, 2, 3, 10, 101, 1000] {
            // Repeated levels (ties), missing samples and both signs, as keypoint tracks have.
            let values = (0..<count).map { i -> Double in
                if i % 17 == 5 { return .nan }
                return Double(Int.random(in: -20...20, using: &generator)) * 0.5
            }
            #expect(Signal.percentile(values, q) == Self.byFullSort(values, q), "\(count) values, q \(q)")
        }
        #expect(Signal.percentile([.nan, .nan], q) == nil)
        #expect(Signal.percentile([3, 3, 3, 3], q) == 3)
    }

    @Test func selectPutsTheRankInPlaceWithSmallerBeforeAndLargerAfter() {
        var v: [Double] = [9, 1, 8, 2, 7, 3, 6, 4, 5, 5, 0]
        let fifth = Signal.select(&v, rank: 5)
        #expect(fifth == 5)
        #expect(v[..<5].allSatisfy { $0 <= 5 } && v[6...].allSatisfy { $0 >= 5 })
    }
}
