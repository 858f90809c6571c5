import Foundation
public import PoseRunCore

/// Flattens 3D landmark trajectories onto the runner's sagittal plane: x along the direction of
/// travel, y up, so motion capture becomes the same 2D side view a video gives.
///
/// The lab's axes are not assumed: the vertical is the axis along which head and shoulders sit
/// farthest above the feet (OpenSim files are Y-up, C3D files usually Z-up), and forward is the
/// pelvis's net horizontal travel overground, or on a treadmill (pelvis in place) the axis the
/// feet swing along relative to the pelvis, signed by the heel→toe direction.
public enum SagittalProjection {
    /// A lab axis.
    public enum Axis: String, Sendable, Hashable, CaseIterable {
        case x, y, z
        var index: Int { switch self { case .x: 0; case .y: 1; case .z: 2 } }
    }

    /// An axis and which way along it is meant: `+y`, `-z`.
    public struct SignedAxis: Sendable, Hashable, CustomStringConvertible {
        public var axis: Axis
        /// +1 or −1.
        public var sign: Int

        public init(_ axis: Axis, sign: Int = 1) {
            self.axis = axis
            self.sign = sign < 0 ? -1 : 1
        }

        /// Parses `x`, `y`, `z`, optionally signed (`+z`, `-y`); `nil` for anything else.
        public init?(parsing text: String) {
            var t = text.trimmingCharacters(in: .whitespaces).lowercased()
            var sign = 1
            if t.hasPrefix("-") { sign = -1; t.removeFirst() } else if t.hasPrefix("+") { t.removeFirst() }
            guard let axis = Axis(rawValue: t) else { return nil }
            self.init(axis, sign: sign)
        }

        public var description: String { (sign < 0 ? "-" : "+") + axis.rawValue }
        var vector: SIMD3<Double> {
            var v = SIMD3<Double>(repeating: 0)
            v[axis.index] = Double(sign)
            return v
        }
    }

    /// Whether the runner stays in place.
    public enum Setting: String, Sendable, Hashable {
        case treadmill, overground
    }

    /// How the plane was chosen, for the report and for a user to check.
    public struct Report: Sendable, Hashable {
        /// The lab axis taken as up, and whether the user gave it.
        public var vertical: SignedAxis
        public var verticalWasGiven: Bool
        public var setting: Setting
        /// Unit vector, in lab coordinates, of the plane's +x (the direction of travel when known).
        public var forward: SIMD3<Double>
        /// The lab axis nearest `forward`, e.g. `+x`.
        public var forwardNearestAxis: SignedAxis
        /// Angle between `forward` and that axis, degrees.
        public var forwardAngleFromAxisDegrees: Double
        /// False when nothing told forward from backward (no heel and toe on a treadmill).
        public var directionKnown: Bool
        /// Net horizontal travel of the pelvis, metres, and its mean speed, m/s.
        public var pelvisTravelMetres: Double
        public var pelvisSpeedMetresPerSecond: Double
        /// Landmarks absent from the output (not provided, or never present in any frame).
        public var missingLandmarks: [Landmark]
        public var notes: [String]
    }

    /// The pelvis counts as travelling (overground) above this speed in body heights per second,
    /// where "body height" is the mean vertical distance from the feet to the shoulders (or head).
    /// Slow running (≥ 2 m/s) is over 1.3 such heights/s for a 1.5 m shoulder height; a treadmill
    /// runner drifts a few cm over a trial (≪ 0.1/s). The ratio keeps the test free of units,
    /// so Sports2D files in scaled pixels classify the same way.
    public static let overgroundSpeedBodyHeightsPerSecond = 0.3

    static let upperBody: [Landmark] = [.head, .leftShoulder, .rightShoulder]
    static let feet: [Landmark] = [.leftHeel, .rightHeel, .leftToe, .rightToe, .leftAnkle, .rightAnkle]

    /// Projects every landmark; throws `.undeterminedOrientation` when neither the vertical nor
    /// the horizontal plane can be found (give `verticalAxis` then).
    public static func project(
        _ body: LandmarkTrajectories, verticalAxis given: SignedAxis? = nil, fileName: String
    ) throws -> (sequence: KeypointSequence, report: Report) {
        let n = body.frameCount
        var notes: [String] = []
        guard n > 0 else {
            throw FormatError(.noData, file: fileName, problem: "there are no frames to project")
        }
        guard body.frameNumbers.count == n, body.positions.values.allSatisfy({ $0.count == n }) else {
            throw FormatError(.malformed, file: fileName, problem: "landmark series and frame times differ in length (a reader fault)",
                              remedy: "report this with the file")
        }
        // A file whose markers are all gaps (0, 0, 0 is a gap) has nothing to measure: say that, rather than
        // that the vertical cannot be found.
        let hasAnyPosition = body.positions.values.contains { series in
            series.contains { $0.x.isFinite && $0.y.isFinite && $0.z.isFinite }
        }
        guard hasAnyPosition else {
            throw FormatError(
                .noData, file: fileName,
                problem: "no marker has a position in any of its \(n) frame(s): every value is empty or a gap (0, 0, 0)",
                remedy: "export the trial with its marker trajectories filled in, or check that this is the right file")
        }
        // Groups used to find the axes, falling back to what the mapping provides.
        let upper = firstPresent([upperBody, [.leftHip, .rightHip], [.leftElbow, .rightElbow]], in: body)
        let lower = firstPresent([feet, [.leftKnee, .rightKnee]], in: body)

        // 1. Vertical axis: mean upper-minus-lower difference per axis.
        var difference = SIMD3<Double>(repeating: 0)
        var counted = 0
        for i in 0..<n {
            guard let top = mean(upper, in: body, at: i), let bottom = mean(lower, in: body, at: i) else { continue }
            difference += top - bottom
            counted += 1
        }
        if counted > 0 { difference /= Double(counted) }
        let vertical: SignedAxis
        if let given {
            vertical = given
            let along = difference[given.axis.index] * Double(given.sign)
            if counted > 0, along < 0 {
                notes.append("with vertical axis \(given) the upper body is below the feet; check the vertical axis given")
            }
        } else {
            guard counted > 0, !upper.isEmpty, !lower.isEmpty else {
                throw FormatError(
                    .undeterminedOrientation, file: fileName,
                    problem: "cannot tell which way is up: no frame has both upper-body (head, shoulders or hips) and foot landmarks",
                    remedy: "give the vertical axis (x, y or z, e.g. +y) or a marker map naming more landmarks", option: .verticalAxis)
            }
            let magnitudes = (0..<3).map { abs(difference[$0]) }
            let best = (0..<3).max { magnitudes[$0] < magnitudes[$1] } ?? 1
            guard magnitudes[best] > 0 else {
                throw FormatError(.undeterminedOrientation, file: fileName,
                                  problem: "upper body and feet are at the same place on every axis",
                                  remedy: "give the vertical axis (x, y or z)", option: .verticalAxis)
            }
            vertical = SignedAxis(Axis.allCases[best], sign: difference[best] > 0 ? 1 : -1)
            let others = (0..<3).filter { $0 != best }.map { magnitudes[$0] }.max() ?? 0
            if others > 0.5 * magnitudes[best] {
                notes.append("the vertical axis \(vertical) is not clear-cut (body tilted or lying?); check it or give the vertical axis")
            }
        }
        let up = vertical.vector
        let bodyHeight = abs(difference[vertical.axis.index])

        // 2. Setting and direction of travel, in the horizontal plane.
        func horizontal(_ p: SIMD3<Double>) -> SIMD3<Double> { p - up * dot(p, up) }
        let pelvisGroup = firstPresent([[.leftHip, .rightHip], upperBody, feet], in: body)
        var firstPelvis: (index: Int, point: SIMD3<Double>)?
        var lastPelvis: (index: Int, point: SIMD3<Double>)?
        for i in 0..<n {
            guard let p = mean(pelvisGroup, in: body, at: i) else { continue }
            if firstPelvis == nil { firstPelvis = (i, p) }
            lastPelvis = (i, p)
        }
        var travel = SIMD3<Double>(repeating: 0)
        var speed = 0.0
        if let a = firstPelvis, let b = lastPelvis, b.index > a.index {
            travel = horizontal(b.point - a.point)
            speed = length(travel) / max(body.times[b.index] - body.times[a.index], 1e-9)
        }
        let travelLength = length(travel)
        let setting: Setting
        if bodyHeight > 0 {
            setting = speed / bodyHeight > overgroundSpeedBodyHeightsPerSecond ? .overground : .treadmill
        } else {
            setting = speed > 0 ? .overground : .treadmill
        }

        let heelToToe = footDirection(in: body, horizontal: horizontal)
        var forward: SIMD3<Double>
        var directionKnown = true
        switch setting {
        case .overground:
            forward = travel / travelLength
            if let foot = heelToToe, dot(foot, forward) < 0 {
                notes.append("the feet point against the direction of travel (heel→toe); is the runner moving backwards or are heel and toe swapped?")
            }
        case .treadmill:
            guard let axis = principalFootSwing(in: body, pelvis: pelvisGroup, horizontal: horizontal, up: up) else {
                throw FormatError(.undeterminedOrientation, file: fileName,
                                  problem: "cannot find the direction of running: the feet do not move relative to the pelvis",
                                  remedy: "check the marker mapping", option: .markerMap)
            }
            forward = axis
            if let foot = heelToToe {
                if dot(foot, forward) < 0 { forward = -forward }
            } else {
                directionKnown = false
                let k = (0..<3).max { abs(forward[$0]) < abs(forward[$1]) } ?? 0
                if forward[k] < 0 { forward = -forward }
                notes.append("no heel and toe landmarks: forward vs backward along \(nearestAxis(forward)) could not be told; +x may point backwards")
            }
        }
        let nearest = nearestAxis(forward)
        let angle = acos(min(1, abs(dot(forward, nearest.vector)))) * 180 / .pi

        // 3. Project.
        var tracks: [Landmark: LandmarkTrack] = [:]
        var missing: [Landmark] = []
        for landmark in Landmark.allCases {
            guard let series = body.positions[landmark] else { missing.append(landmark); continue }
            var track = LandmarkTrack(missingFrames: n)
            for i in 0..<n {
                let p = series[i]
                guard p.x.isFinite, p.y.isFinite, p.z.isFinite else { continue }
                track.set(PlanePoint(x: dot(p, forward), y: dot(p, up)), confidence: 1, at: i)
            }
            if track.presentCount == 0 { missing.append(landmark) } else { tracks[landmark] = track }
        }
        let sequence = KeypointSequence(
            times: body.times, frameNumbers: body.frameNumbers, tracks: tracks, lengthUnit: .metres,
            sourceKind: .motionCapture, frameRate: body.frameRate)
        let report = Report(
            vertical: vertical, verticalWasGiven: given != nil, setting: setting, forward: forward,
            forwardNearestAxis: nearest, forwardAngleFromAxisDegrees: angle, directionKnown: directionKnown,
            pelvisTravelMetres: travelLength, pelvisSpeedMetresPerSecond: speed, missingLandmarks: missing, notes: notes)
        return (sequence, report)
    }

    // MARK: - Helpers

    static func firstPresent(_ groups: [[Landmark]], in body: LandmarkTrajectories) -> [Landmark] {
        for group in groups {
            let present = group.filter { body.positions[$0] != nil }
            if !present.isEmpty { return present }
        }
        return []
    }

    static func mean(_ group: [Landmark], in body: LandmarkTrajectories, at i: Int) -> SIMD3<Double>? {
        var sum = SIMD3<Double>(repeating: 0)
        var count = 0
        for landmark in group {
            guard let p = body.positions[landmark]?[i], p.x.isFinite, p.y.isFinite, p.z.isFinite else { continue }
            sum += p
            count += 1
        }
        return count > 0 ? sum / Double(count) : nil
    }

    /// Mean horizontal heel→toe vector over both feet (ankle→toe when there is no heel).
    static func footDirection(in body: LandmarkTrajectories, horizontal: (SIMD3<Double>) -> SIMD3<Double>) -> SIMD3<Double>? {
        var sum = SIMD3<Double>(repeating: 0)
        var count = 0
        for side in Side.allCases {
            guard let toe = body.positions[.toe(side)],
                  let back = body.positions[.heel(side)] ?? body.positions[.ankle(side)] else { continue }
            for i in 0..<body.frameCount {
                let v = toe[i] - back[i]
                guard v.x.isFinite, v.y.isFinite, v.z.isFinite else { continue }
                sum += horizontal(v)
                count += 1
            }
        }
        guard count > 0, length(sum) > 0 else { return nil }
        return sum / length(sum)
    }

    /// The horizontal direction along which the feet swing relative to the pelvis (principal axis).
    static func principalFootSwing(
        in body: LandmarkTrajectories, pelvis: [Landmark], horizontal: (SIMD3<Double>) -> SIMD3<Double>, up: SIMD3<Double>
    ) -> SIMD3<Double>? {
        let footGroup = firstPresent([feet, [.leftKnee, .rightKnee]], in: body)
        var samples: [SIMD3<Double>] = []
        for i in 0..<body.frameCount {
            guard let centre = mean(pelvis, in: body, at: i) else { continue }
            for landmark in footGroup {
                guard let p = body.positions[landmark]?[i], p.x.isFinite, p.y.isFinite, p.z.isFinite else { continue }
                samples.append(horizontal(p - centre))
            }
        }
        guard samples.count > 1 else { return nil }
        // Two horizontal basis vectors, then the 2×2 covariance's principal eigenvector.
        let k = (0..<3).first { up[$0] != 0 } ?? 1
        var e1 = SIMD3<Double>(repeating: 0), e2 = SIMD3<Double>(repeating: 0)
        e1[(k + 1) % 3] = 1
        e2[(k + 2) % 3] = 1
        let a = samples.map { dot($0, e1) }, b = samples.map { dot($0, e2) }
        let ma = a.reduce(0, +) / Double(a.count), mb = b.reduce(0, +) / Double(b.count)
        var saa = 0.0, sbb = 0.0, sab = 0.0
        for j in 0..<a.count {
            saa += (a[j] - ma) * (a[j] - ma)
            sbb += (b[j] - mb) * (b[j] - mb)
            sab += (a[j] - ma) * (b[j] - mb)
        }
        guard saa + sbb > 0 else { return nil }
        let theta = 0.5 * atan2(2 * sab, saa - sbb)
        let direction = e1 * cos(theta) + e2 * sin(theta)
        return direction / length(direction)
    }

    static func nearestAxis(_ v: SIMD3<Double>) -> SignedAxis {
        let k = (0..<3).max { abs(v[$0]) < abs(v[$1]) } ?? 0
        return SignedAxis(Axis.allCases[k], sign: v[k] < 0 ? -1 : 1)
    }

    static func dot(_ a: SIMD3<Double>, _ b: SIMD3<Double>) -> Double { (a * b).sum() }
    static func length(_ a: SIMD3<Double>) -> Double { dot(a, a).squareRoot() }
}
