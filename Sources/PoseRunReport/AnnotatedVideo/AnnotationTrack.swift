public import PoseRunCore

/// A point in image pixels: x from the left edge, y from the top edge (down positive), as drawn.
public struct ImagePoint: Sendable, Hashable {
    public var x: Double
    public var y: Double

    public init(x: Double, y: Double) {
        self.x = x
        self.y = y
    }
}

/// Everything the annotated video draws, frame by frame: a pure value built from the analysis, so
/// the drawing needs no video, no model and no analysis code to be tested.
public struct AnnotationTrack: Sendable, Hashable {
    /// What is drawn on one video frame.
    public struct Frame: Sendable, Hashable {
        /// The analysed (cleaned) keypoints of this frame; a landmark not seen is absent.
        public var points: [Landmark: ImagePoint]
        public var trunkLeanDegrees: Double?
        public var kneeFlexionDegrees: [Side: Double]

        public init(points: [Landmark: ImagePoint], trunkLeanDegrees: Double?, kneeFlexionDegrees: [Side: Double]) {
            self.points = points
            self.trunkLeanDegrees = trunkLeanDegrees
            self.kneeFlexionDegrees = kneeFlexionDegrees
        }

        /// A frame with nothing to draw (no pose found, or past the analysed frames).
        public static let empty = Frame(points: [:], trunkLeanDegrees: nil, kneeFlexionDegrees: [:])
    }

    /// A gait event pinned to a video frame.
    public struct Marker: Sendable, Hashable {
        public var side: Side
        public var kind: GaitEventKind
        public var frameIndex: Int

        public init(side: Side, kind: GaitEventKind, frameIndex: Int) {
            self.side = side
            self.kind = kind
            self.frameIndex = frameIndex
        }
    }

    /// Indexed by the video's frame index in decoding order.
    public var frames: [Frame]
    public var markers: [Marker]
    /// Frame ranges in which each foot is on the ground (initial contact through toe-off).
    public var stances: [Side: [ClosedRange<Int>]]
    /// Frames per second of the video: sets how long an event label stays up.
    public var frameRate: Double

    public init(frames: [Frame], markers: [Marker], stances: [Side: [ClosedRange<Int>]], frameRate: Double) {
        self.frames = frames
        self.markers = markers
        self.stances = stances
        self.frameRate = frameRate
    }

    /// The frame's annotation, or `.empty` beyond the analysed frames.
    public func frame(_ index: Int) -> Frame {
        index >= 0 && index < frames.count ? frames[index] : .empty
    }

    /// Builds the track from what the analysis saw.
    ///
    /// - Parameters:
    ///   - input: the keypoints given to `Analyzer` (video convention: pixels, `y = −row`,
    ///     frame numbers = video frame indices). They are cleaned here exactly as the analysis cleaned them.
    ///   - analysis: the result, for events, steps and direction of travel.
    ///   - configuration: the configuration the analysis ran with (its cleaning settings).
    public init(input: KeypointSequence, analysis: Analysis, configuration: AnalysisConfiguration) {
        self.init(cleaned: KeypointCleaner(configuration: configuration.cleaning).clean(input).sequence, analysis: analysis)
    }

    /// The track from the keypoints the analysis measured (`Analyzer.analyzeKeepingCleaned`), in the input's
    /// convention (video: pixels, `y = −row`, frame numbers = video frame indices).
    public init(cleaned: KeypointSequence, analysis: Analysis) {
        let angles = JointAngleSeries(sequence: cleaned, directionOfTravel: analysis.input.directionOfTravel)
        let lastFrame = cleaned.frameNumbers.max() ?? -1
        var frames = [Frame](repeating: .empty, count: max(0, lastFrame + 1))
        func finite(_ v: Double?) -> Double? { v.flatMap { $0.isFinite ? $0 : nil } }
        for (i, videoFrame) in cleaned.frameNumbers.enumerated() where videoFrame >= 0 {
            var points: [Landmark: ImagePoint] = [:]
            for (landmark, track) in cleaned.tracks {
                if let p = track.point(at: i) { points[landmark] = ImagePoint(x: p.x, y: -p.y) }
            }
            var knees: [Side: Double] = [:]
            for side in Side.allCases {
                if let v = finite(angles.kneeFlexionDegrees[side]?[i]) { knees[side] = v }
            }
            let lean = i < angles.trunkLeanDegrees.count ? finite(angles.trunkLeanDegrees[i]) : nil
            frames[videoFrame] = Frame(points: points, trunkLeanDegrees: lean, kneeFlexionDegrees: knees)
        }
        let markers = analysis.events.map { Marker(side: $0.side, kind: $0.kind, frameIndex: $0.frame) }
        var stances: [Side: [ClosedRange<Int>]] = [:]
        for step in analysis.steps {
            guard let toeOff = step.toeOffFrame, toeOff >= step.initialContactFrame else { continue }
            stances[step.side, default: []].append(step.initialContactFrame...toeOff)
        }
        self.init(frames: frames, markers: markers, stances: stances, frameRate: cleaned.frameRate)
    }
}
