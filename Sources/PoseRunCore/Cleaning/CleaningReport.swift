/// What cleaning did to a sequence: travels with the numbers so a reader can weigh them.
public struct CleaningReport: Sendable, Hashable {
    /// Samples that were present but fell below the confidence threshold.
    public var gatedSamples: Int
    /// Confident samples removed as single-frame spikes (then bridged like any gap).
    public var outlierSamples: Int
    /// Samples filled by short-gap interpolation.
    public var interpolatedSamples: Int
    /// Samples still missing after cleaning (gaps too long, or at the clip's ends).
    public var missingSamples: Int
    /// Runs of frames whose leg or arm labels were exchanged back (legs and arms listed separately).
    public var swapCorrections: [SwapCorrection]
    /// Frames whose legs the pose source drew on top of each other (`MergedLegDetector`): their leg points
    /// were left out and bridged like any gap.
    public var mergedLegFrames: [Int] = []
    /// Frames whose legs were taken from the sequence's second reading (`KeypointSequence.secondReading`),
    /// where it fitted the motion and segment lengths better than the first.
    public var framesFromSecondReading: [Int] = []
    /// The low-pass cut-off used, in Hz, or `nil` when nothing was filtered.
    public var filterCutoffHz: Double?
    /// Frames where every landmark the input provides was present with confidence at or above the gate.
    public var framesWithConfidentPose: Int
    /// Frames where the hips, knees, ankles, heels and toes were all confident: what gait events and the leg
    /// metrics need. In a side view the far arm is often hidden, which limits only the arm metrics.
    public var framesWithConfidentLegs: Int = 0
    /// Frames where the shoulders, elbows and wrists were all confident: what the arm metrics need.
    public var framesWithConfidentArms: Int = 0
    /// Frames that repeated the one before (`KeypointSequence.repeatedFrames`), left out and bridged.
    public var repeatedFrames: Int = 0
    /// What the cleaning could not do (no usable frame rate, no filter), as data.
    public var findings: [QualityFinding]

    public init(
        gatedSamples: Int = 0, outlierSamples: Int = 0, interpolatedSamples: Int = 0, missingSamples: Int = 0,
        swapCorrections: [SwapCorrection] = [], filterCutoffHz: Double? = nil, framesWithConfidentPose: Int = 0,
        findings: [QualityFinding] = []
    ) {
        self.gatedSamples = gatedSamples
        self.outlierSamples = outlierSamples
        self.interpolatedSamples = interpolatedSamples
        self.missingSamples = missingSamples
        self.swapCorrections = swapCorrections
        self.filterCutoffHz = filterCutoffHz
        self.framesWithConfidentPose = framesWithConfidentPose
        self.findings = findings
    }

    /// Frames in which at least one left/right label was exchanged back.
    public var swappedFrameCount: Int {
        var frames = Set<Int>()
        for c in swapCorrections { frames.formUnion(c.frames) }
        return frames.count
    }
}

/// A run of frames in which some leg or arm landmarks' left/right labels were exchanged back.
public struct SwapCorrection: Sendable, Hashable {
    public var frames: ClosedRange<Int>
    /// The left-side landmarks whose data was exchanged with their right-side mirror
    /// (all five for a whole-leg swap, all three for a whole arm).
    public var leftLandmarks: [Landmark]

    public init(frames: ClosedRange<Int>, leftLandmarks: [Landmark]) {
        self.frames = frames
        self.leftLandmarks = leftLandmarks
    }
}
