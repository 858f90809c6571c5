import PoseRunCore

/// Whole-body centre of mass from the 17 landmarks, with de Leva 1996 segment parameters.
///
/// de Leva P. (1996) *J Biomech* 29:1223, Table 4 (male): mass fraction of body mass and
/// centre-of-mass position as a fraction of segment length from the proximal end.
/// Simplifications (ours): the head+neck mass sits at the head landmark; the hand mass sits at
/// the wrist; the trunk runs mid-shoulder → mid-hip.
public enum SegmentMassModel {
    // The segment numbers are Core's (`Anthropometry`, de Leva 1996): one place for them.
    private typealias A = Anthropometry

    /// The centre of mass of a full pose (all 17 landmarks present), in the pose's own units.
    public static func centreOfMass(_ p: (Landmark) -> PlanePoint) -> PlanePoint {
        func along(_ a: PlanePoint, _ b: PlanePoint, _ f: Double) -> PlanePoint { a + (b - a) * f }
        let midShoulder = PlanePoint.midpoint(p(.leftShoulder), p(.rightShoulder))
        let midHip = PlanePoint.midpoint(p(.leftHip), p(.rightHip))
        var sum = p(.head) * A.head.massFraction
        var mass = A.head.massFraction
        sum = sum + along(midShoulder, midHip, A.trunk.centreFromProximal) * A.trunk.massFraction
        mass += A.trunk.massFraction
        for side in Side.allCases {
            let parts: [(PlanePoint, PlanePoint, Anthropometry.Segment)] = [
                (p(.shoulder(side)), p(.elbow(side)), A.upperArm),
                (p(.elbow(side)), p(.wrist(side)), A.forearm),
                (p(.wrist(side)), p(.wrist(side)), A.hand),
                (p(.hip(side)), p(.knee(side)), A.thigh),
                (p(.knee(side)), p(.ankle(side)), A.shank),
                (p(.heel(side)), p(.toe(side)), A.foot),
            ]
            for (a, b, segment) in parts {
                sum = sum + along(a, b, segment.centreFromProximal) * segment.massFraction
                mass += segment.massFraction
            }
        }
        return sum * (1 / mass)
    }
}
