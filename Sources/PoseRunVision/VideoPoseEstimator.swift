public import Foundation
import PoseRunImage

/// Video in, landmarks out: probes the video, decodes it with ffmpeg on one thread while
/// BlazePose runs on the calling thread, and returns every frame's 33 landmarks.
///
/// Decoding and inference overlap through a small bounded queue, so both cores work and memory
/// holds only a few frames. A value type: each `estimate` call makes its own tracker and
/// models, so one estimator can serve several videos, one at a time per call.
public struct VideoPoseEstimator: Sendable {
    public var cache: ModelCache
    public var options: BlazePoseOptions
    /// Decoded frames waiting for the model; a few are enough to absorb decoding jitter.
    public var queueCapacity: Int
    /// Full-HD and larger frames are decoded smaller (`nil`: always at full size).
    public var decodeReduction: DecodeReduction?
    /// A video with more frames is refused before it is decoded (`VideoError.tooManyFrames`), and decoding
    /// stops there should the container have listed fewer: every frame's landmarks are kept, so memory
    /// grows with length (`nil`: no limit).
    public var maximumFrameCount: Int?

    public init(
        cache: ModelCache = .standard(), options: BlazePoseOptions = BlazePoseOptions(), queueCapacity: Int = 4,
        decodeReduction: DecodeReduction? = DecodeReduction(), maximumFrameCount: Int? = nil
    ) {
        self.cache = cache
        self.options = options
        self.queueCapacity = queueCapacity
        self.decodeReduction = decodeReduction
        self.maximumFrameCount = maximumFrameCount
    }

    /// Refuses a video longer than `maximumFrameCount` frames.
    private func checkLength(of info: VideoInfo, video: URL) throws {
        guard let limit = maximumFrameCount, info.frameCount > limit else { return }
        throw VideoError.tooManyFrames(path: video.path, frames: info.frameCount, limit: limit)
    }

    /// The size frames are decoded at: the displayed size, or scaled down as `decodeReduction` says
    /// (aspect kept, even sides).
    public func decodedSize(of info: VideoInfo) -> (width: Int, height: Int) {
        let shortSide = min(info.width, info.height)
        guard let reduction = decodeReduction, shortSide >= reduction.fromShortSide, info.height > reduction.toHeight
        else { return (info.width, info.height) }
        let scale = Double(reduction.toHeight) / Double(info.height)
        func even(_ side: Int) -> Int { max(2, Int((Double(side) * scale / 2).rounded()) * 2) }
        return (even(info.width), even(info.height))
    }

    /// Runs the whole video. `progress` is called after each frame with (frames done, frames expected).
    ///
    /// The probe and ffmpeg's start-up run on another thread while the models load on this one: each
    /// takes about a tenth of a second, a large share of a short clip's whole analysis. A probe error
    /// (not a video, no video stream) is reported before a model error.
    public func estimate(video: URL, progress: ((Int, Int) -> Void)? = nil) throws -> VideoPoseResult {
        let setupStart = ContinuousClock.now
        let opening = BackgroundWork {
            let info = try VideoProbe.probe(video)
            let size = decodedSize(of: info)
            return (info, try makeReader(video: video, info: info, size: size))
        }
        let tracker = Result { try BlazePoseTracker(cache: cache, options: options) }
        let (info, reader) = try opening.wait()
        do {
            try checkLength(of: info, video: video)
            return try run(tracker: try tracker.get(), reader: reader, info: info, setupStart: setupStart, progress: progress)
        } catch {
            reader.close()
            throw error
        }
    }

    /// The same with the video already probed (`VideoProbe.probe`). ffmpeg starts first, so it
    /// opens the file while the models load.
    public func estimate(video: URL, info: VideoInfo, progress: ((Int, Int) -> Void)? = nil) throws -> VideoPoseResult {
        let setupStart = ContinuousClock.now
        try checkLength(of: info, video: video)
        let size = decodedSize(of: info)
        let reader = try makeReader(video: video, info: info, size: size)
        do {
            let tracker = try BlazePoseTracker(cache: cache, options: options)
            return try run(tracker: tracker, reader: reader, info: info, setupStart: setupStart, progress: progress)
        } catch {
            reader.close()
            throw error
        }
    }

    private func makeReader(video: URL, info: VideoInfo, size: (width: Int, height: Int)) throws -> VideoFrameReader {
        let reduced = size != (info.width, info.height)
        return try VideoFrameReader(
            video: video, width: size.width, height: size.height, reduced: reduced,
            skipsLoopFilter: reduced && (decodeReduction?.skipsLoopFilter ?? false))
    }

    /// Decodes on a thread of its own and runs the models on the calling one, frame by frame.
    private func run(
        tracker: BlazePoseTracker, reader: VideoFrameReader, info: VideoInfo, setupStart: ContinuousClock.Instant,
        progress: ((Int, Int) -> Void)?
    ) throws -> VideoPoseResult {
        let queue = FrameQueue<DecodedFrame>(capacity: queueCapacity)
        let decodeTime = DecodeClock()
        let wallStart = ContinuousClock.now
        let decodedWidth = reader.width, decodedHeight = reader.height, videoPath = reader.video.path

        // Producer: ffmpeg → queue, on its own thread because reads block. The reader moves to
        // that thread: this one never touches it again.
        let transfer = OwnershipTransfer(reader)
        let producer = Thread {
            let reader = transfer.value
            var previous: RGBImage?
            while true {
                let start = ContinuousClock.now
                let item: FrameQueue<DecodedFrame>.Item
                do {
                    if let image = try reader.nextFrame() {
                        let difference = previous.map { image.meanAbsoluteDifference(from: $0) }
                        previous = image
                        item = .element(DecodedFrame(image: image, differenceFromPrevious: difference))
                    } else {
                        item = .finished
                    }
                } catch {
                    item = .failed(error)
                }
                decodeTime.add((ContinuousClock.now - start).seconds)
                guard queue.put(item) else { reader.close(); return }
                if case .element = item { continue }
                return
            }
        }
        producer.start()

        // Landmarks come in the decoded frame's pixels; the keypoints are in the displayed frame's.
        let scale = DecodeScale(x: Float(info.width) / Float(decodedWidth), y: Float(info.height) / Float(decodedHeight))
        var frames: [PoseFrame] = []
        frames.reserveCapacity(info.frameCount)
        var timings = PipelineTimings()
        do {
            loop: while true {
                let waitStart = ContinuousClock.now
                let item = queue.take()
                timings.waitSeconds += (ContinuousClock.now - waitStart).seconds
                switch item {
                case .finished:
                    break loop
                case .failed(let error):
                    throw error
                case .element(let decoded):
                    if let limit = maximumFrameCount, frames.count >= limit {
                        throw VideoError.tooManyFrames(path: videoPath, frames: nil, limit: limit)
                    }
                    let image = decoded.image
                    let index = frames.count
                    let time = Self.time(ofFrame: index, in: info)
                    let estimate = try tracker.process(image, timeMicroseconds: Int64((time * 1e6).rounded()))
                    var frame = PoseFrame(
                        frameIndex: index, time: time, posePresence: estimate.posePresence,
                        landmarks: estimate.landmarks.map { scale.fullFrame($0) }, trackState: estimate.trackState)
                    frame.differenceFromPrevious = decoded.differenceFromPrevious
                    frame.mirroredLandmarks = estimate.mirroredLandmarks.map { scale.fullFrame($0) }
                    frames.append(frame)
                    progress?(frames.count, info.frameCount)
                }
            }
        } catch {
            queue.cancel()
            throw error
        }
        timings.wallSeconds = (ContinuousClock.now - wallStart).seconds
        timings.setupSeconds = (wallStart - setupStart).seconds
        timings.decodeSeconds = decodeTime.total
        timings.stages = tracker.timings
        return VideoPoseResult(video: info, frames: frames, timings: timings, decodedWidth: decodedWidth, decodedHeight: decodedHeight)
    }

    /// The same, from async code: the blocking work runs on its own thread, so no task of the
    /// cooperative pool is held for the seconds a video takes. Not cancellable once started.
    public func estimate(video: URL, progress: (@Sendable (Int, Int) -> Void)? = nil) async throws -> VideoPoseResult {
        try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread {
                do {
                    continuation.resume(returning: try self.estimate(video: video, progress: progress))
                } catch {
                    continuation.resume(throwing: error)
                }
            }
        }
    }

    /// The presentation time of a decoded frame: ffprobe's, or extrapolated at the nominal rate
    /// when the decoder gives more frames than the container listed.
    static func time(ofFrame index: Int, in info: VideoInfo) -> Double {
        if index < info.frameTimes.count { return info.frameTimes[index] }
        let rate = info.nominalFrameRate > 0 ? info.nominalFrameRate : 30
        let last = info.frameTimes.last ?? -1 / rate
        return last + Double(index - info.frameTimes.count + 1) / rate
    }
}

/// Full-HD and larger frames (shorter side 1080 px or more) are decoded 768 px high, with H.264's
/// in-loop deblocking filter skipped.
///
/// 768 px is three times the landmark model's 256 px input: a runner filmed as PoseRun asks, filling at
/// least a third of the frame height, still spans 256 px, so the model's crop is never enlarged from
/// fewer pixels than it has; the detector sees 224 px of the whole frame. Fewer pixels are what two cores
/// shared by the decoder and the model need: a 1080×1920 portrait frame decoded at 432×768 pipes 16 % of
/// its RGB bytes (36 % of 720p's), and ffmpeg's scaler, the pipe and the crop's sampling all shrink with
/// them. The deblocking filter smooths block edges that the area scaling to a third of the size averages
/// away anyway; skipping it saves a sixth of the H.264 decode. Measured on the 1080×1920 60 fps benchmark
/// clip (docs/vision.md): ffmpeg's CPU for 418 frames 4.7 → 3.1 s against 720p with the filter. Smaller
/// frames (all the shared test clips) are decoded as they are, as MediaPipe would see them. The landmarks
/// are scaled back to the full frame. Measured cost (`DecodedSizeTests`): on the jogging clip made 1080 px
/// high, the reduced decode moves the landmarks by a few % of the torso against decoding at full size,
/// about what re-encoding the clip larger does to them (3.2 %).
public struct DecodeReduction: Sendable, Hashable {
    /// Frames whose shorter side is at least this are reduced.
    public var fromShortSide: Int
    /// The height they are decoded at (three landmark-model inputs).
    public var toHeight: Int
    /// Whether the reduced decode skips H.264's deblocking filter.
    public var skipsLoopFilter: Bool

    public init(fromShortSide: Int = 1080, toHeight: Int = 3 * BlazePoseConstants.landmarkInputSize, skipsLoopFilter: Bool = true) {
        self.fromShortSide = fromShortSide
        self.toHeight = toHeight
        self.skipsLoopFilter = skipsLoopFilter
    }
}

/// From the decoded frame's pixels to the displayed frame's (1 when decoded at full size).
private struct DecodeScale {
    var x: Float
    var y: Float

    func fullFrame(_ landmarks: [PoseLandmark]) -> [PoseLandmark] {
        guard x != 1 || y != 1 else { return landmarks }
        // z is in the scale of x (MediaPipe's convention), so it scales with x.
        return landmarks.map { PoseLandmark(x: $0.x * x, y: $0.y * y, z: $0.z * x, visibility: $0.visibility, presence: $0.presence) }
    }
}

/// Hands a non-Sendable value to exactly one other thread, which becomes its only user.
private final class OwnershipTransfer<Value>: @unchecked Sendable {
    let value: Value

    init(_ value: Value) {
        self.value = value
    }
}

/// The decoding thread's running total, read by the caller after the thread is done.
private final class DecodeClock: @unchecked Sendable {
    private let lock = NSLock()
    private var seconds = 0.0

    func add(_ value: Double) {
        lock.lock()
        seconds += value
        lock.unlock()
    }

    var total: Double {
        lock.lock()
        defer { lock.unlock() }
        return seconds
    }
}

/// A decoded frame and how much it differs from the one before (for finding repeated frames).
struct DecodedFrame: Sendable {
    var image: RGBImage
    var differenceFromPrevious: Double?
}
