import PoseRunCore
import PoseRunImage

/// Draws an `AnnotationTrack` onto video frames: the skeleton (left orange, right blue), a vertical
/// reference beside the trunk, live trunk-lean and knee angles, a label and a ring on the foot at
/// each contact and toe-off, and a strip at the bottom showing when each foot is on the ground.
public struct FrameAnnotator: Sendable {
    public var track: AnnotationTrack
    public let width: Int
    public let height: Int

    /// How long an event's label and ring stay up: long enough to read at normal speed.
    public static let eventHoldSeconds = 0.3

    /// Sizes scale with the frame so labels read the same on a phone clip and on 4K.
    let fontScale: Int
    let lineThickness: Double
    let jointRadius: Double

    public init(track: AnnotationTrack, width: Int, height: Int) {
        self.track = track
        self.width = width
        self.height = height
        let shortSide = min(width, height)
        fontScale = max(1, Int((Double(shortSide) / 220).rounded()))
        lineThickness = max(2, (Double(shortSide) / 240).rounded())
        jointRadius = max(3, (Double(shortSide) / 140).rounded())
    }

    /// The bones drawn, with the side that colours each (nil: the trunk, in white).
    static let bones: [(Landmark, Landmark, Side?)] = [
        (.leftShoulder, .rightShoulder, nil), (.leftHip, .rightHip, nil),
        (.leftShoulder, .leftHip, .left), (.rightShoulder, .rightHip, .right),
        (.leftShoulder, .leftElbow, .left), (.leftElbow, .leftWrist, .left),
        (.rightShoulder, .rightElbow, .right), (.rightElbow, .rightWrist, .right),
        (.leftHip, .leftKnee, .left), (.leftKnee, .leftAnkle, .left),
        (.leftAnkle, .leftHeel, .left), (.leftHeel, .leftToe, .left), (.leftAnkle, .leftToe, .left),
        (.rightHip, .rightKnee, .right), (.rightKnee, .rightAnkle, .right),
        (.rightAnkle, .rightHeel, .right), (.rightHeel, .rightToe, .right), (.rightAnkle, .rightToe, .right),
    ]

    /// Draws frame `index`'s annotation into `pixels` (`width × height × 3` bytes of rgb24) in place.
    public func annotate(frame index: Int, pixels: inout [UInt8]) {
        guard pixels.count == width * height * 3 else { return }
        var canvas = RGBCanvas(width: width, height: height)
        swap(&canvas.image.pixels, &pixels)
        draw(frame: index, on: &canvas)
        swap(&canvas.image.pixels, &pixels)
    }

    /// Draws frame `index`'s annotation on a canvas.
    public func draw(frame index: Int, on canvas: inout RGBCanvas) {
        let frame = track.frame(index)
        drawSkeleton(frame, on: &canvas)
        drawEvents(at: index, frame: frame, on: &canvas)
        drawAngles(frame, on: &canvas)
        drawContactStrip(at: index, on: &canvas)
    }

    // MARK: - Parts

    private func drawSkeleton(_ frame: AnnotationTrack.Frame, on canvas: inout RGBCanvas) {
        let p = frame.points
        // Far side first so the near side is drawn on top.
        let order: [Side] = nearSide(frame) == .left ? [.right, .left] : [.left, .right]
        // Vertical reference through mid-hip, as long as the trunk: the lean is the gap between the lines.
        if let hip = middle(p[.leftHip], p[.rightHip]), let shoulder = middle(p[.leftShoulder], p[.rightShoulder]) {
            let trunk = ((shoulder.x - hip.x) * (shoulder.x - hip.x) + (shoulder.y - hip.y) * (shoulder.y - hip.y)).squareRoot()
            canvas.line(from: hip, to: ImagePoint(x: hip.x, y: hip.y - trunk), thickness: max(1, lineThickness / 2), .grey,
                        dashPixels: Int(lineThickness * 3))
            canvas.line(from: hip, to: shoulder, thickness: lineThickness, .middle)
        }
        for side in order {
            for (a, b, boneSide) in Self.bones where boneSide == side {
                if let pa = p[a], let pb = p[b] { canvas.line(from: pa, to: pb, thickness: lineThickness, .side(side)) }
            }
        }
        for (a, b, boneSide) in Self.bones where boneSide == nil {
            if let pa = p[a], let pb = p[b] { canvas.line(from: pa, to: pb, thickness: lineThickness, .middle) }
        }
        for side in order {
            for (landmark, point) in p where landmark.side == side {
                canvas.disc(centreX: point.x, centreY: point.y, radius: jointRadius, .side(side))
            }
        }
        if let head = p[.head] { canvas.disc(centreX: head.x, centreY: head.y, radius: jointRadius * 1.5, .middle) }
    }

    /// The side nearer the camera, guessed as the side with more landmarks seen (the far side is the one a
    /// pose model loses first); drawn last so it is on top.
    private func nearSide(_ frame: AnnotationTrack.Frame) -> Side {
        let left = frame.points.keys.filter { $0.side == .left }.count
        let right = frame.points.keys.filter { $0.side == .right }.count
        return left >= right ? .left : .right
    }

    private func drawEvents(at index: Int, frame: AnnotationTrack.Frame, on canvas: inout RGBCanvas) {
        let hold = max(1, Int((Self.eventHoldSeconds * (track.frameRate > 0 ? track.frameRate : 30)).rounded()))
        var labels: [(String, RGBColour)] = []
        for marker in track.markers where index >= marker.frameIndex && index < marker.frameIndex + hold {
            let isContact = marker.kind == .initialContact
            let colour: RGBColour = isContact ? .contact : .toeOff
            let name = (marker.side == .left ? "LEFT " : "RIGHT ") + (isContact ? "CONTACT" : "TOE-OFF")
            labels.append((name, colour))
            // A ring around the foot, widest on the event frame and shrinking as it holds.
            let foot = isContact
                ? (frame.points[.heel(marker.side)] ?? frame.points[.toe(marker.side)] ?? frame.points[.ankle(marker.side)])
                : (frame.points[.toe(marker.side)] ?? frame.points[.ankle(marker.side)])
            if let foot {
                let age = Double(index - marker.frameIndex) / Double(hold)
                let radius = jointRadius * (5 - 2.5 * age)
                canvas.ring(centreX: foot.x, centreY: foot.y, radius: radius, thickness: lineThickness, colour)
            }
            // The event frame itself: a flash bar along the top edge, in the event's colour.
            if index == marker.frameIndex {
                canvas.fill(x: 0, y: 0, width: width, height: Int(lineThickness * 2), colour)
            }
        }
        let s = fontScale
        let lineHeight = (BitmapFont.glyphHeight + 3) * s
        var y = Int(lineThickness * 2) + 4 * s
        for (text, colour) in labels {
            let w = BitmapFont.width(of: text, scale: s)
            let x = width - w - 6 * s
            canvas.darken(x: x - 3 * s, y: y - 2 * s, width: w + 6 * s, height: lineHeight)
            canvas.text(text, x: x, y: y, scale: s, colour)
            y += lineHeight + s
        }
    }

    private func drawAngles(_ frame: AnnotationTrack.Frame, on canvas: inout RGBCanvas) {
        let s = fontScale
        var lines: [(String, RGBColour)] = []
        lines.append(("TRUNK LEAN " + Self.degrees(frame.trunkLeanDegrees), .middle))
        lines.append(("LEFT KNEE  " + Self.degrees(frame.kneeFlexionDegrees[.left]), .leftSide))
        lines.append(("RIGHT KNEE " + Self.degrees(frame.kneeFlexionDegrees[.right]), .rightSide))
        let lineHeight = (BitmapFont.glyphHeight + 3) * s
        let w = lines.map { BitmapFont.width(of: $0.0, scale: s) }.max() ?? 0
        let top = Int(lineThickness * 2) + 4 * s
        canvas.darken(x: 3 * s, y: top - 2 * s, width: w + 6 * s, height: lineHeight * lines.count + 2 * s)
        for (i, line) in lines.enumerated() {
            canvas.text(line.0, x: 6 * s, y: top + i * lineHeight, scale: s, line.1)
        }
    }

    /// Two rows at the bottom, left and right foot: filled where the foot is on the ground, with a
    /// cursor at the current frame — the rhythm of the stride at a glance.
    private func drawContactStrip(at index: Int, on canvas: inout RGBCanvas) {
        let frames = max(1, track.frames.count)
        let s = fontScale
        let rowHeight = max(4, 4 * s)
        let labelWidth = BitmapFont.width(of: "R", scale: s) + 6 * s
        let left = 3 * s + labelWidth, right = width - 3 * s
        guard right - left > 10 else { return }
        let top = height - 2 * rowHeight - 8 * s
        canvas.darken(x: 0, y: top - 3 * s, width: width, height: height - top + 3 * s)
        func xOf(_ frame: Int) -> Int { left + Int(Double(frame) / Double(frames) * Double(right - left)) }
        for (row, side) in [Side.left, .right].enumerated() {
            let y = top + row * (rowHeight + 3 * s)
            canvas.text(side == .left ? "L" : "R", x: 3 * s, y: y + (rowHeight - BitmapFont.glyphHeight * s) / 2, scale: s, .side(side))
            canvas.fill(x: left, y: y + rowHeight / 2, width: right - left, height: 1, .grey)
            for stance in track.stances[side] ?? [] {
                let x0 = xOf(stance.lowerBound), x1 = xOf(stance.upperBound + 1)
                canvas.fill(x: x0, y: y, width: max(1, x1 - x0), height: rowHeight, .side(side))
            }
        }
        let cursor = xOf(index)
        canvas.fill(x: cursor - max(1, s / 2), y: top - 2 * s, width: max(2, s), height: 2 * rowHeight + 7 * s, .middle)
    }

    // MARK: - Helpers

    private func middle(_ a: ImagePoint?, _ b: ImagePoint?) -> ImagePoint? {
        switch (a, b) {
        case let (a?, b?): return ImagePoint(x: (a.x + b.x) / 2, y: (a.y + b.y) / 2)
        case let (a?, nil): return a
        case let (nil, b?): return b
        default: return nil
        }
    }

    /// "8°", "−3°", or "--" when not measured; whole degrees (the pose is good to a few degrees at best).
    static func degrees(_ value: Double?) -> String {
        guard let value, let rounded = Int(measured: value) else { return "--" }
        return (rounded < 0 ? "-" : "") + "\(abs(rounded))°"
    }
}
