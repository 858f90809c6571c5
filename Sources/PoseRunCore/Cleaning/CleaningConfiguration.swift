/// How keypoints are cleaned before events and metrics: every default with its reason, in one place.
public struct CleaningConfiguration: Sendable, Hashable {
    /// Samples whose confidence is below this are treated as missing.
    /// Default 0.3: Sports2D's `keypoint_likelihood_threshold` (its Config_demo.toml).
    public var confidenceThreshold: Double
    /// Gaps up to this long (seconds) are filled; longer ones stay missing.
    /// Default 0.1 s: Sports2D fills gaps under 10 frames (`interp_gap_smaller_than`), i.e. 0.1–0.17 s at
    /// 60–100 fps; a running step lasts ~0.33 s, so 0.1 s cannot hide a contact or a toe-off.
    public var maximumGapSeconds: Double
    /// Whether to detect and undo left/right label swaps of the legs and arms.
    public var correctsLeftRightSwaps: Bool
    /// Tuning of the swap detector (see `LeftRightSwapCorrector`).
    public var swapDetection: SwapDetection
    /// At or above this frame rate the swap corrector's change penalty applies in full; below, it shrinks in
    /// proportion. Why: the motion scale is the median second difference of the limb tracks, dominated by the
    /// swing foot, whose second differences grow as 1/rate²; so at 30 fps a mislabelled foot's normalised
    /// evidence is several times smaller than at 60 fps, and the full penalty (tuned at 60 fps) kept one-frame
    /// swaps of a 30 fps clip (jogging-overground-side.mp4) or corrected them on the wrong frames. Default 60.
    public var fullSwapEvidenceFrameRate: Double
    /// A planted foot (see `StanceLabelCorrector`): observations of either label staying within this many leg
    /// lengths of their mean. 0.3: BlazePose's foot centre wanders ~0.2 leg lengths over a 30 fps contact
    /// (heel landing, then rising; jogging-overground-side.mp4), while the swing foot passes the planted one
    /// about half a leg length above it; heuristic.
    public var plantedFootToleranceLegLengths: Double
    /// …for at least this long: 0.08 s, the shortest sprint contact (elite sprinters ~0.08–0.1 s), at least
    /// 3 frames; a swinging foot never stays that long in one place.
    public var plantedFootMinimumSeconds: Double
    /// …and only when the hips travel this many leg lengths across the view (overground, static camera): 2,
    /// as `AnalysisConfiguration.overgroundTravelLegLengths`.
    public var plantedFootMinimumTravelLegLengths: Double
    /// …and only when the camera stood still: the hips' net image speed at least this fraction of the feet's
    /// median speed relative to the hips. A still camera gives ~1; a camera panning with the runner near 0
    /// (sprint-100m-panning.mp4, where the runner drifts across the view but slowly); 0.5 splits them; heuristic.
    public var plantedFootStillCameraHipSpeedFraction: Double
    /// Merged legs (see `MergedLegDetector`): a frame whose two legs' knee, ankle, heel and toe all lie within
    /// this many leg lengths of their other-side twins. 0.1 (heuristic): BlazePose's glitch on
    /// jogging-overground-side.mp4 frame 21 drew both legs on one at 0.08; in running the swing foot passes the
    /// stance foot far higher than that (ratios ≥ 0.16 over the shared clips' running frames), while a walker's
    /// legs crossing come to 0.08–0.09 — also left out when brief, which costs one interpolated frame.
    public var mergedLegsToleranceLegLengths: Double
    /// …for no longer than this: 0.1 s (3 frames at 30 fps). Longer runs are someone standing with the feet
    /// together (the walking clip: 0.5 s at 0.03 leg lengths), which is real and stays.
    public var mergedLegsLongestSeconds: Double
    /// Whether to remove confident single-frame spikes (see `OutlierRejector`).
    public var rejectsOutliers: Bool
    /// A spike must exceed this many times the track's median frame-to-frame roughness (|p − mean of
    /// neighbours|)… Default 6: noise alone reaches that about once in 10⁵ samples (Rayleigh tail).
    public var outlierThreshold: Double
    /// …and at least this many leg lengths. Default 0.04 (~3.5 cm): a foot stopping at contact bends its
    /// track by up to ~2–3 cm per frame at 30 fps, which is motion, not a spike.
    public var outlierFloorLegLengths: Double
    /// Whether to low-pass filter (zero-lag Butterworth).
    public var filters: Bool
    /// Cut-off of the zero-lag low-pass filter, in Hz.
    /// Default 10 Hz (heuristic): Winter 2009 (§3.4.4) puts the signal of walking markers below ~6 Hz;
    /// running doubles the step rate and sharpens foot contacts, so its useful content reaches ~10 Hz.
    public var cutoffHz: Double
    /// The cut-off never exceeds this fraction of the frame rate (0.2 = 0.4 × Nyquist), so at low frame
    /// rates the filter still removes noise instead of sitting on the Nyquist frequency.
    public var maximumCutoffFractionOfFrameRate: Double

    public init(
        confidenceThreshold: Double = 0.3, maximumGapSeconds: Double = 0.1, correctsLeftRightSwaps: Bool = true,
        swapDetection: SwapDetection = .init(), rejectsOutliers: Bool = true, outlierThreshold: Double = 6,
        outlierFloorLegLengths: Double = 0.04, filters: Bool = true, cutoffHz: Double = 10,
        maximumCutoffFractionOfFrameRate: Double = 0.2, fullSwapEvidenceFrameRate: Double = 60,
        plantedFootToleranceLegLengths: Double = 0.3, plantedFootMinimumSeconds: Double = 0.08,
        plantedFootMinimumTravelLegLengths: Double = 2, plantedFootStillCameraHipSpeedFraction: Double = 0.5,
        mergedLegsToleranceLegLengths: Double = 0.1, mergedLegsLongestSeconds: Double = 0.1
    ) {
        self.mergedLegsToleranceLegLengths = mergedLegsToleranceLegLengths
        self.mergedLegsLongestSeconds = mergedLegsLongestSeconds
        self.plantedFootStillCameraHipSpeedFraction = plantedFootStillCameraHipSpeedFraction
        self.plantedFootToleranceLegLengths = plantedFootToleranceLegLengths
        self.plantedFootMinimumSeconds = plantedFootMinimumSeconds
        self.plantedFootMinimumTravelLegLengths = plantedFootMinimumTravelLegLengths
        self.fullSwapEvidenceFrameRate = fullSwapEvidenceFrameRate
        self.confidenceThreshold = confidenceThreshold
        self.maximumGapSeconds = maximumGapSeconds
        self.correctsLeftRightSwaps = correctsLeftRightSwaps
        self.swapDetection = swapDetection
        self.rejectsOutliers = rejectsOutliers
        self.outlierThreshold = outlierThreshold
        self.outlierFloorLegLengths = outlierFloorLegLengths
        self.filters = filters
        self.cutoffHz = cutoffHz
        self.maximumCutoffFractionOfFrameRate = maximumCutoffFractionOfFrameRate
    }

    /// The cut-off actually used at a frame rate.
    public func effectiveCutoffHz(frameRate: Double) -> Double {
        min(cutoffHz, maximumCutoffFractionOfFrameRate * frameRate)
    }

    /// Costs of the swap detector's dynamic programme, in units of squared noise-normalised residuals.
    public struct SwapDetection: Sendable, Hashable {
        /// Cost of changing the swap state between two frames. Higher = fewer, surer corrections.
        /// 25 ≈ a 5-noise-SD jump: a label change must explain more than that much motion to be believed.
        public var changePenalty: Double
        /// Cost per frame of holding a swapped state: when the evidence is even (legs crossing), keep the labels.
        /// 3 keeps a wrongly entered swapped state from lasting: on synthetic runs at 1 and 1.4 (2 cm) noise
        /// SD a value of 1 let a few whole-leg flips persist for ~30 frames; 3 removed them without losing swaps.
        public var swappedFramePenalty: Double
        /// Residuals are capped at this many noise SDs, so one wild sample cannot force a swap.
        public var residualCap: Double

        public init(changePenalty: Double = 25, swappedFramePenalty: Double = 3, residualCap: Double = 6) {
            self.changePenalty = changePenalty
            self.swappedFramePenalty = swappedFramePenalty
            self.residualCap = residualCap
        }
    }
}
