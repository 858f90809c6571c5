/// Whole-body centre of mass from the 17 landmarks and `Anthropometry`'s de Leva 1996 segments: the one
/// definition, used by the analysis (`BodyKinematics`) and by the synthetic runner's ground truth.
///
/// Simplifications (ours): the head+neck mass sits at the head landmark; the hand mass sits at the wrist;
/// the trunk runs mid-shoulder → mid-hip. The segments are summed head, trunk, then each side (left first)
/// arm to foot, so every caller gets the same bits.
public enum SegmentalCentreOfMass {
    /// One side's limb landmarks in one frame.
    public struct Limb: Sendable, Hashable {
        public var shoulder, elbow, wrist, hip, knee, ankle, heel, toe: PlanePoint

        public init(
            shoulder: PlanePoint, elbow: PlanePoint, wrist: PlanePoint, hip: PlanePoint,
            knee: PlanePoint, ankle: PlanePoint, heel: PlanePoint, toe: PlanePoint
        ) {
            self.shoulder = shoulder
            self.elbow = elbow
            self.wrist = wrist
            self.hip = hip
            self.knee = knee
            self.ankle = ankle
            self.heel = heel
            self.toe = toe
        }
    }

    /// Every landmark the estimate needs: all 17.
    public static let landmarks: [Landmark] = [.head] + Side.allCases.flatMap {
        [Landmark.shoulder($0), .elbow($0), .wrist($0), .hip($0), .knee($0), .ankle($0), .heel($0), .toe($0)]
    }

    /// The centre of mass from the head, the trunk's ends and both limbs, in the points' own units.
    public static func of(
        head: PlanePoint, midShoulder: PlanePoint, midHip: PlanePoint, left: Limb, right: Limb
    ) -> PlanePoint {
        typealias A = Anthropometry
        var sum = head * A.head.massFraction
        var mass = A.head.massFraction
        func add(_ a: PlanePoint, _ b: PlanePoint, _ segment: A.Segment) {
            sum = sum + (a + (b - a) * segment.centreFromProximal) * segment.massFraction
            mass += segment.massFraction
        }
        add(midShoulder, midHip, A.trunk)
        func addLimb(_ limb: Limb) {
            add(limb.shoulder, limb.elbow, A.upperArm)
            add(limb.elbow, limb.wrist, A.forearm)
            add(limb.wrist, limb.wrist, A.hand)
            add(limb.hip, limb.knee, A.thigh)
            add(limb.knee, limb.ankle, A.shank)
            add(limb.heel, limb.toe, A.foot)
        }
        addLimb(left)
        addLimb(right)
        return sum * (1 / mass)
    }

    /// The centre of mass of a full pose (every landmark given), in the pose's own units.
    public static func of(_ p: (Landmark) -> PlanePoint) -> PlanePoint {
        func limb(_ side: Side) -> Limb {
            Limb(
                shoulder: p(.shoulder(side)), elbow: p(.elbow(side)), wrist: p(.wrist(side)), hip: p(.hip(side)),
                knee: p(.knee(side)), ankle: p(.ankle(side)), heel: p(.heel(side)), toe: p(.toe(side)))
        }
        return of(
            head: p(.head), midShoulder: .midpoint(p(.leftShoulder), p(.rightShoulder)),
            midHip: .midpoint(p(.leftHip), p(.rightHip)), left: limb(.left), right: limb(.right))
    }
}
