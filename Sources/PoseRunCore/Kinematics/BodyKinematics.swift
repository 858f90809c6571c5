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
    let centreOfMassMethod: CentreOfMassMethod
    /// Every landmark's positions, read in place from the sequence's tracks (not unpacked into a copy: a
    /// copy of every landmark held another 0.4 kB a frame through the analysis).
    private let points: [Landmark: PointColumn]

    /// - Parameter computesCentreOfMass: `false` for a second view of the body that only needs angles.
    init(sequence: KeypointSequence, computesCentreOfMass: Bool = true) {
        self.sequence = sequence
        let n = sequence.frameCount
        var table: [Landmark: PointColumn] = [:]
        for (landmark, track) in sequence.tracks where track.count == n {
            table[landmark] = PointColumn(track: track)
        }
        points = table
        let missing = PointColumn.missing
        var hips = [PlanePoint?](repeating: nil, count: n)
        var shoulders = [PlanePoint?](repeating: nil, count: n)
        let lh = table[.leftHip] ?? missing, rh = table[.rightHip] ?? missing
        let ls = table[.leftShoulder] ?? missing, rs = table[.rightShoulder] ?? missing
        for i in 0..<n {
            hips[i] = Self.middle(lh[i], rh[i])
            shoulders[i] = Self.middle(ls[i], rs[i])
        }
        midHip = hips
        midShoulder = shoulders
        legLength = Self.estimateLegLength(table)
        if computesCentreOfMass {
            let (com, method) = Self.centreOfMass(table, frames: n, midHip: hips, midShoulder: shoulders)
            centreOfMass = com
            centreOfMassMethod = method
        } else {
            centreOfMass = hips
            centreOfMassMethod = .notComputed
        }
    }

    private func column(_ l: Landmark) -> PointColumn { points[l] ?? .missing }

    /// Midpoint of two points, or the one present (side view: the far hip is often hidden).
    static func middle(_ a: PlanePoint?, _ b: PlanePoint?) -> PlanePoint? {
        switch (a, b) {
        case let (a?, b?): return .midpoint(a, b)
        case let (a?, nil): return a
        case let (nil, b?): return b
        default: return nil
        }
    }

    static func estimateLegLength(_ table: [Landmark: PointColumn]) -> Double? {
        func medianDistance(_ a: Landmark, _ b: Landmark) -> Double? {
            guard let p = table[a], let q = table[b] else { return nil }
            var d: [Double] = []
            d.reserveCapacity(p.count)
            for i in 0..<min(p.count, q.count) {
                if let pi = p[i], let qi = q[i] { d.append(pi.distance(to: qi)) }
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
        // No knee or ankle: hip to heel.
        for side in Side.allCases {
            if let d = medianDistance(.hip(side), .heel(side)) { lengths.append(d) }
        }
        return lengths.isEmpty ? nil : lengths.reduce(0, +) / Double(lengths.count)
    }

    /// Segmental centre of mass (`SegmentalCentreOfMass`, de Leva 1996) where every segment is present,
    /// else mid-hip (labelled).
    static func centreOfMass(
        _ table: [Landmark: PointColumn], frames n: Int, midHip: [PlanePoint?], midShoulder: [PlanePoint?]
    ) -> ([PlanePoint?], CentreOfMassMethod) {
        guard SegmentalCentreOfMass.landmarks.allSatisfy({ table[$0] != nil }) else {
            return (midHip, .midHipForMissingLandmarks)
        }
        func c(_ l: Landmark) -> PointColumn { table[l] ?? .missing }
        let head = c(.head)
        let limbs = Side.allCases.map { side in
            (c(.shoulder(side)), c(.elbow(side)), c(.wrist(side)), c(.hip(side)), c(.knee(side)), c(.ankle(side)), c(.heel(side)), c(.toe(side)))
        }
        func limb(_ k: Int, at i: Int) -> SegmentalCentreOfMass.Limb? {
            let l = limbs[k]
            guard let sh = l.0[i], let el = l.1[i], let wr = l.2[i], let hp = l.3[i],
                  let kn = l.4[i], let an = l.5[i], let he = l.6[i], let to = l.7[i] else { return nil }
            return .init(shoulder: sh, elbow: el, wrist: wr, hip: hp, knee: kn, ankle: an, heel: he, toe: to)
        }
        var com = midHip
        var segmentalFrames = 0
        for i in 0..<n {
            // Side.allCases is [left, right]: limbs[0] is the left one.
            guard let h = head[i], let hip = midHip[i], let top = midShoulder[i],
                  let left = limb(0, at: i), let right = limb(1, at: i) else { continue }
            com[i] = SegmentalCentreOfMass.of(head: h, midShoulder: top, midHip: hip, left: left, right: right)
            segmentalFrames += 1
        }
        if segmentalFrames * 10 >= n * 9 { return (com, .segmental) }
        if segmentalFrames > 0 { return (com, .segmentalWhereComplete) }
        return (midHip, .midHipForNoCompleteFrame)
    }

    // MARK: - Angles per frame (degrees, NaN where not measurable)

    private func series(_ f: (Int) -> Double?) -> [Double] {
        var out = [Double](repeating: .nan, count: sequence.frameCount)
        for i in 0..<out.count { if let v = f(i) { out[i] = v } }
        return out
    }

    /// 180° − hip–knee–ankle angle: 0 with a straight knee.
    func kneeFlexion(_ side: Side) -> [Double] {
        let hip = column(.hip(side)), knee = column(.knee(side)), ankle = column(.ankle(side))
        return series { i in
            guard let h = hip[i], let k = knee[i], let a = ankle[i] else { return nil }
            return 180 - Angle.interiorDegrees(h, k, a)
        }
    }

    /// Knee→ankle line vs vertical, positive when the ankle is ahead of the knee.
    func shankAngle(_ side: Side) -> [Double] {
        let knee = column(.knee(side)), ankle = column(.ankle(side))
        return series { i in
            guard let k = knee[i], let a = ankle[i] else { return nil }
            return Angle.fromVerticalDegrees(dx: a.x - k.x, dy: k.y - a.y)
        }
    }

    /// Hip→knee line vs vertical, positive when the knee is ahead of the hip (flexion), negative behind.
    func thighAngle(_ side: Side) -> [Double] {
        let hip = column(.hip(side)), knee = column(.knee(side))
        return series { i in
            guard let h = hip[i], let k = knee[i] else { return nil }
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
        let heel = column(.heel(side)), toe = column(.toe(side))
        return series { i in
            guard let h = heel[i], let t = toe[i] else { return nil }
            return Angle.degrees(atan2Safe(t.y - h.y, t.x - h.x))
        }
    }

    /// Upper arm (shoulder→elbow) angle relative to the trunk's downward line, forward positive.
    func upperArmAngle(_ side: Side) -> [Double] {
        let shoulder = column(.shoulder(side)), elbow = column(.elbow(side))
        return series { i in
            guard let sh = shoulder[i], let el = elbow[i], let hip = midHip[i], let top = midShoulder[i] else { return nil }
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
        let shoulder = column(.shoulder(side)), elbow = column(.elbow(side)), wrist = column(.wrist(side))
        return series { i in
            guard let s = shoulder[i], let e = elbow[i], let w = wrist[i] else { return nil }
            return Angle.interiorDegrees(s, e, w)
        }
    }

    /// Distance from heel to mid-hip, per frame (pull: how close the heel comes under the hip).
    func heelToHipDistance(_ side: Side) -> [Double] {
        let heel = column(.heel(side)), ankle = column(.ankle(side)), hipColumn = column(.hip(side))
        return series { i in
            guard let h = heel[i] ?? ankle[i], let hip = hipColumn[i] ?? midHip[i] else { return nil }
            return h.distance(to: hip)
        }
    }

    /// A point along the heel→toe line (0 = heel, 1 = toe), or the one present.
    func footPoint(_ side: Side, fraction: Double, at i: Int) -> PlanePoint? {
        guard i >= 0, i < sequence.frameCount else { return nil }
        switch (column(.heel(side))[i], column(.toe(side))[i]) {
        case let (h?, t?): return h + (t - h) * fraction
        case let (h?, nil): return h
        case let (nil, t?): return t
        default: return column(.ankle(side))[i]
        }
    }
}

/// A landmark's positions frame by frame, read from its track's columns: `nil` where it is missing or out of range.
struct PointColumn: Sendable {
    private let x: [Double]
    private let y: [Double]

    init(track: LandmarkTrack?) {
        x = track?.x ?? []
        y = track?.y ?? []
    }

    static let missing = PointColumn(track: nil)

    var count: Int { x.count }

    subscript(frame: Int) -> PlanePoint? {
        // x and y have one length (`LandmarkTrack` checks it).
        guard frame >= 0, frame < x.count else { return nil }
        let px = x[frame], py = y[frame]
        return px.isFinite && py.isFinite ? PlanePoint(x: px, y: py) : nil
    }
}
