import Testing
@testable import PoseRunCore

/// Quantiles are found by selection, not by sorting; a sort defines what they must be.
@Suite struct SignalPercentileTests {
    /// The definitions: sort the finite values, then interpolate between the two ranks either side of
    /// q·(n − 1) (type 7), take the rank nearest it, or take rank ⌊q·n⌋.
    static func byFullSort(_ values: [Double], _ q: Double, _ method: Signal.QuantileMethod = .linear) -> Double? {
        let v = values.filter(\.isFinite).sorted()
        guard !v.isEmpty else { return nil }
        switch method {
        case .linear:
            let pos = q * Double(v.count - 1)
            let lo = Int(pos.rounded(.down)), hi = min(lo + 1, v.count - 1)
            let f = pos - Double(lo)
            return v[lo] * (1 - f) + v[hi] * f
        case .nearestRank:
            return v[min(max(Int((q * Double(v.count - 1)).rounded()), 0), v.count - 1)]
        case .rankOfFloorQN:
            return v[min(Int((q * Double(v.count)).rounded(.down)), v.count - 1)]
        }
    }

    @Test(arguments: [0.0, 0.02, 0.25, 0.5, 0.733, 0.95, 0.98, 1])
    func selectionGivesWhatASortGives(q: Double) {
        var generator = SystemRandomNumberGenerator()
        for method in [Signal.QuantileMethod.linear, .nearestRank, .rankOfFloorQN] {
            for count in [1, 2, 3, 10, 101, 1000] {
                // Repeated levels (ties), missing samples and both signs, as keypoint tracks have.
                let values = (0..<count).map { i -> Double in
                    if i % 17 == 5 { return .nan }
                    return Double(Int.random(in: -20...20, using: &generator)) * 0.5
                }
                #expect(Signal.quantile(values, q, method: method) == Self.byFullSort(values, q, method),
                        "\(count) values, q \(q), \(method)")
            }
            #expect(Signal.quantile([.nan, .nan], q, method: method) == nil)
            #expect(Signal.quantile([3, 3, 3, 3], q, method: method) == 3)
        }
    }

    /// The medians the callers had before there was one quantile: the middle two's mean (the swap
    /// corrector's), and the upper middle value (the cleaner's leg length and outlier level).
    @Test func theMediansAreTheOnesTheCallersHad() {
        #expect(Signal.median([4, 1, 3, 2]) == 2.5)
        #expect(Signal.median([5, 1, 3]) == 3)
        #expect(Signal.quantile([4, 1, 3, 2], 0.5, method: .rankOfFloorQN) == 3)
        #expect(Signal.quantile([4, 1, 3, 2], 0.5, method: .nearestRank) == 3)  // rank 1.5 rounds up
        let hundred = (0..<100).map(Double.init)
        #expect(Signal.quantile(hundred.reversed(), 0.95, method: .rankOfFloorQN) == hundred[100 * 95 / 100])
    }

    @Test func selectPutsTheRankInPlaceWithSmallerBeforeAndLargerAfter() {
        var v: [Double] = [9, 1, 8, 2, 7, 3, 6, 4, 5, 5, 0]
        let fifth = Signal.select(&v, rank: 5)
        #expect(fifth == 5)
        #expect(v[..<5].allSatisfy { $0 <= 5 } && v[6...].allSatisfy { $0 >= 5 })
    }
}
