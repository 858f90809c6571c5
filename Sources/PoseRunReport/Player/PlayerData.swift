public import PoseRunCore

/// The clip the report's player shows, beside the report in its folder.
public struct PlayerMedia: Sendable, Hashable {
    /// The file's name in the report's folder (`video.mp4`, …).
    public var fileName: String
    /// The frame size the keypoints are in (PoseRun's decoding: rotation applied, square pixels). The
    /// player scales from it to whatever size the file plays at, so a smaller proxy lines up too.
    public var width: Int
    public var height: Int
    /// When each video frame (by index) is shown on the file's own timeline, in seconds.
    public var frameTimes: [Double]
    /// Why the file is a re-encoded proxy and not the original (`nil`: the original, copied).
    public var proxyReason: String?

    public init(fileName: String, width: Int, height: Int, frameTimes: [Double], proxyReason: String?) {
        self.fileName = fileName
        self.width = width
        self.height = height
        self.frameTimes = frameTimes
        self.proxyReason = proxyReason
    }
}

/// Everything the report's player draws, as one compact JavaScript file (`player.js`, beside the report):
/// the analysed keypoints of every frame, the angles measured there, the events and each stride's key
/// moments. Drawn live in the browser over the clip, or as a stick figure on a blank field for keypoint and
/// motion-capture input. Numbers are integers, delta-coded per series (about 3 characters each), so
/// a minute of 60 fps video is about half a megabyte.
public struct PlayerData: Sendable {
    /// The file the report loads (a script, because a page opened from disk may not fetch JSON).
    public static let fileName = "player.js"
    /// The format version the player reads; bumped when the layout changes.
    public static let formatVersion = 1

    /// The landmarks drawn: all PoseRun tracks (head, and shoulder to toe on each side).
    public static let drawnLandmarks: [Landmark] = Landmark.allCases
    /// The angles shown beside the picture, per foot (the trunk lean once).
    public static let shownAngles: [KeyFrameAngle] = [.trunkLean, .kneeFlexion, .shankAngle, .footAngle, .fallingAngle]

    public var analysis: Analysis
    public var cleaned: KeypointSequence
    public var frameByFrame: FrameByFrame?
    public var media: PlayerMedia?
    /// The Pose target shown beside each angle.
    public var targets: [KeyFrameAngle: String]

    public init(analysis: Analysis, cleaned: KeypointSequence, frameByFrame: FrameByFrame?, media: PlayerMedia?, targets: [KeyFrameAngle: String]) {
        self.analysis = analysis
        self.cleaned = cleaned
        self.frameByFrame = frameByFrame
        self.media = media
        self.targets = targets
    }

    /// Player positions: video frame indices when there is a video (a frame without a pose draws nothing),
    /// otherwise the samples of the keypoints themselves.
    var slotCount: Int { media?.frameTimes.count ?? cleaned.frameCount }

    /// The slot of each cleaned sample (nil when it falls outside the video's frames).
    func slot(ofSample i: Int) -> Int? {
        guard media != nil else { return i }
        let f = cleaned.frameNumbers[i]
        return f >= 0 && f < slotCount ? f : nil
    }

    /// The slot of an input frame number (`samples`: frame number → sample, for input without video).
    func slot(ofFrame frame: Int, samples: [Int: Int]) -> Int? {
        if media != nil { return frame >= 0 && frame < slotCount ? frame : nil }
        return samples[frame]
    }

    /// Integer units per input unit for positions: whole pixels, or millimetres.
    var positionScale: Double { cleaned.lengthUnit == .metres ? 1000 : 1 }

    /// `window.POSERUN_PLAYER = {…};`
    ///
    /// Written into one string as it goes, with no list of parts joined at the end: a 30-minute clip's script is
    /// about 10 MB, and its parts and their joins held it three times over.
    public func javaScript() -> String {
        var out = "window.POSERUN_PLAYER={"
        out.reserveCapacity(64 * 1024 + slotCount * (Self.drawnLandmarks.count * 2 + Self.shownAngles.count * 2) * 3)
        var firstField = true
        func field(_ name: String, _ write: (inout String) -> Void) {
            if !firstField { out += "," }
            firstField = false
            out += "\"\(name)\":"
            write(&out)
        }
        func field(_ name: String, _ value: String) { field(name) { $0 += value } }
        field("version", "\(Self.formatVersion)")
        field("slots", "\(slotCount)")
        field("direction", "\(analysis.input.directionOfTravel < 0 ? -1 : 1)")
        field("scale", "\(Int(positionScale))")
        field("unit", json(cleaned.lengthUnit.rawValue))
        field("frame_rate", finite(analysis.input.frameRate))
        if let media {
            field("video", "{\"file\":\(json(media.fileName)),\"width\":\(media.width),\"height\":\(media.height),\"proxy\":\(media.proxyReason.map(json) ?? "null")}")
            // Times in tenths of a millisecond: a 240 fps frame is 41.7 of them.
            field("times") { appendDeltas(media.frameTimes.map { $0 * 10_000 }, to: &$0) }
        } else {
            field("video", "null")
            field("times") { appendDeltas(cleaned.times.map { $0 * 10_000 }, to: &$0) }
            field("frames") { appendDeltas(cleaned.frameNumbers.map(Double.init), to: &$0) }
        }
        // Positions: y down for video (image rows), y up for keypoint and motion-capture input.
        let yDown = media != nil
        field("y_down", "\(yDown)")
        field("points") { out in
            out += "{"
            var first = true
            for landmark in Self.drawnLandmarks {
                guard let track = cleaned.tracks[landmark] else { continue }
                var xs = [Double](repeating: .nan, count: slotCount), ys = xs
                for i in 0..<cleaned.frameCount {
                    guard let slot = slot(ofSample: i), let p = track.point(at: i) else { continue }
                    xs[slot] = p.x * positionScale
                    ys[slot] = (yDown ? -p.y : p.y) * positionScale
                }
                if !first { out += "," }
                first = false
                out += "\(json(landmark.rawValue)):["
                appendDeltas(xs, to: &out)
                out += ","
                appendDeltas(ys, to: &out)
                out += "]"
            }
            out += "}"
        }
        field("angles") { out in
            out += "{"
            if let fbf = frameByFrame {
                var firstSide = true
                for side in Side.allCases {
                    if !firstSide { out += "," }
                    firstSide = false
                    out += "\(json(side.rawValue)):{"
                    var first = true
                    for angle in Self.shownAngles where angle != .trunkLean || side == .left {
                        let series = fbf.series(angle, side)
                        guard !series.isEmpty else { continue }
                        var values = [Double](repeating: .nan, count: slotCount)
                        for (i, v) in series.enumerated() { if let slot = slot(ofSample: i) { values[slot] = v * 10 } }
                        if !first { out += "," }
                        first = false
                        out += "\(json(angle.rawValue)):"
                        appendDeltas(values, to: &out)
                    }
                    out += "}"
                }
            }
            out += "}"
        }
        field("targets", "{\(Self.shownAngles.compactMap { a in targets[a].map { "\(json(a.rawValue)):\(json($0))" } }.joined(separator: ","))}")
        // Events and moments as [side, kind, slot]: contacts and toe-offs from the analysis, the Pose, the
        // Fall and the Pull of every complete stride.
        var marks: [String] = []
        var samples: [Int: Int] = [:]
        if media == nil { for (i, f) in cleaned.frameNumbers.enumerated() where samples[f] == nil { samples[f] = i } }
        for e in analysis.events {
            guard let slot = slot(ofFrame: e.frame, samples: samples) else { continue }
            marks.append("[\(json(e.side.rawValue)),\(json(e.kind == .initialContact ? "contact" : "toe_off")),\(slot)]")
        }
        for m in frameByFrame?.moments ?? [] where m.kind == .pose || m.kind == .pull || m.kind == .fall {
            guard let slot = slot(ofFrame: m.frame, samples: samples) else { continue }
            marks.append("[\(json(m.side.rawValue)),\(json(m.kind.rawValue)),\(slot)]")
        }
        field("marks", "[\(marks.joined(separator: ","))]")
        out += "};\n"
        return out
    }

    /// A series rounded to integers and delta-coded against the last value written; `null` where missing.
    func deltas(_ values: [Double]) -> String {
        var out = ""
        appendDeltas(values, to: &out)
        return out
    }

    /// `deltas`, appended to `out`.
    func appendDeltas(_ values: [Double], to out: inout String) {
        out += "["
        var previous = 0
        var first = true
        for v in values {
            if !first { out += "," }
            first = false
            // Out of range (a corrupt coordinate) is drawn as missing, never trapped on.
            guard v.isFinite, abs(v) < 1e9 else { out += "null"; continue }
            let r = Int(v.rounded())
            out += String(r - previous)
            previous = r
        }
        out += "]"
    }

    func json(_ s: String) -> String {
        var out = "\""
        for c in s.unicodeScalars {
            switch c {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "<": out += "\\u003c"   // never closes a <script>
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if c.value < 0x20 || c.value == 0x2028 || c.value == 0x2029 {
                    let hex = String(c.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(c)
                }
            }
        }
        return out + "\""
    }

    func finite(_ v: Double) -> String { v.isFinite ? String(v) : "null" }
}
