public import Foundation
public import PoseRunCore
import PoseRunReport
public import PoseRunVision
import PoseRunImage

/// Writes `annotated.mp4`: the clip re-read frame by frame, the analysis drawn on each frame
/// (`FrameAnnotator`, pure pixels in PoseRunReport), and re-encoded (`VideoEncoder`, ffmpeg in
/// PoseRunVision). Three processes in a line — decoder, this one drawing, encoder — so memory holds
/// one frame and both cores work.
public enum AnnotatedVideoOutput {
    public static let fileName = "annotated.mp4"

    /// What was written, and how fast.
    public struct Written: Sendable {
        public var url: URL
        public var frames: Int
        public var seconds: Double
        public var framesPerSecond: Double { seconds > 0 ? Double(frames) / seconds : 0 }
    }

    /// Draws `analysis` on `video` and writes `annotated.mp4` into `folder`.
    ///
    /// - Parameters:
    ///   - cleaned: the keypoints the analysis measured (`Analyzer.analyzeKeepingCleaned`), so the skeleton
    ///     drawn is the one measured.
    ///   - progress: called after each frame with (frames done, frames expected).
    public static func write(
        video: URL, info known: VideoInfo? = nil, cleaned: KeypointSequence, analysis: Analysis,
        toFolder folder: URL, settings: VideoEncoder.Settings = .sharing,
        progress: ((Int, Int) -> Void)? = nil
    ) throws -> Written {
        let start = ContinuousClock.now
        let info = try known ?? VideoProbe.probe(video)
        let track = AnnotationTrack(cleaned: cleaned, analysis: analysis)
        let annotator = FrameAnnotator(track: track, width: info.width, height: info.height)
        let reader = try VideoFrameReader(video: video, width: info.width, height: info.height)
        defer { reader.close() }
        let encoder = try VideoEncoder(
            destination: folder.appendingPathComponent(fileName), width: info.width, height: info.height,
            frameRate: info.nominalFrameRate, settings: settings)
        do {
            var index = 0
            while var frame = try reader.nextFrame() {
                annotator.annotate(frame: index, pixels: &frame.pixels)
                try encoder.append(frame.pixels)
                index += 1
                progress?(index, info.frameCount)
            }
            let url = try encoder.finish()
            let elapsed = (ContinuousClock.now - start).components
            let seconds = Double(elapsed.seconds) + Double(elapsed.attoseconds) / 1e18
            return Written(url: url, frames: index, seconds: seconds)
        } catch {
            encoder.cancel()
            throw error
        }
    }
}
