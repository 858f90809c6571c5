import Foundation
import PoseRunImage
import PoseRunVision

/// Video benchmarks and diagnostics for the BlazePose pipeline (scripts/bench-video.sh and
/// tools/compare-with-mediapipe.sh call these):
///   video-landmarks VIDEO OUT.json [--smooth] [--best-score] [--mediapipe-timestamps] [--search-every N] [--threads N]
///       every frame's 33 landmarks (px, visibility) and track state, for tools/compare_with_mediapipe.py;
///       --mediapipe-timestamps stamps frames 33 333 µs apart as MediaPipe's Python solution does,
///       --search-every 1 runs the detector on every frame without a pose as MediaPipe does
///   video-track VIDEO PNG_FOLDER [--every N] [--best-score]
///       the track's state changes frame by frame, and overlay PNGs every N frames and at each change
///   video-regions VIDEO OUT.json [--smooth] [--best-score] [--search-every N]
///       every frame's region, presence, detector run and landmarks, stamped 33 333 µs apart as
///       MediaPipe's Python solution stamps frames (to line up with tools/mediapipe_regions.py)
///   region-landmarks RGB_FILE WIDTH HEIGHT CX CY SIDE ROTATION [THREADS]
///       the landmark model alone on one region of a raw RGB frame: presence and 39 landmarks (px)
///   video-speed VIDEO [--threads N] [--runs K]
///       pipeline frames/s (decode overlapped with inference), its stages, and peak resident memory
///   model-only [--threads N]
///       the landmark and detector models alone on a fixed input: median ms per run
enum VisionBenchmark {
    static let commands: Set<String> = ["video-landmarks", "video-track", "video-regions", "region-landmarks", "video-speed", "model-only"]

    static func run(_ arguments: [String]) {
        guard let command = arguments.first else { return }
        let rest = Array(arguments.dropFirst())
        do {
            switch command {
            case "video-landmarks": try landmarks(rest)
            case "video-track": try track(rest)
            case "video-regions": try regions(rest)
            case "region-landmarks": try regionLandmarks(rest)
            case "video-speed": try speed(rest)
            case "model-only": try modelOnly(rest)
            default: return
            }
        } catch {
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            exit(1)
        }
    }

    static func value(_ name: String, in arguments: [String]) -> String? {
        guard let i = arguments.firstIndex(of: name), i + 1 < arguments.count else { return nil }
        return arguments[i + 1]
    }

    static func positional(_ arguments: [String]) -> [String] {
        var out: [String] = []
        var skip = false
        for a in arguments {
            if skip { skip = false; continue }
            if ["--threads", "--runs", "--every", "--search-every", "--decode-height"].contains(a) { skip = true; continue }
            if a.hasPrefix("--") { continue }
            out.append(a)
        }
        return out
    }

    static func options(_ arguments: [String]) -> BlazePoseOptions {
        var o = BlazePoseOptions()
        if let t = value("--threads", in: arguments).flatMap(Int.init) { o.threadCount = t }
        o.smoothLandmarks = arguments.contains("--smooth")
        o.followOnePerson = !arguments.contains("--best-score")
        if let n = value("--search-every", in: arguments).flatMap(Int.init) { o.emptySearchInterval = n }
        return o
    }

    /// The estimator with `--decode-height N` (0: always full size; `--keep-loop-filter` decodes reduced frames
    /// with H.264's deblocking), to measure what the decode reduction costs in landmarks and time.
    static func estimator(_ arguments: [String], options: BlazePoseOptions) -> VideoPoseEstimator {
        var estimator = VideoPoseEstimator(options: options)
        if let height = value("--decode-height", in: arguments).flatMap(Int.init) {
            estimator.decodeReduction = height > 0 ? DecodeReduction(toHeight: height) : nil
        }
        if arguments.contains("--keep-loop-filter") { estimator.decodeReduction?.skipsLoopFilter = false }
        return estimator
    }

    static func usage(_ text: String) -> Never {
        FileHandle.standardError.write(Data("usage: poserun-bench \(text)\n".utf8))
        exit(2)
    }

    /// VmHWM from /proc/self/status: the most memory this process ever held.
    static func peakResidentMegabytes() -> Double? {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
            let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
            let kb = Double(line.split(separator: " ").dropFirst().first ?? "")
        else { return nil }
        return kb / 1024
    }

    static func landmarks(_ arguments: [String]) throws {
        let files = positional(arguments)
        guard files.count == 2 else { usage("video-landmarks VIDEO OUT.json [--smooth] [--best-score] [--mediapipe-timestamps] [--search-every N] [--threads N] [--decode-height N] [--keep-loop-filter]") }
        let options = options(arguments)
        let result = arguments.contains("--mediapipe-timestamps")
            ? try simulatedThirtyFramesPerSecond(URL(fileURLWithPath: files[0]), options: options)
            : try estimator(arguments, options: options).estimate(video: URL(fileURLWithPath: files[0]))
        var json = "{\"video\":\"\(URL(fileURLWithPath: files[0]).lastPathComponent)\",\"smooth_landmarks\":\(options.smoothLandmarks),"
        json += "\"follow_one_person\":\(options.followOnePerson),\"frame_count\":\(result.frames.count),"
        json += String(format: "\"frames_per_second\":%.1f,", result.timings.framesPerSecond)
        json += "\"states\":[" + result.frames.map { "\"\($0.trackState.rawValue)\"" }.joined(separator: ",") + "],"
        json += "\"frames\":[" + result.frames.map { frame in
            guard let points = frame.landmarks else { return "null" }
            return "[" + points.map { String(format: "[%.3f,%.3f,%.4f]", $0.x, $0.y, $0.visibility) }.joined(separator: ",") + "]"
        }.joined(separator: ",") + "]}"
        let out = URL(fileURLWithPath: files[1])
        let temporary = out.deletingLastPathComponent().appendingPathComponent(".\(out.lastPathComponent).partial")
        try Data(json.utf8).write(to: temporary)
        guard rename(temporary.path, out.path) == 0 else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: out.path])
        }
        let (same, new) = result.reacquisitions
        print(String(
            format: "poserun: %@: %d frames, %d with a pose, %d lost, re-acquired %d (new person %d), %.1f frames/s",
            out.lastPathComponent, result.frames.count, result.frames.count { $0.landmarks != nil }, result.lostFrameCount,
            same, new, result.timings.framesPerSecond))
    }

    /// The pipeline fed MediaPipe Python's simulated timestamps (33 333 µs per frame whatever the
    /// clip's rate, solution_base.py) instead of the video's: isolates the filters' time base
    /// when comparing with MediaPipe on clips that are not 30 frames/s.
    static func simulatedThirtyFramesPerSecond(_ video: URL, options: BlazePoseOptions) throws -> VideoPoseResult {
        let info = try VideoProbe.probe(video)
        let tracker = try BlazePoseTracker(options: options)
        let reader = try VideoFrameReader(video: video, width: info.width, height: info.height)
        defer { reader.close() }
        var frames: [PoseFrame] = []
        let start = ContinuousClock.now
        while let image = try reader.nextFrame() {
            let i = frames.count
            let e = try tracker.process(image, timeMicroseconds: Int64(i + 1) * 33_333)
            frames.append(PoseFrame(
                frameIndex: i, time: Double(i) / 30, posePresence: e.posePresence, landmarks: e.landmarks, trackState: e.trackState))
        }
        var timings = PipelineTimings()
        timings.wallSeconds = Double((ContinuousClock.now - start).components.attoseconds) / 1e18
            + Double((ContinuousClock.now - start).components.seconds)
        timings.stages = tracker.timings
        return VideoPoseResult(video: info, frames: frames, timings: timings)
    }

    static func regions(_ arguments: [String]) throws {
        let files = positional(arguments)
        guard files.count == 2 else { usage("video-regions VIDEO OUT.json [--smooth] [--best-score] [--search-every N]") }
        let video = URL(fileURLWithPath: files[0])
        let info = try VideoProbe.probe(video)
        let tracker = try BlazePoseTracker(options: options(arguments))
        let reader = try VideoFrameReader(video: video, width: info.width, height: info.height)
        defer { reader.close() }
        var rows: [String] = []
        while let image = try reader.nextFrame() {
            // solution_base.py: 33 333 µs per frame, the first at 33 333.
            let e = try tracker.process(image, timeMicroseconds: Int64(rows.count + 1) * 33_333)
            let region = e.region.map { "[\($0.centreX),\($0.centreY),\($0.side),\($0.rotation)]" } ?? "null"
            let points = e.landmarks.map { "[" + $0.map { String(format: "[%.3f,%.3f,%.4f]", $0.x, $0.y, $0.visibility) }
                .joined(separator: ",") + "]" } ?? "null"
            rows.append(String(
                format: "{\"presence\":%.5f,\"detector\":%@,\"state\":\"%@\",\"region\":%@,\"lm\":%@}",
                e.posePresence, e.ranDetector ? "true" : "false", e.trackState.rawValue, region, points))
        }
        let out = URL(fileURLWithPath: files[1])
        let temporary = out.deletingLastPathComponent().appendingPathComponent(".\(out.lastPathComponent).partial")
        try Data(("[" + rows.joined(separator: ",\n") + "]").utf8).write(to: temporary)
        guard rename(temporary.path, out.path) == 0 else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: out.path])
        }
        print("\(video.lastPathComponent): \(rows.count) frames")
    }

    static func regionLandmarks(_ arguments: [String]) throws {
        guard arguments.count == 7 || arguments.count == 8, let width = Int(arguments[1]), let height = Int(arguments[2]),
            let cx = Float(arguments[3]), let cy = Float(arguments[4]), let side = Float(arguments[5]),
            let rotation = Float(arguments[6])
        else { usage("region-landmarks RGB_FILE WIDTH HEIGHT CX CY SIDE ROTATION [THREADS]") }
        let bytes = try Data(contentsOf: URL(fileURLWithPath: arguments[0]))
        guard bytes.count == width * height * 3 else { usage("region-landmarks: the file is not WIDTH×HEIGHT×3 bytes") }
        let tracker = try BlazePoseTracker(
            options: BlazePoseOptions(threadCount: arguments.count == 8 ? Int(arguments[7]) ?? 1 : 1, silencesRuntimeLog: true))
        let (presence, points) = try tracker.landmarks(
            in: RGBImage(width: width, height: height, pixels: [UInt8](bytes)),
            region: PoseRegion(centreX: cx, centreY: cy, side: side, rotation: rotation))
        print(String(format: "{\"presence\":%.7f,\"lm\":[", presence)
            + points.map { String(format: "[%.5f,%.5f,%.5f,%.6f,%.6f]", $0.x, $0.y, $0.z, $0.visibility, $0.presence) }
                .joined(separator: ",") + "]}")
    }

    static func track(_ arguments: [String]) throws {
        let files = positional(arguments)
        guard files.count == 2 else { usage("video-track VIDEO PNG_FOLDER [--every N] [--best-score]") }
        let every = value("--every", in: arguments).flatMap(Int.init) ?? 30
        let video = URL(fileURLWithPath: files[0])
        let folder = URL(fileURLWithPath: files[1])
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let info = try VideoProbe.probe(video)
        let tracker = try BlazePoseTracker(options: options(arguments))
        let reader = try VideoFrameReader(video: video, width: info.width, height: info.height)
        defer { reader.close() }
        var index = 0
        var previous: PoseTrackState?
        var counts: [PoseTrackState: Int] = [:]
        while let image = try reader.nextFrame() {
            let time = index < info.frameTimes.count ? info.frameTimes[index] : Double(index) / max(1, info.nominalFrameRate)
            let estimate = try tracker.process(image, timeMicroseconds: Int64((time * 1e6).rounded()))
            counts[estimate.trackState, default: 0] += 1
            let changed = estimate.trackState != previous
            if changed || estimate.ranDetector {
                let r = estimate.region
                print(String(
                    format: "frame %4d  %-10@ detections %d  presence %.2f  region centre (%.4f, %.4f) side %.4f rotation %.6f",
                    index, estimate.trackState.rawValue, estimate.detectionCount, estimate.posePresence,
                    r?.centreX ?? .nan, r?.centreY ?? .nan, r?.side ?? .nan, r?.rotation ?? .nan))
            }
            if let landmarks = estimate.landmarks, changed || index % every == 0 {
                let name = String(format: "frame-%04d-%@.png", index, estimate.trackState.rawValue)
                try PoseOverlay.writePNG(PoseOverlay.draw(landmarks, on: image), to: folder.appendingPathComponent(name))
            }
            previous = estimate.trackState
            index += 1
        }
        print("\(video.lastPathComponent): \(index) frames; " + PoseTrackState.allCases.compactMap { s in
            counts[s].map { "\(s.rawValue) \($0)" }
        }.joined(separator: ", "))
    }

    static func speed(_ arguments: [String]) throws {
        let files = positional(arguments)
        guard files.count == 1 else { usage("video-speed VIDEO [--threads N] [--runs K] [--decode-height N] [--keep-loop-filter]") }
        let runs = value("--runs", in: arguments).flatMap(Int.init) ?? 3
        let options = options(arguments)
        let estimator = estimator(arguments, options: options)
        var rates: [Double] = []
        var last: VideoPoseResult?
        for _ in 0..<max(1, runs) {
            let result = try estimator.estimate(video: URL(fileURLWithPath: files[0]))
            rates.append(result.timings.framesPerSecond)
            last = result
        }
        guard let result = last else { return }
        let t = result.timings
        let n = Double(max(1, t.stages.frames))
        rates.sort()
        let realTime = result.video.nominalFrameRate
        print(String(
            format: "pipeline %@ (%dx%d, %.2f fps, %d frames), %d thread(s): median %.1f frames/s over %d runs (min %.1f, max %.1f), "
                + "%.2f× real time",
            URL(fileURLWithPath: files[0]).lastPathComponent, result.video.width, result.video.height, realTime,
            t.stages.frames, options.threadCount, rates[rates.count / 2], rates.count, rates.first ?? 0, rates.last ?? 0,
            rates[rates.count / 2] / max(realTime, 1e-9)))
        print(String(
            format: "  last run per frame: landmark stage %.2f ms (model %.2f ms), detector %d runs × %.2f ms (model %.2f ms), "
                + "decode %.2f ms (own thread), inference waited %.2f ms; wall %.3f s + setup %.3f s",
            t.stages.landmarkSeconds / n * 1000, t.stages.landmarkModelSeconds / n * 1000, t.stages.detectorRuns,
            t.stages.detectorSeconds / Double(max(1, t.stages.detectorRuns)) * 1000,
            t.stages.detectorModelSeconds / Double(max(1, t.stages.detectorRuns)) * 1000,
            t.decodeSeconds / n * 1000, t.waitSeconds / n * 1000, t.wallSeconds, t.setupSeconds))
        print(String(format: "  peak resident memory of this process: %.0f MB", peakResidentMegabytes() ?? .nan))
    }

    static func modelOnly(_ arguments: [String]) throws {
        let threads = value("--threads", in: arguments).flatMap(Int.init) ?? BlazePoseOptions.defaultThreadCount
        let cache = ModelCache.standard()
        let runtime = try LiteRTRuntime.shared(in: cache)
        for (name, path, signed) in [("landmark", cache.landmarkModel.path, false), ("detector", cache.detectorModel.path, true)] {
            let model = try LiteRTModel(runtime: runtime, modelPath: path, threadCount: threads)
            let shape = model.inputs[0].shape
            let (h, w, c) = (shape[1], shape[2], shape[3])
            var input = [Float](repeating: 0, count: h * w * c)
            for y in 0..<h { for x in 0..<w { for k in 0..<c {
                let v = Float((x + 2 * y + 37 * k) % 256) / 255
                input[(y * w + x) * c + k] = signed ? v * 2 - 1 : v
            } } }
            try model.setInput(0, input)
            for _ in 0..<10 { try model.run() }
            var times: [Double] = []
            for _ in 0..<100 {
                let start = ContinuousClock.now
                try model.run()
                let d = ContinuousClock.now - start
                times.append(Double(d.components.seconds) * 1000 + Double(d.components.attoseconds) / 1e15)
            }
            times.sort()
            print(String(format: "model only: %@ model, %d thread(s): median %.2f ms/run, min %.2f, over 100 runs",
                name, threads, times[50], times[0]))
        }
    }
}
