public import Foundation
public import PoseRunCore

/// Gait events marked by eye on a video's frames, with what the labeller saw of the clip (its distinct
/// frame rate, slow motion, facing): the ground truth for the video path, where no force plate exists.
///
/// The format and the labelling protocol are in `Tests/Fixtures/video-labels/PROTOCOL.md`: `key: value`
/// header lines, then `events:` and one `FRAME FOOT EVENT CONFIDENCE` line per event, `#` comments.
public struct VideoEventLabels: Sendable, Hashable {
    /// Which leg, as the camera sees it: the one drawn in front, or the one behind.
    public enum Foot: String, Sendable, Hashable, CaseIterable {
        case near, far
    }

    public enum Confidence: String, Sendable, Hashable {
        /// Clear to the frame.
        case sure
        /// Blur, occlusion or a repeated frame: a frame or more either way.
        case unsure
    }

    /// One labelled event: a foot's first frame on the ground (IC) or its last (TO).
    public struct Event: Sendable, Hashable {
        public var frame: Int
        public var foot: Foot
        public var kind: GaitEventKind
        public var confidence: Confidence
    }

    /// A labelled and a detected event are the same event within this many container frames: at 30 fps
    /// 100 ms, under half the shortest step of the shared clips (about 9 frames), so a detection cannot pair
    /// with the neighbouring step's event.
    public static let matchingToleranceFrames = 3.0

    /// The matching tolerance in real time: 3 frames of a real-time clip (100 ms of running at 30 fps), that many
    /// times the slow-motion factor in a slowed clip's frames. At ×9, 3 container frames are 11 ms of running, finer
    /// than the force-plate targets and than two labellers agree on (docs/vision.md, session 16).
    public var realTimeMatchingToleranceFrames: Double { Self.matchingToleranceFrames * max(1, slowMotionFactor ?? 1) }

    /// A step-time spread or a cadence over the same steps needs at least this many steps: over two, one unsure end
    /// label moves the mean step by half its error, and a spread of two is hardly one; heuristic.
    public static let fewestStepsForAFigure = 3

    /// Clip path under `../shared/data`.
    public var clip: String
    public var frames: Int
    public var containerFramesPerSecond: Double
    /// Distinct (non-repeated) frames per second of container time, as the labeller counted them.
    public var distinctFramesPerSecond: Double?
    /// How many times slower than real time the clip plays: 1 for real time, nil when unknown.
    public var slowMotionFactor: Double?
    /// The direction the runner faces in the image: −1 left, +1 right.
    public var facing: Int
    public var setting: String
    /// False for a clip that shows no running (the detector must say so).
    public var isRunning: Bool
    /// Frame ranges where both feet can be judged; events outside them are not counted as missed.
    public var visible: [ClosedRange<Int>]
    public var labeller: String
    /// The clip's majority foot-strike class at its labelled contacts (`rearfoot`, `midfoot`, `forefoot`), when judged.
    public var footStrike: String?
    public var events: [Event]

    /// The side the image shows for a foot: a runner facing left shows the left leg near (the camera
    /// looks at the runner's left), facing right the right leg. A mirrored clip is read as it looks.
    public func side(of foot: Foot) -> Side {
        switch (facing < 0, foot) {
        case (true, .near), (false, .far): return .left
        case (true, .far), (false, .near): return .right
        }
    }

    /// Steps per minute of container time over the labels' alternating initial contacts.
    public var stepsPerMinute: Double? { labelledContacts.cadenceOverAlternatingContacts() }

    /// The labelled initial contacts as events at their frames' times.
    private var labelledContacts: [GaitEvent] {
        events.filter { $0.kind == .initialContact }.map {
            GaitEvent(side: side(of: $0.foot), kind: .initialContact, time: Double($0.frame) / containerFramesPerSecond, frame: $0.frame)
        }
    }

    /// The labels' step-time spread: SD / mean of the times between consecutive initial contacts of alternating
    /// feet, as labelled (`raw`) and less what labelling to whole frames adds (`lessRounding`). A label sits up to
    /// half a distinct frame from its event (variance 1/12 frame²), so each step time carries 2/12 of a distinct
    /// frame² of rounding: on an 11-frame step that alone is 3.7 %. A detector that interpolates between frames
    /// can therefore be steadier than its labels; the rounding-free figure is what it should be compared with.
    /// Nil below `fewestStepsForAFigure` steps.
    public var stepTimeSpread: (raw: Double, lessRounding: Double)? {
        let steps = labelledContacts.stepTimesOverAlternatingContacts()
        guard steps.count >= Self.fewestStepsForAFigure else { return nil }
        let mean = steps.reduce(0, +) / Double(steps.count)
        guard mean > 0 else { return nil }
        let variance = steps.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(steps.count - 1)
        // A 24-in-30 clip's labels can only fall on distinct frames, 1/24 s apart.
        let distinctInterval = 1 / min(distinctFramesPerSecond ?? containerFramesPerSecond, containerFramesPerSecond)
        let rounding = 2.0 / 12.0 * distinctInterval * distinctInterval
        return (variance.squareRoot() / mean, max(0, variance - rounding).squareRoot() / mean)
    }

    /// Whether a frame lies where the labeller could judge both feet.
    public func isVisible(frame: Int) -> Bool { visible.contains { $0.contains(frame) } }

    /// Reads a labels file.
    public static func read(contentsOf url: URL) throws(ReferenceEventsError) -> VideoEventLabels {
        let text: String
        do { text = try String(contentsOf: url, encoding: .utf8) } catch {
            throw ReferenceEventsError(fileName: url.lastPathComponent, problem: "cannot be read as UTF-8 text (\(error.localizedDescription))")
        }
        return try parse(text, fileName: url.lastPathComponent)
    }

    /// Parses the text of a labels file; `fileName` names it in errors.
    public static func parse(_ text: String, fileName: String) throws(ReferenceEventsError) -> VideoEventLabels {
        func fail(_ line: Int, _ problem: String) -> ReferenceEventsError {
            ReferenceEventsError(fileName: fileName, line: line, problem: problem)
        }
        var header: [String: (value: String, line: Int)] = [:]
        var events: [Event] = []
        var inEvents = false
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let lineNumber = index + 1
            let content = raw.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
            let line = content.trimmingCharacters(in: .whitespaces)
            if line.isEmpty { continue }
            if inEvents {
                let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "," }).map(String.init)
                guard fields.count >= 3, let frame = Int(fields[0]), frame >= 0 else {
                    throw fail(lineNumber, "an event is 'FRAME near|far IC|TO [sure|unsure]', found \(FormatError.quoted(line))")
                }
                guard let foot = Foot(rawValue: fields[1].lowercased()) else { throw fail(lineNumber, "foot \(FormatError.quoted(fields[1])) is not near or far") }
                let kind: GaitEventKind
                switch fields[2].uppercased() {
                case "IC": kind = .initialContact
                case "TO": kind = .toeOff
                default: throw fail(lineNumber, "event \(FormatError.quoted(fields[2])) is not IC or TO")
                }
                let confidence = fields.count > 3 ? Confidence(rawValue: fields[3].lowercased()) : .sure
                guard let confidence else { throw fail(lineNumber, "confidence \(FormatError.quoted(fields[3])) is not sure or unsure") }
                events.append(Event(frame: frame, foot: foot, kind: kind, confidence: confidence))
                continue
            }
            if line.lowercased() == "events:" { inEvents = true; continue }
            guard let colon = line.firstIndex(of: ":") else { throw fail(lineNumber, "expected 'key: value' or 'events:', found \(FormatError.quoted(line))") }
            let key = line[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            header[key] = (value, lineNumber)
        }
        func required(_ key: String) throws(ReferenceEventsError) -> (value: String, line: Int) {
            guard let entry = header[key] else { throw ReferenceEventsError(fileName: fileName, problem: "has no '\(key):' line") }
            return entry
        }
        let clip = try required("clip").value
        let framesEntry = try required("frames")
        guard let frames = Int(framesEntry.value), frames > 0 else { throw fail(framesEntry.line, "frames must be a positive whole number") }
        let fpsEntry = try required("container_fps")
        guard let fps = Double(fpsEntry.value), fps > 0 else { throw fail(fpsEntry.line, "container_fps must be a positive number") }
        let facingEntry = try required("facing")
        let facing: Int
        switch facingEntry.value.lowercased() {
        case "left": facing = -1
        case "right": facing = 1
        default: throw fail(facingEntry.line, "facing must be left or right")
        }
        let distinct = header["distinct_fps"].flatMap { Double($0.value) }
        let slow = header["slow_motion"].flatMap { Double($0.value) }
        let running = header["running"].map { $0.value.lowercased() != "no" } ?? true
        var visible: [ClosedRange<Int>] = []
        if let entry = header["visible"], !["", "none"].contains(entry.value.lowercased()) {
            for part in entry.value.split(separator: ",") {
                let bounds = part.split(separator: "-").map { Int($0.trimmingCharacters(in: .whitespaces)) }
                guard bounds.count == 2, let lo = bounds[0], let hi = bounds[1], lo <= hi else {
                    throw fail(entry.line, "visible ranges are 'FIRST-LAST, …', found \(FormatError.quoted(part))")
                }
                visible.append(lo...hi)
            }
        } else if header["visible"] == nil {
            visible = [0...(frames - 1)]
        }
        if let outside = events.first(where: { $0.frame >= frames }) {
            throw ReferenceEventsError(fileName: fileName, problem: "event at frame \(outside.frame) is past the clip's \(frames) frames")
        }
        return VideoEventLabels(
            clip: clip, frames: frames, containerFramesPerSecond: fps, distinctFramesPerSecond: distinct,
            slowMotionFactor: slow, facing: facing, setting: header["setting"]?.value ?? "unknown", isRunning: running,
            visible: visible, labeller: header["labeller"]?.value ?? "", footStrike: header["foot_strike"]?.value,
            events: events.sorted { $0.frame < $1.frame })
    }
}

extension VideoEventLabels {
    /// The labels as gait events in a sequence's time base. A label marks a frame, the event lies
    /// within the frame interval around it: an IC (first frame on the ground) half a frame before its
    /// frame, a TO (last frame on the ground) half a frame after, so that the error of an exact
    /// detector is centred on zero. Frames the sequence lacks are timed at the container rate.
    public func referenceEvents(times: [Double], frameNumbers: [Int]) -> [GaitEvent] {
        let index = Dictionary(zip(frameNumbers, times.indices), uniquingKeysWith: { a, _ in a })
        let interval = 1 / containerFramesPerSecond
        var origin = 0.0
        if let firstFrame = frameNumbers.first, let firstTime = times.first { origin = firstTime - Double(firstFrame) * interval }
        func time(of frame: Int) -> Double {
            if let i = index[frame] { return times[i] }
            return origin + Double(frame) * interval
        }
        return events.map { event in
            let shift = event.kind == .initialContact ? -interval / 2 : interval / 2
            return GaitEvent(side: side(of: event.foot), kind: event.kind, time: time(of: event.frame) + shift, frame: event.frame)
        }
    }

    /// How detected events agree with the labels.
    public struct Agreement: Sendable {
        public var matching: EventMatching.Result
        /// Labelled events (inside the visible ranges) and how many a detected event paired with.
        public var labelled: Int
        public var found: Int
        /// Detected events inside the visible ranges, and how many paired with a label.
        public var detected: Int
        public var correct: Int
        /// Errors of the paired events in container frames (detected − labelled), IC and TO together.
        public var frameErrors: [Double]
        /// Whether the detector's sides are the other way round from the ones the image shows.
        public var sidesExchanged: Bool

        /// Cadence over the same steps, by the labels and by the events compared with them: consecutive labelled
        /// contacts of alternating feet that were both found (`EventMatching.Result.cadenceOverStepsFoundAtBothEnds`).
        /// The clip's two cadences cover different steps; here a first or last label an unsure frame off, or steps
        /// the labeller left out (a sprinter slowing after the finish line), weigh on neither. Nil below `fewestStepsForAFigure` steps.
        public var cadenceOverStepsFoundAtBothEnds: (reference: Double, detected: Double)? {
            matching.cadenceOverStepsFoundAtBothEnds(fewestSteps: VideoEventLabels.fewestStepsForAFigure)
        }

        public var recall: Double? { labelled > 0 ? Double(found) / Double(labelled) : nil }
        public var precision: Double? { detected > 0 ? Double(correct) / Double(detected) : nil }
        public var medianAbsoluteFrameError: Double? {
            let sorted = frameErrors.map { abs($0) }.sorted()
            guard !sorted.isEmpty else { return nil }
            let mid = sorted.count / 2
            return sorted.count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
        }
    }

    /// How a second labeller's labels of the same clip agree with these, matched as detected events are: the
    /// other's events stand in for the detected ones, over the frames both labellers judged. Two people's agreement
    /// is what a detector can be held to: where they part by more than the tolerance, a detector's "miss" may be
    /// either labeller's. Nil when the other file labels another clip, or the same at another frame count or rate.
    public func agreement(withSecondLabels other: VideoEventLabels, toleranceFrames: Double = matchingToleranceFrames) -> Agreement? {
        guard other.clip == clip, other.frames == frames, other.containerFramesPerSecond == containerFramesPerSecond else { return nil }
        var first = self
        first.visible = visible.flatMap { a in
            other.visible.compactMap { b -> ClosedRange<Int>? in
                let lower = max(a.lowerBound, b.lowerBound), upper = min(a.upperBound, b.upperBound)
                return lower <= upper ? lower...upper : nil
            }
        }
        let frameNumbers = Array(0..<frames)
        let times = frameNumbers.map { Double($0) / containerFramesPerSecond }
        return first.agreement(
            with: other.referenceEvents(times: times, frameNumbers: frameNumbers), times: times, frameNumbers: frameNumbers,
            toleranceFrames: toleranceFrames)
    }

    /// Matches detected events against the labels, per side and kind, within `toleranceFrames` container
    /// frames; events outside the visible ranges count neither as missed nor as extra.
    ///
    /// Which detected side is the near foot is taken from the better of the two assignments, once for
    /// the clip: in a side view the pose model's left and right are a convention (on a mirrored clip
    /// BlazePose can call the near leg right), so what is checked is that each foot's events are found
    /// and kept on one foot, not which name the model gave it.
    public func agreement(
        with detected: [GaitEvent], times: [Double], frameNumbers: [Int], toleranceFrames: Double = matchingToleranceFrames
    ) -> Agreement {
        let asShown = agreement(with: detected, times: times, frameNumbers: frameNumbers, toleranceFrames: toleranceFrames, exchanged: false)
        let exchanged = agreement(with: detected, times: times, frameNumbers: frameNumbers, toleranceFrames: toleranceFrames, exchanged: true)
        return exchanged.found > asShown.found ? exchanged : asShown
    }

    private func agreement(
        with detected: [GaitEvent], times: [Double], frameNumbers: [Int], toleranceFrames: Double, exchanged: Bool
    ) -> Agreement {
        var reference = referenceEvents(times: times, frameNumbers: frameNumbers)
        if exchanged { reference = reference.map { var e = $0; e.side = e.side.opposite; return e } }
        let interval = 1 / containerFramesPerSecond
        // Only what lies in the visible frames counts, pairs included: a second labeller's event can match one of
        // the first's outside the frames both judged.
        var result = EventMatching.match(detected: detected, reference: reference, tolerance: toleranceFrames * interval)
        result.pairs = result.pairs.filter { isVisible(frame: $0.reference.frame) }
        result.missed = result.missed.filter { isVisible(frame: $0.frame) }
        result.extra = result.extra.filter { isVisible(frame: $0.frame) }
        let pairs = result.pairs.count
        return Agreement(
            matching: result, labelled: pairs + result.missed.count, found: pairs,
            detected: pairs + result.extra.count, correct: pairs,
            frameErrors: result.pairs.map { $0.errorSeconds / interval }, sidesExchanged: exchanged)
    }
}
