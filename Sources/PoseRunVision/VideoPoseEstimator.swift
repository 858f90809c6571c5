import Foundation

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

    public init(cache: ModelCache = .standard(), options: BlazePoseOptions = BlazePoseOptions(), queueCapacity: Int = 4) {
        self.cache = cache
        self.options = options
        self.queueCapacity = queueCapacity
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
            return (info, try VideoFrameReader(video: video, width: info.width, height: info.height))
        }
        let tracker = Result { try BlazePoseTracker(cache: cache, options: options) }
        let (info, reader) = try opening.wait()
        do {
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
        let reader = try VideoFrameReader(video: video, width: info.width, height: info.height)
        do {
            let tracker = try BlazePoseTracker(cache: cache, options: options)
            return try run(tracker: tracker, reader: reader, info: info, setupStart: setupStart, progress: progress)
        } catch {
            reader.close()
            throw error
        }
    }

    /// Decodes on a thread of its own and runs the models on the calling one, frame by frame.
    private func run(
        tracker: BlazePoseTracker, reader: VideoFrameReader, info: VideoInfo, setupStart: ContinuousClock.Instant,
        progress: ((Int, Int) -> Void)?
    ) throws -> VideoPoseResult {
        let queue = FrameQueue<RGBImage>(capacity: queueCapacity)
        let decodeTime = DecodeClock()
        let wallStart = ContinuousClock.now

        // Producer: ffmpeg → queue, on its own thread because reads block. The reader moves to
        // that thread: this one never touches it again.
        let transfer = OwnershipTransfer(reader)
        let producer = Thread {
            let reader = transfer.value
            while true {
                let start = ContinuousClock.now
                let item: FrameQueue<RGBImage>.Item
                do {
                    item = try reader.nextFrame().map { .element($0) } ?? .finished
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
                case .element(let image):
                    let index = frames.count
                    let time = Self.time(ofFrame: index, in: info)
                    let estimate = try tracker.process(image, timeMicroseconds: Int64((time * 1e6).rounded()))
                    frames.append(PoseFrame(
                        frameIndex: index, time: time, posePresence: estimate.posePresence, landmarks: estimate.landmarks,
                        trackState: estimate.trackState))
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
        return VideoPoseResult(video: info, frames: frames, timings: timings)
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

/// Hands a non-Sendable value to exactly one other thread, which becomes its only user.
private final class OwnershipTransfer<Value>: @unchecked Sendable {
    let value: Value

    init(_ value: Value) {
        self.value = value
    }
}

/// Work started on a thread of its own, whose result (or error) the starter collects once with
/// `wait()`: used to overlap the probe and ffmpeg's start-up with loading the models.
private final class BackgroundWork<Value>: @unchecked Sendable {
    private let condition = NSCondition()
    private var result: Result<Value, any Error>?

    init(_ body: @escaping @Sendable () throws -> Value) {
        Thread.detachNewThread { [self] in
            let outcome = Result { try body() }
            condition.lock()
            result = outcome
            condition.broadcast()
            condition.unlock()
        }
    }

    func wait() throws -> Value {
        condition.lock()
        defer { condition.unlock() }
        while true {
            if let result { return try result.get() }
            condition.wait()
        }
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
