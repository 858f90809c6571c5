import PoseRunCore

/// Whole-body centre of mass from the 17 landmarks, with de Leva 1996 segment parameters.
///
/// de Leva P. (1996) *J Biomech* 29:1223, Table 4 (male): mass fraction of body mass and
/// centre-of-mass position as a fraction of segment length from the proximal end.
/// Simplifications (ours): the head+neck mass sits at the head landmark; the hand mass sits at
/// the wrist; the trunk runs mid-shoulder → mid-hip.
public enum SegmentMassModel {
    /// (mass fraction, centre of mass from proximal end) per segment.
    static let headNeckMass = 0.0694
    static let trunk = (mass: 0.4346, fromProximal: 0.4486)
    static let upperArm = (mass: 0.0271, fromProximal: 0.5772)
    static let forearm = (mass: 0.0162, fromProximal: 0.4574)
    static let handMass = 0.0061
    static let thigh = (mass: 0.1416, fromProximal: 0.4095)
    static let shank = (mass: 0.0433, fromProximal: 0.4459)
    /// Foot: heel → toe tip.
    static let foot = (mass: 0.0137, fromProximal: 0.4415)

    /// The centre of mass of a full pose (all 17 landmarks present), in the pose's own units.
    public static func centreOfMass(_ p: (Landmark) -> PlanePoint) -> PlanePoint {
        func along(_ a: PlanePoint, _ b: PlanePoint, _ f: Double) -> PlanePoint { a + (b - a) * f }
        let midShoulder = PlanePoint.midpoint(p(.leftShoulder), p(.rightShoulder))
        let midHip = PlanePoint.midpoint(p(.leftHip), p(.rightHip))
        var sum = p(.head) * headNeckMass
        var mass = headNeckMass
        sum = sum + along(midShoulder, midHip, trunk.fromProximal) * trunk.mass
        mass += trunk.mass
        for side in Side.allCases {
            let parts: [(PlanePoint, PlanePoint, Double, Double)] = [
                (p(.shoulder(side)), p(.elbow(side)), upperArm.mass, upperArm.fromProximal),
                (p(.elbow(side)), p(.wrist(side)), forearm.mass, forearm.fromProximal),
                (p(.wrist(side)), p(.wrist(side)), handMass, 0),
                (p(.hip(side)), p(.knee(side)), thigh.mass, thigh.fromProximal),
                (p(.knee(side)), p(.ankle(side)), shank.mass, shank.fromProximal),
                (p(.heel(side)), p(.toe(side)), foot.mass, foot.fromProximal),
            ]
            for (a, b, m, f) in parts {
                sum = sum + along(a, b, f) * m
                mass += m
            }
        }
        return sum * (1 / mass)
    }
}
