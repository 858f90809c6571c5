/// What a frame-by-frame player shows: the angles measured at every frame and every stride's key
/// moments (contact, the Pose, the Fall, the Pull) for each foot. The angles and the moments are the
/// ones the key frames read (`GaitCycleProfiles`), so the player and the key frames cannot disagree.
public struct FrameByFrame: Sendable, Hashable {
    /// One key moment of one stride.
    public struct Moment: Sendable, Hashable {
        public var side: Side
        public var kind: KeyFrameKind
        /// The input's own frame number (video: the frame index).
        public var frame: Int
        public var time: Double

        public init(side: Side, kind: KeyFrameKind, frame: Int, time: Double) {
            self.side = side
            self.kind = kind
            self.frame = frame
            self.time = time
        }
    }

    /// The cleaned sequence's frame numbers and times, one per sample of every series.
    public var frameNumbers: [Int]
    public var times: [Double]
    /// Each foot's angles per sample in degrees (definitions as on the key frames), NaN where not
    /// measured. The trunk lean is the same for both feet; the falling angle is measured only while that
    /// foot is on the ground, since it needs the support point.
    public var angles: [Side: [KeyFrameAngle: [Double]]]
    /// Every complete stride's key moments, in time order.
    public var moments: [Moment]

    public init(frameNumbers: [Int], times: [Double], angles: [Side: [KeyFrameAngle: [Double]]], moments: [Moment]) {
        self.frameNumbers = frameNumbers
        self.times = times
        self.angles = angles
        self.moments = moments
    }

    /// The series of one angle for one foot (empty when not measured at all).
    public func series(_ angle: KeyFrameAngle, _ side: Side) -> [Double] { angles[side]?[angle] ?? [] }
}

extension FrameByFrame {
    /// The frame-by-frame angles and moments of the keypoints the analysis measured
    /// (`Analyzer.analyzeKeepingCleaned`); `nil` when the analysis found no running or the body lacks the
    /// landmarks for a leg length.
    public init?(cleaned: KeypointSequence, analysis: Analysis) {
        guard let builder = ProfileBuilder(cleaned: cleaned, analysis: analysis) else { return nil }
        self.init(builder: builder, cleaned: cleaned, events: analysis.events)
    }

    init(builder: ProfileBuilder, cleaned: KeypointSequence, events: [GaitEvent]) {
        let n = cleaned.frameCount
        var angles: [Side: [KeyFrameAngle: [Double]]] = [:]
        for side in Side.allCases {
            // Stance: initial contact through the next toe-off of this foot.
            var stance = [Bool](repeating: false, count: n)
            let toeOffs = events.toeOffs(of: side)
            for ic in events.initialContacts(of: side) {
                guard let to = toeOffs.first(where: { $0.time > ic.time }) else { continue }
                let a = builder.index(at: ic.time), b = builder.index(at: to.time)
                if a <= b { for i in a...b { stance[i] = true } }
            }
            // The series the key frames read, whole; the falling angle only where the foot is on the ground.
            var series: [KeyFrameAngle: [Double]] = [:]
            for angle in KeyFrameAngle.allCases {
                if let whole = builder.series(angle, side) { series[angle] = whole.map { $0.isFinite ? $0 : .nan } }
            }
            var falling = [Double](repeating: .nan, count: n)
            for i in 0..<n where stance[i] { falling[i] = builder.fallingAngle(side, at: i) ?? .nan }
            series[.fallingAngle] = falling
            angles[side] = series
        }
        var moments: [Moment] = []
        for side in Side.allCases {
            for stride in builder.strideMoments(side) {
                for kind in KeyFrameKind.allCases {
                    guard let i = stride.indices[kind] else { continue }
                    let event = kind == .initialContact ? stride.initialContact : kind == .fall ? stride.toeOff : nil
                    moments.append(Moment(
                        side: side, kind: kind, frame: event?.frame ?? cleaned.frameNumbers[i],
                        time: event?.time ?? cleaned.times[i]))
                }
            }
        }
        moments.sort { ($0.time, $0.side.rawValue) < ($1.time, $1.side.rawValue) }
        self.init(frameNumbers: cleaned.frameNumbers, times: cleaned.times, angles: angles, moments: moments)
    }
}
