/// Derived per-frame quantities of a body oriented so that forward is +x and up is +y.
///
/// Computed once per analysis; metrics read from here rather than recomputing geometry per step.
struct BodyKinematics: Sendable {
    let sequence: KeypointSequence
    /// Hip-joint-to-ankle length (thigh + shank medians), in the sequence's unit; `nil` when unknown.
    let legLength: Double?
    let midHip: [PlanePoint?]
    let midShoulder: [PlanePoint?]
    /// Whole-body centre of mass per frame.
    let centreOfMass: [PlanePoint?]
    /// How the centre of mass was estimated.
    let centreOfMassMethod: String

    init(sequence: KeypointSequence) {
        self.sequence = sequence
        let n = sequence.frameCount
        var hips = [PlanePoint?](repeating: nil, count: n)
        var shoulders = [PlanePoint?](repeating: nil, count: n)
        for i in 0..<n {
            hips[i] = Self.middle(sequence.point(.leftHip, at: i), sequence.point(.rightHip, at: i))
            shoulders[i] = Self.middle(sequence.point(.leftShoulder, at: i), sequence.point(.rightShoulder, at: i))
        }
        midHip = hips
        midShoulder = shoulders
        legLength = Self.estimateLegLength(sequence)
        let (com, method) = Self.centreOfMass(sequence, midHip: hips, midShoulder: shoulders)
        centreOfMass = com
        centreOfMassMethod = method
    }

    /// Midpoint of two points, or the one present (side view: the far hip is often hidden).
    static func middle(_ a: PlanePoint?, _ b: PlanePoint?) -> PlanePoint? {
        switch (a, b) {
        case let (a?, b?): return .midpoint(a, b)
        case let (a?, nil): return a
        case let (nil, b?): return b
        default: return nil
        }
    }

    static func estimateLegLength(_ s: KeypointSequence) -> Double? {
        func medianDistance(_ a: Landmark, _ b: Landmark) -> Double? {
            var d: [Double] = []
            for i in 0..<s.frameCount {
                if let p = s.point(a, at: i), let q = s.point(b, at: i) { d.append(p.distance(to: q)) }
            }
            return Signal.median(d)
        }
        var lengths: [Double] = []
        for side in Side.allCases {
            if let thigh = medianDistance(.hip(side), .knee(side)), let shank = medianDistance(.knee(side), .ankle(side)) {
                lengths.append(thigh + shank)
            }
        }
        if !lengths.isEmpty { return lengths.reduce(0, +) / Double(lengths.count) }
        // No knee or ankle: hip to heel, at its longest (leg near straight), less the heel's height.
        for side in Side.allCases {
            if let d = medianDistance(.hip(side), .heel(side)) { lengths.append(d) }
        }
        return lengths.isEmpty ? nil : lengths.reduce(0, +) / Double(lengths.count)
    }

    /// Segmental centre of mass (de Leva 1996) where every segment is present, else mid-hip (labelled).
    static func centreOfMass(
        _ s: KeypointSequence, midHip: [PlanePoint?], midShoulder: [PlanePoint?]
    ) -> ([PlanePoint?], String) {
        let required: [Landmark] = [.head] + Side.allCases.flatMap {
            [Landmark.shoulder($0), .elbow($0), .wrist($0), .hip($0), .knee($0), .ankle($0), .heel($0), .toe($0)]
        }
        let segmental = required.allSatisfy { s.has($0) }
        var com = [PlanePoint?](repeating: nil, count: s.frameCount)
        var segmentalFrames = 0
        for i in 0..<s.frameCount {
            if segmental, let c = segmentalCentre(s, frame: i, midHip: midHip[i], midShoulder: midShoulder[i]) {
                com[i] = c
                segmentalFrames += 1
            } else {
                com[i] = midHip[i]
            }
        }
        if segmental && segmentalFrames * 10 >= s.frameCount * 9 {
            return (com, "segmental (de Leva 1996, 14 segments)")
        }
        if segmentalFrames > 0 {
            return (com, "segmental (de Leva 1996) where all landmarks were present, mid-hip elsewhere")
        }
        return (midHip, "mid-hip (fallback: the input lacks landmarks for a segmental estimate)")
    }

    private static func segmentalCentre(
        _ s: KeypointSequence, frame i: Int, midHip: PlanePoint?, midShoulder: PlanePoint?
    ) -> PlanePoint? {
        guard let head = s.point(.head, at: i), let midHip, let midShoulder else { return nil }
        typealias A = Anthropometry
        var sum = head * A.head.massFraction
        var mass = A.head.massFraction
        func add(_ a: PlanePoint, _ b: PlanePoint, _ seg: A.Segment) {
            sum = sum + (a + (b - a) * seg.centreFromProximal) * seg.massFraction
            mass += seg.massFraction
        }
        add(midShoulder, midHip, A.trunk)
        for side in Side.allCases {
            guard let sh = s.point(.shoulder(side), at: i), let el = s.point(.elbow(side), at: i),
                  let wr = s.point(.wrist(side), at: i), let hip = s.point(.hip(side), at: i),
                  let knee = s.point(.knee(side), at: i), let ankle = s.point(.ankle(side), at: i),
                  let heel = s.point(.heel(side), at: i), let toe = s.point(.toe(side), at: i)
            else { return nil }
            add(sh, el, A.upperArm)
            add(el, wr, A.forearm)
            add(wr, wr, A.hand)
            add(hip, knee, A.thigh)
            add(knee, ankle, A.shank)
            add(heel, toe, A.foot)
        }
        return sum * (1 / mass)
    }

    // MARK: - Angles per frame (degrees, NaN where not measurable)

    private func series(_ f: (Int) -> Double?) -> [Double] {
        (0..<sequence.frameCount).map { f($0) ?? .nan }
    }

    /// 180° − hip–knee–ankle angle: 0 with a straight knee.
    func kneeFlexion(_ side: Side) -> [Double] {
        series { i in
            guard let h = sequence.point(.hip(side), at: i), let k = sequence.point(.knee(side), at: i),
                  let a = sequence.point(.ankle(side), at: i) else { return nil }
            return 180 - Angle.interiorDegrees(h, k, a)
        }
    }

    /// Knee→ankle line vs vertical, positive when the ankle is ahead of the knee.
    func shankAngle(_ side: Side) -> [Double] {
        series { i in
            guard let k = sequence.point(.knee(side), at: i), let a = sequence.point(.ankle(side), at: i) else { return nil }
            return Angle.fromVerticalDegrees(dx: a.x - k.x, dy: k.y - a.y)
        }
    }

    /// Hip→knee line vs vertical, positive when the knee is ahead of the hip (flexion), negative behind.
    func thighAngle(_ side: Side) -> [Double] {
        series { i in
            guard let h = sequence.point(.hip(side), at: i), let k = sequence.point(.knee(side), at: i) else { return nil }
            return Angle.fromVerticalDegrees(dx: k.x - h.x, dy: h.y - k.y)
        }
    }

    /// Mid-hip→mid-shoulder line vs vertical, forward positive.
    func trunkLean() -> [Double] {
        series { i in
            guard let h = midHip[i], let s = midShoulder[i] else { return nil }
            return Angle.fromVerticalDegrees(dx: s.x - h.x, dy: s.y - h.y)
        }
    }

    /// Heel→toe line vs horizontal, positive when the toe is up.
    func footAngle(_ side: Side) -> [Double] {
        series { i in
            guard let h = sequence.point(.heel(side), at: i), let t = sequence.point(.toe(side), at: i) else { return nil }
            return Angle.degrees(atan2Safe(t.y - h.y, t.x - h.x))
        }
    }

    /// Upper arm (shoulder→elbow) angle relative to the trunk's downward line, forward positive.
    func upperArmAngle(_ side: Side) -> [Double] {
        series { i in
            guard let sh = sequence.point(.shoulder(side), at: i), let el = sequence.point(.elbow(side), at: i),
                  let hip = midHip[i], let top = midShoulder[i] else { return nil }
            let trunkDown = atan2Safe(hip.y - top.y, hip.x - top.x)
            let arm = atan2Safe(el.y - sh.y, el.x - sh.x)
            var d = Angle.degrees(arm - trunkDown)
            while d > 180 { d -= 360 }
            while d < -180 { d += 360 }
            // Counter-clockwise from "down" is toward +x (forward) for a y-up plane.
            return d
        }
    }

    /// Shoulder–elbow–wrist interior angle (180 = straight arm).
    func elbowAngle(_ side: Side) -> [Double] {
        series { i in
            guard let s = sequence.point(.shoulder(side), at: i), let e = sequence.point(.elbow(side), at: i),
                  let w = sequence.point(.wrist(side), at: i) else { return nil }
            return Angle.interiorDegrees(s, e, w)
        }
    }

    /// Distance from heel to mid-hip, per frame (pull: how close the heel comes under the hip).
    func heelToHipDistance(_ side: Side) -> [Double] {
        series { i in
            guard let h = sequence.point(.heel(side), at: i) ?? sequence.point(.ankle(side), at: i),
                  let hip = sequence.point(.hip(side), at: i) ?? midHip[i] else { return nil }
            return h.distance(to: hip)
        }
    }

    /// A point along the heel→toe line (0 = heel, 1 = toe), or the one present.
    func footPoint(_ side: Side, fraction: Double, at i: Int) -> PlanePoint? {
        switch (sequence.point(.heel(side), at: i), sequence.point(.toe(side), at: i)) {
        case let (h?, t?): return h + (t - h) * fraction
        case let (h?, nil): return h
        case let (nil, t?): return t
        default: return sequence.point(.ankle(side), at: i)
        }
    }
}
