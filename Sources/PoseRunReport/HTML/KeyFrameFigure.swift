import Foundation
import PoseRunCore

/// One key frame as an SVG figure: the real video frame with the skeleton and the measured angles drawn
/// where they are measured, or the same drawing as a stick figure when there is no frame.
struct KeyFrameFigure {
    var keyFrame: KeyFrame
    var image: KeyFrameImage?
    /// +1 when the runner moves toward +x in the input's coordinates.
    var directionOfTravel: Int
    /// The tallest body among the figures drawn side by side (plane units), so they share one scale.
    var scaleReference: Double

    /// The body's on-screen height of a key frame (plane units): what `scaleReference` is the largest of.
    static func bodyHeight(_ kf: KeyFrame) -> Double {
        let ys = kf.points.values.map(\.y)
        guard let lo = ys.min(), let hi = ys.max() else { return 0 }
        return hi - lo
    }

    /// The bones drawn, proximal to distal.
    static let bones: [(Landmark, Landmark)] = Side.allCases.flatMap { s in
        [(Landmark.shoulder(s), .elbow(s)), (.elbow(s), .wrist(s)), (.hip(s), .knee(s)), (.knee(s), .ankle(s)),
         (.ankle(s), .heel(s)), (.heel(s), .toe(s)), (.ankle(s), .toe(s)), (.shoulder(s), .hip(s))]
    } + [(.leftShoulder, .rightShoulder), (.leftHip, .rightHip)]

    /// The angles labelled on each kind of key frame, in drawing order.
    static func angles(for kind: KeyFrameKind) -> [KeyFrameAngle] {
        switch kind {
        case .initialContact: return [.trunkLean, .kneeFlexion, .shankAngle, .footAngle, .fallingAngle]
        case .pose: return [.trunkLean, .kneeFlexion, .fallingAngle]
        case .fall: return [.trunkLean, .fallingAngle, .thighAngle]
        case .pull: return [.trunkLean, .kneeFlexion, .thighAngle]
        }
    }

    /// Screen position of a plane point: image rows for a photo (video keypoints are `y = −row`), mirrored so forward is right for a stick figure.
    func screen(_ p: PlanePoint) -> PlanePoint {
        if image != nil { return PlanePoint(x: p.x, y: -p.y) }
        return PlanePoint(x: p.x * Double(directionOfTravel < 0 ? -1 : 1), y: -p.y)
    }

    /// Longest side of the canvas a key frame is drawn on from the clip, in pixels: twice a figure's width on a page.
    static let clipCanvasSide = 640.0

    func render(id: String) -> String {
        let c = HTMLText.coordinate
        let pts = keyFrame.points.values.map(screen)
        guard let minX = pts.map(\.x).min(), let maxX = pts.map(\.x).max(),
              let minY = pts.map(\.y).min(), let maxY = pts.map(\.y).max() else {
            return "<p class=\"muted\">No landmarks at this frame.</p>"
        }
        let reference = max(scaleReference, maxY - minY, 1e-6)
        let u = reference / 100   // drawing unit: 1 % of the tallest body's height
        // A 4:5 box (the figure's CSS aspect ratio) on one scale for every figure: feet near the bottom,
        // the hips in the middle, labels either side.
        let hipX = mid(keyFrame.point(.leftHip).map(screen), keyFrame.point(.rightHip).map(screen))?.x ?? (minX + maxX) / 2
        var vw = reference * 1.12, vh = reference * 1.4
        var vx = hipX - vw * 0.5, vy = maxY + reference * 0.08 - vh
        _ = minX
        if let image {
            // Stay inside the frame where it is large enough.
            vw = min(vw, Double(image.width)); vh = min(vh, Double(image.height))
            vx = min(max(0, vx), Double(image.width) - vw); vy = min(max(0, vy), Double(image.height) - vh)
        }
        var svg = "<svg class=\"figure\" id=\"\(id)\" viewBox=\"\(c(vx)) \(c(vy)) \(c(vw)) \(c(vh))\" preserveAspectRatio=\"xMidYMid meet\" role=\"img\" aria-label=\"\(HTMLText.escape(keyFrame.side.rawValue + " " + keyFrame.kind.rawValue))\">"
        if let image, let jpeg = image.jpeg {
            svg += "<image href=\"data:image/jpeg;base64,\(jpeg.base64EncodedString())\" x=\"0\" y=\"0\" width=\"\(image.width)\" height=\"\(image.height)\"/>"
        } else if let image {
            // The player fills the canvas with this part of the frame from its clip; grey until it has.
            let scale = min(1, Self.clipCanvasSide / max(vw, vh))
            svg += "<rect x=\"\(c(vx))\" y=\"\(c(vy))\" width=\"\(c(vw))\" height=\"\(c(vh))\" fill=\"#dee2e6\"/>"
            svg += "<foreignObject x=\"\(c(vx))\" y=\"\(c(vy))\" width=\"\(c(vw))\" height=\"\(c(vh))\">"
            svg += "<canvas class=\"key-frame-canvas\" data-frame=\"\(keyFrame.frame)\" data-region=\"\(c(vx)) \(c(vy)) \(c(vw)) \(c(vh))\" "
            svg += "data-frame-size=\"\(image.width) \(image.height)\" width=\"\(Int((vw * scale).rounded()))\" height=\"\(Int((vh * scale).rounded()))\"></canvas></foreignObject>"
        } else {
            svg += "<rect x=\"\(c(vx))\" y=\"\(c(vy))\" width=\"\(c(vw))\" height=\"\(c(vh))\" fill=\"#f6f7f9\"/>"
            // Ground line under the lowest foot point.
            svg += "<line x1=\"\(c(vx))\" x2=\"\(c(vx + vw))\" y1=\"\(c(maxY + u))\" y2=\"\(c(maxY + u))\" stroke=\"#adb5bd\" stroke-width=\"\(c(u * 0.6))\"/>"
        }
        let side = keyFrame.side
        func p(_ l: Landmark) -> PlanePoint? { keyFrame.point(l).map(screen) }
        func line(_ a: PlanePoint, _ b: PlanePoint, _ colour: String, _ width: Double, dash: Bool = false, cls: String = "") -> String {
            "<line\(cls.isEmpty ? "" : " class=\"\(cls)\"") x1=\"\(c(a.x))\" y1=\"\(c(a.y))\" x2=\"\(c(b.x))\" y2=\"\(c(b.y))\" stroke=\"\(colour)\" stroke-width=\"\(c(width * u))\" stroke-linecap=\"round\"\(dash ? " stroke-dasharray=\"\(c(2 * u)) \(c(1.5 * u))\"" : "")/>"
        }
        // Far side first, grey; the measured side in its colour on top.
        let sideColour = CycleChart.colour(side)
        for (a, b) in Self.bones {
            guard let pa = p(a), let pb = p(b) else { continue }
            let onSide = a.side == side && b.side == side
            let other = a.side == side.opposite || b.side == side.opposite
            if other { svg += line(pa, pb, "#ffffff", 2.2) + line(pa, pb, "#868e96", 1.4) }
            else if !onSide { svg += line(pa, pb, "#ffffff", 2.2) + line(pa, pb, "#495057", 1.4) }
        }
        for (a, b) in Self.bones where a.side == side && b.side == side {
            guard let pa = p(a), let pb = p(b) else { continue }
            svg += line(pa, pb, "#ffffff", 2.6) + line(pa, pb, sideColour, 1.6)
        }
        let midHip = mid(p(.leftHip), p(.rightHip)), midShoulder = mid(p(.leftShoulder), p(.rightShoulder))
        if let h = p(.head), let s = midShoulder { svg += line(h, s, "#495057", 1.2) }
        if let h = p(.head) { svg += "<circle cx=\"\(c(h.x))\" cy=\"\(c(h.y))\" r=\"\(c(4 * u))\" fill=\"none\" stroke=\"#495057\" stroke-width=\"\(c(1.2 * u))\"/>" }

        // Measured angles where they are measured, with a vertical reference line.
        var labels: [(PlanePoint, String)] = []
        /// Labels placed left of what they name, anchored at their end so they never run into the body.
        var leftLabels: [(PlanePoint, String)] = []
        let accent = "#2b8a3e"
        let angles = Self.angles(for: keyFrame.kind)
        func vertical(from a: PlanePoint, length: Double) -> String {
            line(a, PlanePoint(x: a.x, y: a.y - length), "#212529", 0.8, dash: true)
        }
        if angles.contains(.trunkLean), let v = keyFrame.angle(.trunkLean), let h = midHip, let s = midShoulder {
            svg += line(h, s, accent, 1.4, cls: "trunk") + vertical(from: h, length: h.distance(to: s))
            labels.append((PlanePoint(x: s.x + 6 * u, y: (h.y + s.y) / 2 - 6 * u), "trunk \(HTMLText.degrees(v))°"))
        }
        if angles.contains(.kneeFlexion), let v = keyFrame.angle(.kneeFlexion), let k = p(.knee(side)) {
            svg += "<circle cx=\"\(c(k.x))\" cy=\"\(c(k.y))\" r=\"\(c(2.2 * u))\" fill=\"\(sideColour)\" stroke=\"#fff\" stroke-width=\"\(c(0.6 * u))\"/>"
            labels.append((PlanePoint(x: k.x + 6 * u, y: k.y), "knee \(HTMLText.degrees(v))°"))
        }
        if angles.contains(.shankAngle), let v = keyFrame.angle(.shankAngle), let k = p(.knee(side)), let a = p(.ankle(side)) {
            svg += vertical(from: PlanePoint(x: k.x, y: a.y), length: a.y - k.y)
            leftLabels.append((PlanePoint(x: min(k.x, a.x) - 5 * u, y: (k.y + a.y) / 2 + 8 * u), "shank \(HTMLText.degrees(v))°"))
        }
        if angles.contains(.footAngle), let v = keyFrame.angle(.footAngle), let heel = p(.heel(side)), let toe = p(.toe(side)) {
            svg += line(heel, toe, accent, 1.4)
            leftLabels.append((PlanePoint(x: min(heel.x, toe.x) - 4 * u, y: max(heel.y, toe.y) + 2 * u), "foot \(HTMLText.degrees(v))°"))
        }
        if angles.contains(.thighAngle), let v = keyFrame.angle(.thighAngle), let h = p(.hip(side)), let k = p(.knee(side)) {
            svg += vertical(from: PlanePoint(x: h.x, y: h.y + h.distance(to: k)), length: h.distance(to: k))
            let text = "thigh \(HTMLText.degrees(v))°"
            if keyFrame.kind == .fall {
                labels.append((PlanePoint(x: h.x + 6 * u, y: h.y + 24 * u), text))
            } else {
                leftLabels.append((PlanePoint(x: min(h.x, k.x) - 4 * u, y: (h.y + k.y) / 2 + 4 * u), text))
            }
        }
        if let com = keyFrame.centreOfMass.map(screen) {
            if angles.contains(.fallingAngle), let support = keyFrame.supportPoint.map(screen) {
                svg += line(support, com, "#e8590c", 1.2, dash: true) + vertical(from: support, length: support.y - com.y)
                svg += "<circle cx=\"\(c(support.x))\" cy=\"\(c(support.y))\" r=\"\(c(1.6 * u))\" fill=\"#e8590c\"/>"
                if let v = keyFrame.angle(.fallingAngle) {
                    let name = keyFrame.kind == .initialContact ? "COM" : "fall"
                    let at = PlanePoint(x: keyFrame.kind == .initialContact ? com.x - 4 * u : com.x + 6 * u, y: com.y + 12 * u)
                    if keyFrame.kind == .initialContact { leftLabels.append((at, "\(name) \(HTMLText.degrees(v))°")) } else { labels.append((at, "\(name) \(HTMLText.degrees(v))°")) }
                }
            }
            svg += "<circle class=\"com\" cx=\"\(c(com.x))\" cy=\"\(c(com.y))\" r=\"\(c(2.6 * u))\" fill=\"#fff\" stroke=\"#212529\" stroke-width=\"\(c(0.9 * u))\"><title>centre of mass</title></circle>"
            svg += "<circle cx=\"\(c(com.x))\" cy=\"\(c(com.y))\" r=\"\(c(1 * u))\" fill=\"#212529\"/>"
        }
        for (at, text) in leftLabels {
            svg += "<text class=\"angle-label\" text-anchor=\"end\" x=\"\(c(at.x))\" y=\"\(c(at.y))\" font-size=\"\(c(5.2 * u))\" stroke-width=\"\(c(1.8 * u))\">\(HTMLText.escape(text))</text>"
        }
        for (at, text) in labels {
            svg += "<text class=\"angle-label\" x=\"\(c(at.x))\" y=\"\(c(at.y))\" font-size=\"\(c(5.2 * u))\" stroke-width=\"\(c(1.8 * u))\">\(HTMLText.escape(text))</text>"
        }
        svg += "</svg>"
        return svg
    }

    private func mid(_ a: PlanePoint?, _ b: PlanePoint?) -> PlanePoint? {
        switch (a, b) {
        case let (a?, b?): return .midpoint(a, b)
        case let (a?, nil): return a
        case let (nil, b?): return b
        default: return nil
        }
    }
}
