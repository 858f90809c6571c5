import Testing
@testable import PoseRunCore

@Suite struct LandmarkTests {
    @Test func mirroredSwapsSidesAndKeepsHead() {
        #expect(Landmark.leftKnee.mirrored == .rightKnee)
        #expect(Landmark.rightToe.mirrored == .leftToe)
        #expect(Landmark.head.mirrored == .head)
        for l in Landmark.allCases where l != .head { #expect(l.mirrored.side == l.side?.opposite) }
    }

    /// The switches that replaced the string tests must agree with the names: the side is the name's prefix,
    /// the mirror swaps it, and the hashing ordinal is the case's place (distinct, so no two cases collide).
    @Test func sidesMirrorsAndOrdinalsAgreeWithTheNames() {
        for (index, l) in Landmark.allCases.enumerated() {
            #expect(l.ordinal == index)
            let name = l.rawValue
            if name.hasPrefix("left_") {
                #expect(l.side == .left)
                #expect(l.mirrored.rawValue == "right_" + name.dropFirst(5))
            } else if name.hasPrefix("right_") {
                #expect(l.side == .right)
                #expect(l.mirrored.rawValue == "left_" + name.dropFirst(6))
            } else {
                #expect(l.side == nil && l.mirrored == l)
            }
        }
        #expect(Set(Landmark.allCases).count == Landmark.allCases.count)
        #expect(Set(Side.allCases).count == 2)
    }

    @Test func statisticsUseSampleStandardDeviation() throws {
        let s = try #require(Statistics([2, 4, 4, 4, 5, 5, 7, 9]))
        #expect(s.mean == 5)
        #expect(abs(s.sd - 2.138089935) < 1e-6)
    }
}
