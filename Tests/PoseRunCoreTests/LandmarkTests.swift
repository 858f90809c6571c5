import Testing
@testable import PoseRunCore

@Suite struct LandmarkTests {
    @Test func mirroredSwapsSidesAndKeepsHead() {
        #expect(Landmark.leftKnee.mirrored == .rightKnee)
        #expect(Landmark.rightToe.mirrored == .leftToe)
        #expect(Landmark.head.mirrored == .head)
        for l in Landmark.allCases where l != .head { #expect(l.mirrored.side == l.side?.opposite) }
    }

    @Test func statisticsUseSampleStandardDeviation() throws {
        let s = try #require(Statistics([2, 4, 4, 4, 5, 5, 7, 9]))
        #expect(s.mean == 5)
        #expect(abs(s.sd - 2.138089935) < 1e-6)
    }
}
