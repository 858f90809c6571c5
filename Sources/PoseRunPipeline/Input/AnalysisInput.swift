public import Foundation
public import PoseRunCore
public import PoseRunFormats
public import PoseRunVision

/// An input ready for the analysis, whatever it was: a keypoint or motion-capture file, or a video
/// run through BlazePose. Reading, pose estimation and checks live in the libraries below.
public struct AnalysisInput: Sendable {
    /// The path as the user gave it, for messages.
    public var path: String
    public var sequence: KeypointSequence
    public var displayName: String
    /// What only the input knows (the frame rate's source, notes, the camera view): it travels into the analysis.
    public var context: InputContext
    /// Video only: the keypoints to write beside the analysis.
    public var keypoints: PoseRunKeypointsFile?
    /// Video only: the clip itself and its probe, re-read for the report's key frames, the player and the annotated video.
    public var video: URL?
    public var videoInfo: VideoInfo?

    public var notes: [String] { context.notes }

    public init(_ loaded: LoadedInput, path: String) {
        self.path = path
        sequence = loaded.sequence
        displayName = loaded.displayName
        context = InputContext(notes: loaded.notes)
    }

    init(
        video keypoints: VideoKeypoints, file: PoseRunKeypointsFile, cameraView: CameraViewReport, name: String, url: URL,
        path: String, info: VideoInfo
    ) {
        self.path = path
        video = url
        videoInfo = info
        sequence = keypoints.sequence
        displayName = name
        context = InputContext(frameRateSource: keypoints.frameRateSource, notes: keypoints.notes, cameraView: cameraView)
        self.keypoints = file
    }
}

/// What to read and how: a path, and the options that apply to files or to videos.
public struct InputRequest: Sendable {
    public var path: String
    /// Video only: the rate the clip was filmed at (slow motion).
    public var captureFrameRate: Double?
    /// Video only: which frames the pose model also reads mirrored (`MirroredReading`).
    public var mirroredReading: MirroredReading = .whereLegsJump
    /// Files only: the time base for inputs without one (OpenPose JSON), the marker map, the vertical axis.
    public var fileOptions: InputOptions

    public init(path: String, captureFrameRate: Double? = nil, fileOptions: InputOptions = InputOptions()) {
        self.path = path
        self.captureFrameRate = captureFrameRate
        self.fileOptions = fileOptions
    }

    /// An option given for the other kind of input; the caller words it in its own terms (flags, form fields).
    public enum InapplicableOption: Error, Sendable, Equatable {
        /// A frame rate, marker map or vertical axis for a video, which has none of these.
        case fileOptionsForVideo(path: String)
        /// A capture rate for a file that is not a video.
        case captureRateForFile(path: String)
    }

    /// Reads the input for analysis: a video goes through the pose model (`progress` is told frames done of
    /// frames expected), anything else through the format readers. Told apart by content.
    public func load(progress: ((Int, Int) -> Void)? = nil) throws -> AnalysisInput {
        let url = URL(fileURLWithPath: path)
        do {
            _ = try InputLoader.detectKind(at: url)
        } catch let error as FormatError where error.kind == .unrecognisedFormat {
            let options = fileOptions
            if options.framesPerSecond != nil || options.markerMap != nil || options.verticalAxis != nil {
                throw InapplicableOption.fileOptionsForVideo(path: path)
            }
            return try VideoInput.load(
                url, displayPath: path, captureFrameRate: captureFrameRate, mirroredReading: mirroredReading, progress: progress,
                notRecognised: error)
        }
        if captureFrameRate != nil {
            throw InapplicableOption.captureRateForFile(path: path)
        }
        return AnalysisInput(try InputLoader.load(path: path, options: fileOptions), path: path)
    }
}
