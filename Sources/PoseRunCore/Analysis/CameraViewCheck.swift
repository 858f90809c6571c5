
/// Checks how well a video saw the runner before anything is measured: is the view side-on, is the
/// runner big enough in the frame, does the pose stay in view, is the frame rate enough for contact
/// timing (domain brief §5: a camera not perpendicular to the line of running, small runners and
/// low frame rates are failure modes to handle, not ignore).
///
/// Pure: works on the keypoints (image pixels, y up; only differences of y are used) and the image
/// size. Every threshold is in ``CameraViewConfiguration``.
public struct CameraViewCheck: Sendable {
    public var configuration: CameraViewConfiguration

    public init(configuration: CameraViewConfiguration = CameraViewConfiguration()) {
        self.configuration = configuration
    }

    /// Checks a video's keypoints. `imageWidth` is the decoded frame width in pixels (after rotation).
    public func check(_ sequence: KeypointSequence, imageWidth: Int, imageHeight: Int) -> CameraViewReport {
        let n = sequence.frameCount
        let c = configuration
        var findings: [CameraViewFinding] = []
        let hasPose = (0..<n).map { i in
            sequence.point(.leftHip, at: i) != nil || sequence.point(.rightHip, at: i) != nil
        }
        let framesWithPose = hasPose.filter { $0 }.count
        guard framesWithPose > 0 else {
            findings.append(CameraViewFinding(
                .noPose, "No person was detected in any of the \(n) frames. Film the runner side-on, whole body in view "
                    + "(head to feet), filling at least a third of the frame height."))
            return CameraViewReport(frames: n, framesWithPose: 0, frameRate: sequence.frameRate, findings: findings)
        }

        // Size: apparent body height (head, or mid-shoulder, to the lowest foot point), median over frames.
        var heights: [Double] = []
        var torsoLengths: [Double] = []
        var shoulderRatios: [Double] = []
        var legLengths: [Double] = []
        var ankleSeparations: [Double] = []
        for i in 0..<n where hasPose[i] {
            let shoulders = Self.pair(sequence, .leftShoulder, .rightShoulder, at: i)
            let hips = Self.pair(sequence, .leftHip, .rightHip, at: i)
            let feet = [Landmark.leftHeel, .rightHeel, .leftToe, .rightToe, .leftAnkle, .rightAnkle]
                .compactMap { sequence.point($0, at: i)?.y }
            let top = sequence.point(.head, at: i)?.y ?? shoulders.map { ($0.0.y + $0.1.y) / 2 }
            if let top, let lowest = feet.min(), top > lowest { heights.append(top - lowest) }
            if let s = shoulders, let h = hips {
                let torso = PlanePoint.midpoint(s.0, s.1).distance(to: PlanePoint.midpoint(h.0, h.1))
                if torso > 0 {
                    torsoLengths.append(torso)
                    shoulderRatios.append(abs(s.0.x - s.1.x) / torso)
                }
            }
            for side in Side.allCases {
                if let hip = sequence.point(.hip(side), at: i), let ankle = sequence.point(.ankle(side), at: i) {
                    legLengths.append(hip.distance(to: ankle))
                }
            }
            if let a = Self.pair(sequence, .leftAnkle, .rightAnkle, at: i) { ankleSeparations.append(abs(a.0.x - a.1.x)) }
        }
        var report = CameraViewReport(frames: n, framesWithPose: framesWithPose, frameRate: sequence.frameRate, findings: [])
        report.medianBodyHeightPixels = Self.quantile(heights, 0.5)
        if let h = report.medianBodyHeightPixels, imageHeight > 0 { report.bodyHeightFractionOfFrame = h / Double(imageHeight) }
        if let h = report.medianBodyHeightPixels {
            let footPixels = h * Anthropometry.footLengthFractionOfHeight
            if h < c.smallestAnalysableBodyHeightPixels {
                findings.append(CameraViewFinding(
                    .runnerTooSmallToAnalyse,
                    "The runner is only about \(Int(h.rounded())) px tall in the frame (foot ≈ \(Int(footPixels.rounded())) px): "
                        + "one pixel of error moves the foot angle by more than \(Int(c.unusableFootAngleErrorPerPixelDegrees))°. "
                        + "Film closer or zoom in so the runner fills at least a third of the frame height."))
            } else if h < c.smallBodyHeightPixels {
                findings.append(CameraViewFinding(
                    .runnerSmall,
                    "The runner is about \(Int(h.rounded())) px tall in the frame: foot angles are coarse "
                        + "(±\(Self.format(footAngleErrorPerPixel(bodyHeightPixels: h)))° per pixel of error). Film closer for better numbers."))
            }
        }

        // Side-on: shoulders seen side-on overlap; seen from the front they are ~0.9 torso lengths apart.
        if shoulderRatios.count >= c.fewestFramesForViewAngle, let ratio = Self.quantile(shoulderRatios, 0.5) {
            report.shoulderWidthToTorsoRatio = ratio
            let angle = asinSafe(min(1, ratio / c.frontalShoulderWidthToTorsoRatio)) * 180 / .pi
            report.estimatedAngleFromSideOnDegrees = angle
            if angle > c.largestAngleFromSideOnDegrees {
                findings.append(CameraViewFinding(
                    .notSideOn,
                    "The view looks about \(Int(angle.rounded()))° away from side-on (shoulders \(Self.format(ratio)) torso lengths apart; "
                        + "side-on they overlap): angles and overstride are distorted. Put the camera square to the line of running."))
            }
        }
        // Head-on: running toward or away from the camera, the feet never separate along the image's x.
        if ankleSeparations.count >= c.fewestFramesForViewAngle, let leg = Self.quantile(legLengths, 0.5), leg > 0,
           let spread = Self.quantile(ankleSeparations, c.ankleSeparationQuantile) {
            report.ankleSeparationLegLengths = spread / leg
            if spread / leg < c.smallestAnkleSeparationLegLengths {
                findings.append(CameraViewFinding(
                    .headOn,
                    "The feet never separate much across the image (at most \(Self.format(spread / leg)) leg lengths): the runner seems to "
                        + "run toward or away from the camera. Film from the side."))
            }
        }

        // In view: frames without a pose, at the ends (entering/leaving) or in between (track lost).
        findings += gapFindings(sequence: sequence, hasPose: hasPose, imageWidth: imageWidth)

        if sequence.frameRate > 0, sequence.frameRate < c.minimumFrameRateForContactTiming {
            findings.append(CameraViewFinding(
                .lowFrameRate,
                "At \(Self.format(sequence.frameRate)) fps one frame lasts \(Int((1000 / sequence.frameRate).rounded())) ms, "
                    + "as long as a third of a sprint contact: record at \(Int(c.minimumFrameRateForContactTiming)) fps or more "
                    + "(120–240 fps slow motion is better, with the rate it was filmed at given)."))
        }
        report.findings = findings
        return report
    }

    /// Foot-angle error in degrees from one pixel of error at heel and toe, for a runner this tall.
    public func footAngleErrorPerPixel(bodyHeightPixels: Double) -> Double {
        let foot = bodyHeightPixels * Anthropometry.footLengthFractionOfHeight
        return foot > 0 ? atanSafe(2.0.squareRoot() / foot) * 180 / .pi : 90
    }

    func gapFindings(sequence: KeypointSequence, hasPose: [Bool], imageWidth: Int) -> [CameraViewFinding] {
        let n = hasPose.count
        guard let first = hasPose.firstIndex(of: true), let last = hasPose.lastIndex(of: true) else { return [] }
        var findings: [CameraViewFinding] = []
        let missing = n - hasPose.filter { $0 }.count
        guard missing > 0 else { return [] }
        let times = sequence.times
        func time(_ i: Int) -> String { DecimalText.fixed(times[i], 2) + " s" }
        let margin = configuration.frameEdgeMarginFraction * Double(imageWidth)
        func touchesEdge(_ i: Int) -> Bool {
            guard imageWidth > 0 else { return false }
            return Landmark.allCases.contains { l in
                guard let p = sequence.point(l, at: i) else { return false }
                return p.x < margin || p.x > Double(imageWidth) - margin
            }
        }
        if last < n - 1 {
            let count = n - 1 - last
            let edge = touchesEdge(last)
            findings.append(CameraViewFinding(
                edge ? .leavesFrame : .trackLost,
                (edge ? "The runner leaves the frame at \(time(last + 1))" : "The runner is lost from \(time(last + 1))")
                    + " (\(count) of \(n) frames at the end have no pose): only the part in view is analysed."))
        }
        if first > 0 {
            let edge = touchesEdge(first)
            findings.append(CameraViewFinding(
                edge ? .leavesFrame : .trackLost,
                (edge ? "The runner enters the frame at \(time(first))" : "No pose until \(time(first))")
                    + " (\(first) of \(n) frames at the start have no pose)."))
        }
        let inner = (first...last).filter { !hasPose[$0] }
        if !inner.isEmpty, Double(inner.count) / Double(n) >= configuration.lostTrackFractionForWarning {
            findings.append(CameraViewFinding(
                .trackLost,
                "The pose was lost in \(inner.count) of \(n) frames while the runner was in view "
                    + "(first at \(time(inner[0]))): occlusion, motion blur or another person; those frames are interpolated or left out."))
        }
        return findings
    }

    static func pair(_ s: KeypointSequence, _ a: Landmark, _ b: Landmark, at i: Int) -> (PlanePoint, PlanePoint)? {
        guard let p = s.point(a, at: i), let q = s.point(b, at: i) else { return nil }
        return (p, q)
    }

    /// The q-quantile of finite values, nearest rank (a frame's value, not a blend), or `nil` when there are none.
    static func quantile(_ values: [Double], _ q: Double) -> Double? { Signal.quantile(values, q, method: .nearestRank) }

    static func format(_ v: Double) -> String { DecimalText.fixed(v, v.magnitude >= 10 ? 0 : 2) }
}

/// Thresholds of the camera-view check, each with its reason. All are heuristics unless a source is named.
public struct CameraViewConfiguration: Sendable, Hashable {
    /// Shoulder width over shoulder-to-hip length seen from the front: 0.259 H / 0.288 H (Winter 2009,
    /// Fig. 4.1, after Drillis & Contini 1966) = 0.90. Seen at an angle θ from side-on the shoulders appear
    /// 0.90 · sin θ torso lengths apart, so the median ratio gives θ (trunk rotation while running adds a
    /// little, so the estimate errs toward "less side-on").
    public var frontalShoulderWidthToTorsoRatio = Anthropometry.shoulderWidthFractionOfHeight / Anthropometry.shoulderToHipFractionOfHeight
    /// Warn beyond this estimated angle from side-on. Heuristic: at 30° a sagittal length reads
    /// cos 30° = 87 % of its true size and joint angles are visibly distorted.
    public var largestAngleFromSideOnDegrees = 30.0
    /// Running across the image, the ankles separate by well over half a leg length at each stride's
    /// extremes; toward the camera they stay about a hip width (~0.2 leg lengths) apart. Heuristic.
    public var smallestAnkleSeparationLegLengths = 0.3
    /// Which quantile of the ankles' separation stands for "at the extremes" (robust to a stray frame).
    public var ankleSeparationQuantile = 0.9
    /// The view-angle estimates need this many frames with the landmarks they use.
    public var fewestFramesForViewAngle = 5
    /// Foot-angle error from one pixel of landmark error above which numbers are coarse (warn), and
    /// above which the foot-strike angle cannot be told at all: 8° is wider than Altman & Davis's whole
    /// midfoot band (−1.6…8°). The pixel heights follow from the foot being 0.152 H (Winter 2009).
    public var coarseFootAngleErrorPerPixelDegrees = 3.0
    public var unusableFootAngleErrorPerPixelDegrees = 8.0
    /// Frames within this fraction of the image width of the left or right edge count as at the edge.
    public var frameEdgeMarginFraction = 0.03
    /// Warn when at least this fraction of the frames between the first and last pose have none.
    public var lostTrackFractionForWarning = 0.05
    /// Frame rate below which contact timing is coarse (domain brief §5; the analysis uses the same 60).
    public var minimumFrameRateForContactTiming = AnalysisConfiguration().minimumFrameRateForContactTiming

    public init() {}

    /// Body height in pixels below which one pixel of error moves the foot angle by more than the coarse limit.
    public var smallBodyHeightPixels: Double { Self.bodyHeight(forFootAngleErrorPerPixel: coarseFootAngleErrorPerPixelDegrees) }
    /// Body height in pixels below which the foot angle cannot be measured at all (≈ 66 px).
    public var smallestAnalysableBodyHeightPixels: Double {
        Self.bodyHeight(forFootAngleErrorPerPixel: unusableFootAngleErrorPerPixelDegrees)
    }

    /// Heel and toe each off by a pixel in opposite directions turn the heel→toe line by atan(√2 / foot length).
    static func bodyHeight(forFootAngleErrorPerPixel degrees: Double) -> Double {
        2.0.squareRoot() / tanSafe(degrees * .pi / 180) / Anthropometry.footLengthFractionOfHeight
    }
}

/// What the camera-view check found, kept in `analysis.json` under `quality.camera_view`.
public struct CameraViewReport: Sendable, Hashable, Codable {
    public var frames: Int
    public var framesWithPose: Int
    /// Head (or mid-shoulder) to the lowest foot point, median over frames, in pixels.
    public var medianBodyHeightPixels: Double?
    public var bodyHeightFractionOfFrame: Double?
    /// Horizontal shoulder separation over shoulder-to-hip length, median: 0 side-on, ~0.9 from the front.
    public var shoulderWidthToTorsoRatio: Double?
    public var estimatedAngleFromSideOnDegrees: Double?
    /// The ankles' horizontal separation at the stride's extremes (90th percentile), in leg lengths.
    public var ankleSeparationLegLengths: Double?
    public var frameRate: Double
    public var findings: [CameraViewFinding]

    public init(frames: Int, framesWithPose: Int, frameRate: Double, findings: [CameraViewFinding]) {
        self.frames = frames
        self.framesWithPose = framesWithPose
        self.frameRate = frameRate
        self.findings = findings
    }

    /// The findings' messages.
    public var warnings: [String] { findings.map(\.message) }

    /// A finding that makes analysis pointless (nobody found, runner far too small), if any.
    public var blockingFinding: CameraViewFinding? {
        findings.first { $0.kind == .noPose || $0.kind == .runnerTooSmallToAnalyse }
    }

    enum CodingKeys: String, CodingKey {
        case frames
        case framesWithPose = "frames_with_pose"
        case medianBodyHeightPixels = "median_body_height_px"
        case bodyHeightFractionOfFrame = "body_height_fraction_of_frame"
        case shoulderWidthToTorsoRatio = "shoulder_width_to_torso_ratio"
        case estimatedAngleFromSideOnDegrees = "estimated_angle_from_side_on_deg"
        case ankleSeparationLegLengths = "ankle_separation_leg_lengths"
        case frameRate = "frame_rate"
        case findings
    }
}

/// One problem with the camera view, with what to do about it.
public struct CameraViewFinding: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Hashable, Codable {
        case noPose = "no_pose"
        case runnerTooSmallToAnalyse = "runner_too_small_to_analyse"
        case runnerSmall = "runner_small"
        case notSideOn = "not_side_on"
        case headOn = "head_on"
        case leavesFrame = "leaves_frame"
        case trackLost = "track_lost"
        case lowFrameRate = "low_frame_rate"
    }

    public var kind: Kind
    public var message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }
}

extension Analysis {
    /// The analysis with a camera-view report attached and its warnings added to the data-quality
    /// warnings (except the frame-rate one, which the metric summary already gives).
    public func addingCameraView(_ report: CameraViewReport) -> Analysis {
        var copy = self
        copy.quality.cameraView = report
        copy.quality.findings += report.findings.filter { $0.kind != .lowFrameRate }.map(QualityFinding.cameraView)
        return copy
    }
}
