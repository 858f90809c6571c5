import Foundation
public import PoseRunCore

/// A video's pose, ready for the analysis and the keypoint files: Core's landmarks in image pixels
/// (PoseRun keypoints convention: y = −row, so re-reading `keypoints.json` gives the very same
/// sequence), all 33 BlazePose points by name, the time base actually used and why.
public struct VideoKeypoints: Sendable {
    /// Landmarks in image pixels, y = −row; times in seconds of real (capture) time.
    public var sequence: KeypointSequence
    /// The decoded frame size (rotation applied, square pixels).
    public var imageWidth: Int
    public var imageHeight: Int
    /// The rate the container declares, and the capture rate the times use.
    public var containerFrameRate: Double
    public var captureFrameRate: Double
    /// Where `captureFrameRate` came from, in words (also in analysis.json `input.frame_rate_source`).
    public var frameRateSource: String
    /// BlazePose's 33 points by snake_case name (`nose`, `left_eye_inner`, …), pixels, y = −row.
    public var extraPointNames: [String]
    public var extraTracks: [String: LandmarkTrack]
    /// How the video was read (rotation, variable frame rate, decoding shortfalls).
    public var notes: [String]

    /// The time scale for slow motion: container seconds × this = real seconds.
    public var timeScale: Double { containerFrameRate > 0 ? containerFrameRate / captureFrameRate : 1 }

    /// Converts a pose result. `captureFrameRate` is `--capture-fps` for slow-motion clips whose
    /// container rate is the playback rate; `nil` uses the container's own rate and frame times.
    /// Pass the result with `consume` when it is not needed after: its landmarks are then released frame by
    /// frame as the tracks fill, so a long clip's are never held twice.
    public init(_ result: consuming VideoPoseResult, captureFrameRate given: Double? = nil) {
        let video = result.video
        let container = video.nominalFrameRate
        let capture = given ?? container
        let scale = given.map { container > 0 ? container / $0 : 1 } ?? 1
        let frameCount = result.frames.count
        let decodedWidth = result.decodedWidth, decodedHeight = result.decodedHeight
        let times = result.frames.map { $0.time * scale }
        let frameNumbers = result.frames.map(\.frameIndex)
        // Repeats are looked for only where the runner is seen: an empty, still scene after the runner has left
        // differs from frame to frame by noise alone and would read as repeats, lowering the distinct rate.
        let repeated = RepeatedFrameDetector.repeatedFrames(differences: result.frames.map(\.differenceFromPrevious))
            .filter { result.frames[$0].landmarks != nil }
        var frames = result.frames
        result.frames = []
        let secondReading = VideoPoseResult.mirroredLegTracks(frames)
        let points = VideoPoseResult.pointTracks(releasing: &frames)
        // The landmarks just released, and the models' memory freed after the pose pass, are handed back now:
        // the analysis' arrays are large and would not reuse them.
        FreedMemory.returnToSystem()
        var sequence = VideoPoseResult.keypointSequence(points: points, times: times, frameNumbers: frameNumbers, frameRate: capture)
        sequence.repeatedFrames = repeated
        sequence.secondReading = secondReading
        self.sequence = sequence
        self.imageWidth = video.width
        self.imageHeight = video.height
        self.containerFrameRate = container
        self.captureFrameRate = capture

        let rate = Self.format(container)
        if let given {
            if abs(given - container) <= 1e-4 * container {
                frameRateSource = "\(Self.format(given)) fps given as the capture rate (the same as the video container's rate)"
            } else {
                frameRateSource = "\(Self.format(given)) fps given as the capture rate; the video container says \(rate) fps, "
                    + "so times were scaled by \(Self.format(scale)) (slow motion)"
            }
        } else {
            frameRateSource = "\(rate) fps from the video container (ffprobe avg_frame_rate); "
                + "give the capture rate if this is a slow-motion clip"
        }

        var names: [String] = []
        var tracks: [String: LandmarkTrack] = [:]
        for point in BlazePoseLandmark.allCases {
            let name = Self.snakeCase("\(point)")
            names.append(name)
            tracks[name] = points[point.rawValue]
        }
        extraPointNames = names
        extraTracks = tracks

        var notes: [String] = []
        if video.rotationDegrees != 0 {
            notes.append("the video is stored rotated \(video.rotationDegrees)° (phone held \(video.rotationDegrees % 180 == 90 ? "upright" : "upside down")); "
                + "frames were turned upright, \(video.width)×\(video.height)")
        }
        if decodedWidth != video.width || decodedHeight != video.height {
            notes.append("the pose model was given the \(video.width)×\(video.height) frames at \(decodedWidth)×\(decodedHeight) "
                + "(1080p and larger are decoded 768 px high, for speed; the keypoints are in the full frame's pixels)")
        }
        if abs(video.pixelAspectRatio - 1) > 1e-3 {
            notes.append("non-square pixels (aspect \(Self.format(video.pixelAspectRatio))) were widened to square ones")
        }
        if video.isVariableFrameRate {
            let intervals = zip(video.frameTimes.dropFirst(), video.frameTimes).map { $0 - $1 }
            if let shortest = intervals.min(), let longest = intervals.max() {
                notes.append("variable frame rate (frame intervals \(Self.format(shortest * 1000 * scale))–\(Self.format(longest * 1000 * scale)) ms): "
                    + "each frame's own timestamp was used")
            } else {
                notes.append("variable frame rate: each frame's own timestamp was used")
            }
        }
        if frameCount < video.frameCount {
            notes.append("ffmpeg decoded \(frameCount) of the \(video.frameCount) frames the container lists (damaged or cut short?)")
        }
        self.notes = notes
    }

    /// `leftEyeInner` → `left_eye_inner`.
    static func snakeCase(_ camel: String) -> String {
        var out = ""
        for ch in camel {
            if ch.isUppercase { out += "_" + ch.lowercased() } else { out.append(ch) }
        }
        return out
    }

    static func format(_ v: Double) -> String {
        let r = (v * 1000).rounded() / 1000
        return r == r.rounded() ? String(Int(r)) : String(r)
    }
}
