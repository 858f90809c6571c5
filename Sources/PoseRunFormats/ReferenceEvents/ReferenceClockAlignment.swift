/// Finds where an input's clock sits on a reference recording's clock, when both hold the same
/// markers (a TRC exported from a C3D, say), by matching the markers' speeds frame by frame.
///
/// Speeds do not change under the rotations and translations that exports apply (OpenSim's TRC
/// axes differ from the lab's), so they line up whatever the coordinate frames. Exports also trim
/// frames: the Dorn JA1Gait35.trc starts at the C3D's frame 835, two frames after its first.
public enum ReferenceClockAlignment {
    /// The best frame shift found.
    public struct Estimate: Sendable, Hashable {
        /// Reference time − input time, seconds: `InputTimeBase.referenceOffsetSeconds`.
        public var referenceOffsetSeconds: Double
        /// Reference frame index − input frame index (0-based positions in each recording).
        public var frameShift: Int
        /// Over the shared markers, the median of each marker's mean |speed difference| at that
        /// shift, m/s: near 0 for the same recording, far from it when the files hold different
        /// motion. The median ignores the odd marker an export relabelled or gap-filled.
        public var medianSpeedDifferenceMetresPerSecond: Double
        /// Markers present in both (matched by name, any case).
        public var markerCount: Int
        public var comparedSamples: Int
    }

    /// Frame rates closer than this fraction count as equal; speeds are compared frame for frame.
    static let rateTolerance = 0.001
    /// A shift must overlap at least this fraction of the shorter recording to be considered.
    static let minimumOverlapFraction = 0.5

    /// The frame shift between `input` and `reference` at which their shared markers' speeds agree
    /// best, or nil when the rates differ, no marker is shared, or no shift overlaps enough.
    public static func estimate(input: MarkerTrajectories, reference: MarkerTrajectories) -> Estimate? {
        guard input.frameRate > 0, abs(input.frameRate - reference.frameRate) <= rateTolerance * input.frameRate,
              input.frameCount > 2, reference.frameCount > 2 else { return nil }
        var referenceByName: [String: String] = [:]
        for name in reference.markerNames { referenceByName[name.uppercased()] = referenceByName[name.uppercased()] ?? name }
        var inputSpeeds: [[Double]] = [], referenceSpeeds: [[Double]] = []
        for name in input.markerNames {
            guard let referenceName = referenceByName[name.uppercased()],
                  let inputPositions = input.positions[name], let referencePositions = reference.positions[referenceName] else { continue }
            inputSpeeds.append(speeds(inputPositions, rate: input.frameRate))
            referenceSpeeds.append(speeds(referencePositions, rate: reference.frameRate))
        }
        guard !inputSpeeds.isEmpty else { return nil }

        let inputLength = input.frameCount - 1, referenceLength = reference.frameCount - 1
        let minimumOverlap = max(2, Int(minimumOverlapFraction * Double(min(inputLength, referenceLength))))
        let lowestShift = minimumOverlap - inputLength, highestShift = referenceLength - minimumOverlap
        guard lowestShift <= highestShift else { return nil }
        var best: (shift: Int, median: Double, count: Int)?
        for shift in lowestShift...highestShift {
            let first = max(0, -shift), last = min(inputLength, referenceLength - shift)
            guard last - first >= minimumOverlap else { continue }
            var markerMeans: [Double] = []
            var compared = 0
            for marker in inputSpeeds.indices {
                let a = inputSpeeds[marker], b = referenceSpeeds[marker]
                var total = 0.0, count = 0
                for index in first..<last where index < a.count && index + shift < b.count {
                    let difference = abs(a[index] - b[index + shift])
                    if difference.isFinite { total += difference; count += 1 }
                }
                if count >= minimumOverlap { markerMeans.append(total / Double(count)); compared += count }
            }
            guard !markerMeans.isEmpty else { continue }
            markerMeans.sort()
            let median = markerMeans.count % 2 == 1 ? markerMeans[markerMeans.count / 2]
                : (markerMeans[markerMeans.count / 2 - 1] + markerMeans[markerMeans.count / 2]) / 2
            if median < (best?.median ?? .infinity) { best = (shift, median, compared) }
        }
        guard let best else { return nil }
        let inputIndex = max(0, -best.shift)
        let offset = reference.times[inputIndex + best.shift] - input.times[inputIndex]
        return Estimate(referenceOffsetSeconds: offset, frameShift: best.shift,
                        medianSpeedDifferenceMetresPerSecond: best.median, markerCount: inputSpeeds.count, comparedSamples: best.count)
    }

    /// Speed between consecutive frames, m/s (NaN where either frame is missing).
    static func speeds(_ positions: [SIMD3<Double>], rate: Double) -> [Double] {
        guard positions.count > 1 else { return [] }
        return (0..<(positions.count - 1)).map { index in
            let step = positions[index + 1] - positions[index]
            return (step * step).sum().squareRoot() * rate
        }
    }
}
