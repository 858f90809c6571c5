/// Curves over the gait cycle (0–100 % from one initial contact to the next of the same foot) and the
/// body's pose at the Pose Method's key moments: what a report draws, small enough to keep in analysis.json.
///
/// Computed from the input sequence and its analysis (the sequence is cleaned again with the same
/// configuration, so the curves are those the metrics were measured on).
public struct GaitCycleProfiles: Sendable, Hashable, Codable {
    /// Samples per curve: 0, 2, 4 … 100 % of the cycle. Two per cent is finer than a 60 fps frame at
    /// any running cadence (a stride of 0.7 s has 42 frames), so no detail is lost.
    public static let samplesPerCycle = 51

    public var left: SideProfile?
    public var right: SideProfile?
    /// The key moments of one representative stride per side.
    public var keyFrames: [KeyFrame]
    /// Which way the runner travels along the input's x axis (+1 or −1); key-frame points are in the
    /// input's own coordinates (video: pixels with y up), so a drawing must mirror when this is −1.
    public var directionOfTravel: Int
    /// Unit of the key-frame points (`metres` or `pixels`).
    public var lengthUnit: LengthUnit

    public init(left: SideProfile?, right: SideProfile?, keyFrames: [KeyFrame], directionOfTravel: Int, lengthUnit: LengthUnit) {
        self.left = left
        self.right = right
        self.keyFrames = keyFrames
        self.directionOfTravel = directionOfTravel
        self.lengthUnit = lengthUnit
    }

    /// The profile of one side.
    public func profile(_ side: Side) -> SideProfile? { side == .left ? left : right }

    /// The key frame of one side and kind, if the clip had a complete stride on that side.
    public func keyFrame(_ side: Side, _ kind: KeyFrameKind) -> KeyFrame? {
        keyFrames.first { $0.side == side && $0.kind == kind }
    }

    enum CodingKeys: String, CodingKey {
        case left, right
        case keyFrames = "key_frames"
        case directionOfTravel = "direction_of_travel"
        case lengthUnit = "length_unit"
    }
}

/// The curves a report draws over the gait cycle.
public enum ProfileCurve: String, Sendable, Hashable, Codable, CaseIterable, CodingKeyRepresentable {
    /// 180° − hip–knee–ankle angle.
    case kneeFlexion = "knee_flexion_deg"
    /// Hip→knee line vs vertical, forward positive (hip flexion seen from the side; negative = extension).
    case thighAngle = "thigh_angle_deg"
    /// Mid-hip→mid-shoulder line vs vertical, forward positive (the same for both sides' cycles).
    case trunkLean = "trunk_lean_deg"
    /// Heel above the clip's ground level, in leg lengths.
    case heelHeight = "heel_height_leg_lengths"
    /// Toe above the clip's ground level, in leg lengths.
    case toeHeight = "toe_height_leg_lengths"
    /// Centre of mass above the clip's ground level, in leg lengths.
    case centreOfMassHeight = "com_height_leg_lengths"
}

/// One side's mean ± SD curves over its gait cycles.
public struct SideProfile: Sendable, Hashable, Codable {
    /// Complete cycles averaged (initial contact to the next of the same foot).
    public var cycles: Int
    /// Mean toe-off as a percentage of the cycle (end of stance), when toe-offs were found.
    public var toeOffPercent: Double?
    /// The curves that could be drawn (written keyed by `ProfileCurve` raw value).
    public var curves: [ProfileCurve: CycleCurve]

    public init(cycles: Int, toeOffPercent: Double?, curves: [ProfileCurve: CycleCurve]) {
        self.cycles = cycles
        self.toeOffPercent = toeOffPercent
        self.curves = curves
    }

    public func curve(_ kind: ProfileCurve) -> CycleCurve? { curves[kind] }

    enum CodingKeys: String, CodingKey {
        case cycles
        case toeOffPercent = "toe_off_pct"
        case curves
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        cycles = try c.decode(Int.self, forKey: .cycles)
        toeOffPercent = try c.decodeIfPresent(Double.self, forKey: .toeOffPercent)
        curves = try c.decodeKeyed([ProfileCurve: CycleCurve].self, forKey: .curves)
    }
}

/// Mean and SD at each sample of the cycle (`nil` where no cycle had a value).
public struct CycleCurve: Sendable, Hashable, Codable {
    public var mean: [Double?]
    public var sd: [Double?]

    public init(mean: [Double?], sd: [Double?]) {
        self.mean = mean
        self.sd = sd
    }

    /// Percent of the cycle of sample `i`.
    public static func percent(ofSample i: Int) -> Double {
        Double(i) * 100 / Double(GaitCycleProfiles.samplesPerCycle - 1)
    }
}

/// The Pose Method's moments of a stride (domain brief §1).
public enum KeyFrameKind: String, Sendable, Hashable, Codable, CaseIterable {
    /// The foot's first contact.
    case initialContact = "initial_contact"
    /// Mid-stance: halfway from contact to toe-off (the same moment the mid-stance falling angle is read).
    case pose
    /// Toe-off: the end of the fall.
    case fall
    /// Peak knee flexion in swing: the heel pulled up under the hip.
    case pull
}

/// The body at one key moment, with the angles measured there.
public struct KeyFrame: Sendable, Hashable, Codable {
    public var side: Side
    public var kind: KeyFrameKind
    /// The input's own frame number (video: the frame index) and time in seconds.
    public var frame: Int
    public var time: Double
    /// Cleaned landmark positions in the input's coordinates (y up), written keyed by `Landmark` raw value.
    public var points: [Landmark: PlanePoint]
    public var centreOfMass: PlanePoint?
    /// The ball of the support foot (stance key frames only).
    public var supportPoint: PlanePoint?
    /// Angles at this frame in degrees (written keyed by `KeyFrameAngle` raw value).
    public var angles: [KeyFrameAngle: Double]

    public init(
        side: Side, kind: KeyFrameKind, frame: Int, time: Double, points: [Landmark: PlanePoint],
        centreOfMass: PlanePoint?, supportPoint: PlanePoint?, angles: [KeyFrameAngle: Double]
    ) {
        self.side = side
        self.kind = kind
        self.frame = frame
        self.time = time
        self.points = points
        self.centreOfMass = centreOfMass
        self.supportPoint = supportPoint
        self.angles = angles
    }

    public func point(_ landmark: Landmark) -> PlanePoint? { points[landmark] }
    public func angle(_ angle: KeyFrameAngle) -> Double? { angles[angle] }

    enum CodingKeys: String, CodingKey {
        case side, kind, frame, time, points
        case centreOfMass = "centre_of_mass"
        case supportPoint = "support_point"
        case angles
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        side = try c.decode(Side.self, forKey: .side)
        kind = try c.decode(KeyFrameKind.self, forKey: .kind)
        frame = try c.decode(Int.self, forKey: .frame)
        time = try c.decode(Double.self, forKey: .time)
        points = try c.decodeKeyed([Landmark: PlanePoint].self, forKey: .points)
        centreOfMass = try c.decodeIfPresent(PlanePoint.self, forKey: .centreOfMass)
        supportPoint = try c.decodeIfPresent(PlanePoint.self, forKey: .supportPoint)
        angles = try c.decodeKeyed([KeyFrameAngle: Double].self, forKey: .angles)
    }
}

/// The angles measured on a key frame (definitions as in docs/analysis-json.md).
public enum KeyFrameAngle: String, Sendable, Hashable, Codable, CaseIterable, CodingKeyRepresentable {
    case trunkLean = "trunk_lean_deg"
    case kneeFlexion = "knee_flexion_deg"
    case shankAngle = "shank_angle_deg"
    /// Heel→toe line vs horizontal, toe up positive (raw: no standing offset removed).
    case footAngle = "foot_angle_deg"
    /// Support point → centre of mass vs vertical, forward positive.
    case fallingAngle = "falling_angle_deg"
    case thighAngle = "thigh_angle_deg"
}

// MARK: - Computation

extension GaitCycleProfiles {
    /// Profiles of `sequence`, whose analysis is `analysis` (made with `configuration`); `nil` when the
    /// analysis found no running or the body lacks the landmarks for a leg length.
    public init?(sequence: KeypointSequence, analysis: Analysis, configuration: AnalysisConfiguration = AnalysisConfiguration()) {
        self.init(cleaned: KeypointCleaner(configuration: configuration.cleaning).clean(sequence).sequence, analysis: analysis)
    }

    /// Profiles from the keypoints the analysis measured (`Analyzer.analyzeKeepingCleaned`).
    public init?(cleaned: KeypointSequence, analysis: Analysis) {
        guard let builder = ProfileBuilder(cleaned: cleaned, analysis: analysis) else { return nil }
        self.init(builder: builder, lengthUnit: cleaned.lengthUnit)
    }

    init(builder: ProfileBuilder, lengthUnit: LengthUnit) {
        self.init(
            left: builder.profile(.left), right: builder.profile(.right),
            keyFrames: Side.allCases.flatMap { builder.keyFrames($0) },
            directionOfTravel: builder.sign, lengthUnit: lengthUnit)
    }
}

/// The arithmetic behind `GaitCycleProfiles`, on one cleaned sequence.
struct ProfileBuilder {
    let raw: KeypointSequence
    let kinematics: BodyKinematics
    let legLength: Double
    let events: [GaitEvent]
    let sign: Int
    /// The per-frame angle series, computed once (the key frames and the player both read them).
    let trunkLean: [Double]
    let kneeFlexion: [Side: [Double]]
    let shankAngle: [Side: [Double]]
    let footAngle: [Side: [Double]]
    let thighAngle: [Side: [Double]]

    /// The builder for the keypoints an analysis measured, oriented to its direction of travel; `nil` when
    /// the analysis found no running or the body lacks the landmarks for a leg length.
    init?(cleaned: KeypointSequence, analysis: Analysis) {
        guard analysis.running.isRunning, cleaned.frameCount > 1 else { return nil }
        let sign = analysis.input.directionOfTravel < 0 ? -1 : 1
        self.init(cleaned: cleaned, oriented: BodyKinematics(sequence: TravelDirection.oriented(cleaned, sign: sign)), analysis: analysis)
    }

    /// The same from the kinematics of `cleaned` already oriented to the analysis' direction of travel.
    init?(cleaned: KeypointSequence, oriented kinematics: BodyKinematics, analysis: Analysis) {
        guard analysis.running.isRunning, cleaned.frameCount > 1 else { return nil }
        guard let legLength = kinematics.legLength, legLength > 0 else { return nil }
        let sign = analysis.input.directionOfTravel < 0 ? -1 : 1
        self.init(raw: cleaned, kinematics: kinematics, legLength: legLength, events: analysis.events, sign: sign)
    }

    init(raw: KeypointSequence, kinematics: BodyKinematics, legLength: Double, events: [GaitEvent], sign: Int) {
        self.raw = raw
        self.kinematics = kinematics
        self.legLength = legLength
        self.events = events
        self.sign = sign
        trunkLean = kinematics.trunkLean()
        func each(_ f: (Side) -> [Double]) -> [Side: [Double]] {
            Dictionary(uniqueKeysWithValues: Side.allCases.map { ($0, f($0)) })
        }
        kneeFlexion = each(kinematics.kneeFlexion)
        shankAngle = each(kinematics.shankAngle)
        footAngle = each(kinematics.footAngle)
        thighAngle = each(kinematics.thighAngle)
    }

    /// A stride longer than this many times the median stride skips a missed contact; not averaged. The
    /// same ratio the step measurer leaves such steps out by (`AnalysisConfiguration.missedContactStepRatio`).
    static let longestStrideOfMedian = AnalysisConfiguration.defaultMissedContactStepRatio
    /// Nor a stride longer than this, whatever the median: with only one or two strides the median is no
    /// guide, and running at 140 steps/min or more takes under 0.9 s a stride, so 1.5 s means a missed
    /// contact or a lost track (on the panning sprint clip a 2 s "stride" put the Pull a second away from
    /// its toe-off). Heuristic.
    static let longestStrideSeconds = 1.5

    var times: [Double] { raw.times }

    /// The frame index nearest a time.
    func index(at time: Double) -> Int {
        let t = raw.times
        var lo = 0, hi = t.count - 1
        while lo < hi {
            let mid = (lo + hi) / 2
            if t[mid] < time { lo = mid + 1 } else { hi = mid }
        }
        if lo > 0, abs(t[lo - 1] - time) <= abs(t[lo] - time) { return lo - 1 }
        return lo
    }

    /// Consecutive same-side initial contacts whose interval is not a skipped contact.
    func strides(_ side: Side) -> [(start: GaitEvent, end: GaitEvent)] {
        let ics = events.initialContacts(of: side)
        let pairs = zip(ics, ics.dropFirst()).map { (start: $0, end: $1) }
        guard let median = Signal.median(pairs.map { $0.end.time - $0.start.time }) else { return [] }
        return pairs.filter {
            let duration = $0.end.time - $0.start.time
            return duration <= median * Self.longestStrideOfMedian && duration <= Self.longestStrideSeconds
        }
    }

    /// The ground: a low percentile of every foot point's height over the clip.
    var groundLevel: Double {
        var ys: [Double] = []
        for side in Side.allCases {
            for l in [Landmark.heel(side), .toe(side), .ankle(side)] {
                if let t = kinematics.sequence.tracks[l] { ys += t.y.filter(\.isFinite) }
            }
        }
        return Signal.quantile(ys, 0.01) ?? 0
    }

    func series(_ kind: ProfileCurve, _ side: Side, ground: Double) -> [Double] {
        switch kind {
        case .kneeFlexion: return kneeFlexion[side] ?? kinematics.kneeFlexion(side)
        case .thighAngle: return thighAngle[side] ?? kinematics.thighAngle(side)
        case .trunkLean: return trunkLean
        case .heelHeight: return heights(kinematics.sequence.tracks[.heel(side)]?.y, ground)
        case .toeHeight: return heights(kinematics.sequence.tracks[.toe(side)]?.y, ground)
        case .centreOfMassHeight: return heights(kinematics.centreOfMass.map { $0?.y ?? .nan }, ground)
        }
    }

    func heights(_ y: [Double]?, _ ground: Double) -> [Double] {
        guard let y else { return [] }
        return y.map { ($0 - ground) / legLength }
    }

    /// Linear interpolation of a per-frame series at a time; NaN where a neighbour is missing.
    func value(_ s: [Double], at time: Double) -> Double {
        guard !s.isEmpty else { return .nan }
        let t = times
        let i = index(at: time)
        let (a, b) = t[i] <= time ? (i, min(i + 1, t.count - 1)) : (max(i - 1, 0), i)
        guard a != b, t[b] > t[a] else { return s[a] }
        let f = (time - t[a]) / (t[b] - t[a])
        return s[a] + (s[b] - s[a]) * f
    }

    func profile(_ side: Side) -> SideProfile? {
        let strides = strides(side)
        guard !strides.isEmpty else { return nil }
        let ground = groundLevel
        let n = GaitCycleProfiles.samplesPerCycle
        var curves: [ProfileCurve: CycleCurve] = [:]
        for kind in ProfileCurve.allCases {
            let s = series(kind, side, ground: ground)
            guard !s.isEmpty else { continue }
            var mean = [Double?](repeating: nil, count: n), sd = [Double?](repeating: nil, count: n)
            for k in 0..<n {
                let p = Double(k) / Double(n - 1)
                let values = strides.map { value(s, at: $0.start.time + p * ($0.end.time - $0.start.time)) }
                if let stats = Statistics(values) {
                    mean[k] = stats.mean
                    sd[k] = stats.sd
                }
            }
            if mean.contains(where: { $0 != nil }) { curves[kind] = CycleCurve(mean: mean, sd: sd) }
        }
        let toeOffs = events.toeOffs(of: side)
        let fractions: [Double] = strides.compactMap { stride in
            guard let to = toeOffs.first(where: { $0.time > stride.start.time && $0.time < stride.end.time }) else { return nil }
            return (to.time - stride.start.time) / (stride.end.time - stride.start.time) * 100
        }
        let toePercent = fractions.isEmpty ? nil : fractions.reduce(0, +) / Double(fractions.count)
        return SideProfile(cycles: strides.count, toeOffPercent: toePercent, curves: curves)
    }

    /// One stride's key moments as sample indices, with the events that mark the contact and the toe-off.
    struct StrideMoments {
        var initialContact: GaitEvent
        var toeOff: GaitEvent
        var indices: [KeyFrameKind: Int]
    }

    /// Every complete stride's key moments (a stride with a toe-off inside it). The one definition of
    /// the Pose (halfway from contact to toe-off) and the Pull (peak knee flexion between toe-off and the
    /// next contact), read by the key frames and by the report's player.
    func strideMoments(_ side: Side) -> [StrideMoments] {
        let toeOffs = events.toeOffs(of: side)
        let knee = kneeFlexion[side] ?? kinematics.kneeFlexion(side)
        return strides(side).compactMap { stride in
            guard let to = toeOffs.first(where: { $0.time > stride.start.time && $0.time < stride.end.time }) else { return nil }
            let iIC = index(at: stride.start.time), iTO = index(at: to.time), iNext = index(at: stride.end.time)
            var iPull = (iTO + iNext) / 2
            if iNext > iTO, let peak = Signal.argmax(knee, in: iTO...iNext) { iPull = peak.index }
            return StrideMoments(
                initialContact: stride.start, toeOff: to,
                indices: [.initialContact: iIC, .pose: (iIC + iTO) / 2, .fall: iTO, .pull: iPull])
        }
    }

    /// The key frames of the stride nearest the middle of the clip that has a toe-off inside it.
    func keyFrames(_ side: Side) -> [KeyFrame] {
        let complete = strideMoments(side)
        guard !complete.isEmpty else { return [] }
        let m = complete[(complete.count - 1) / 2]
        return KeyFrameKind.allCases.compactMap { kind in
            guard let i = m.indices[kind] else { return nil }
            let event = kind == .initialContact ? m.initialContact : kind == .fall ? m.toeOff : nil
            return frame(side, kind, at: i, event: event, stance: kind != .pull)
        }
    }

    /// The angles measured on `side` at sample `i`; the falling angle only when `stance` (it needs a support point).
    func angles(_ side: Side, at i: Int, stance: Bool) -> [KeyFrameAngle: Double] {
        var angles: [KeyFrameAngle: Double] = [:]
        func put(_ a: KeyFrameAngle, _ v: Double?) { if let v, v.isFinite { angles[a] = v } }
        put(.trunkLean, trunkLean[i])
        put(.kneeFlexion, kneeFlexion[side]?[i])
        put(.shankAngle, shankAngle[side]?[i])
        put(.footAngle, footAngle[side]?[i])
        put(.thighAngle, thighAngle[side]?[i])
        if stance { put(.fallingAngle, fallingAngle(side, at: i)) }
        return angles
    }

    /// Support point (ball of `side`'s foot) → centre of mass vs vertical at sample `i`, forward positive.
    func fallingAngle(_ side: Side, at i: Int) -> Double? {
        guard let c = kinematics.centreOfMass[i],
              let s = kinematics.footPoint(side, fraction: Anthropometry.ballOfFootFraction, at: i) else { return nil }
        return Angle.fromVerticalDegrees(dx: c.x - s.x, dy: c.y - s.y)
    }

    /// A whole per-frame series of one angle (the falling angle is per stance frame: see `FrameByFrame`).
    func series(_ angle: KeyFrameAngle, _ side: Side) -> [Double]? {
        switch angle {
        case .trunkLean: return trunkLean
        case .kneeFlexion: return kneeFlexion[side]
        case .shankAngle: return shankAngle[side]
        case .footAngle: return footAngle[side]
        case .thighAngle: return thighAngle[side]
        case .fallingAngle: return nil
        }
    }

    func frame(_ side: Side, _ kind: KeyFrameKind, at i: Int, event: GaitEvent?, stance: Bool) -> KeyFrame {
        var points: [Landmark: PlanePoint] = [:]
        for (landmark, track) in raw.tracks { if let p = track.point(at: i) { points[landmark] = p } }
        /// Back from the oriented frame (forward +x) to the input's coordinates.
        func unoriented(_ p: PlanePoint?) -> PlanePoint? { p.map { PlanePoint(x: $0.x * Double(sign), y: $0.y) } }
        let com = kinematics.centreOfMass[i]
        let support = stance ? kinematics.footPoint(side, fraction: Anthropometry.ballOfFootFraction, at: i) : nil
        let angles = self.angles(side, at: i, stance: stance)
        return KeyFrame(
            side: side, kind: kind, frame: event?.frame ?? raw.frameNumbers[i], time: event?.time ?? raw.times[i],
            points: points, centreOfMass: unoriented(com), supportPoint: unoriented(support), angles: angles)
    }
}
