import Foundation
public import PoseRunCore

/// Finds foot contacts on a C3D file's force plates from their vertical force, and which foot made
/// each one from the heel and toe markers.
///
/// Contact starts where |Fz| rises through the threshold and ends where it falls back through it;
/// both instants are interpolated linearly between analog samples. Analog sample k (0-based from
/// the first stored frame) is at `firstSampleTime + k / ANALOG:RATE`: C3D stores the analog samples
/// of each point frame after it, the first taken with the frame itself.
public struct ForcePlateContactDetector: Sendable {
    /// Vertical force above which a foot is on the plate, newtons. 50 N is the threshold the
    /// shared reference files were derived with (data README), a common choice in running studies:
    /// well above plate noise (a few N) and under 10 % of a runner's weight, so the found instants
    /// sit within a sample or two of true contact at 1 kHz.
    public static let defaultThresholdNewtons = 50.0
    /// Gaps shorter than this inside one contact are the force wobbling around the threshold, not
    /// a new step: the shortest flight in running is several times longer (Dorn trial: ≈ 0.1 s).
    public static let defaultMergeGapSeconds = 0.010
    /// Contacts shorter than this are brushes or noise: running stances last ≥ ≈ 80 ms even when
    /// sprinting (Dorn trial: 0.11–0.12 s).
    public static let defaultMinimumContactSeconds = 0.030

    /// Marker names tried, in order, for each foot's heel and toe.
    public struct FootMarkers: Sendable, Hashable {
        public var heel: [Side: [String]]
        public var toe: [Side: [String]]

        public init(heel: [Side: [String]], toe: [Side: [String]]) {
            self.heel = heel
            self.toe = toe
        }

        /// Common names: Vicon Plug-in Gait (LHEE, LTOE), the Dorn set (LHEEL, LTOE), the Hamner set
        /// (LCAL, LTOE, LMT5).
        public static let common = FootMarkers(
            heel: [.left: ["LHEE", "LHEEL", "LCAL", "L_HEEL", "L.Heel"], .right: ["RHEE", "RHEEL", "RCAL", "R_HEEL", "R.Heel"]],
            toe: [.left: ["LTOE", "LMT2", "LP1MT", "LMT5", "L_TOE", "L.Toe"], .right: ["RTOE", "RMT2", "RP1MT", "RMT5", "R_TOE", "R.Toe"]])
    }

    public var thresholdNewtons: Double
    public var mergeGapSeconds: Double
    public var minimumContactSeconds: Double
    public var footMarkers: FootMarkers
    /// Plates whose foot is known beforehand (1-based plate number → side); markers decide the rest.
    public var plateSides: [Int: Side]

    public init(
        thresholdNewtons: Double = defaultThresholdNewtons, mergeGapSeconds: Double = defaultMergeGapSeconds,
        minimumContactSeconds: Double = defaultMinimumContactSeconds, footMarkers: FootMarkers = .common,
        plateSides: [Int: Side] = [:]
    ) {
        self.thresholdNewtons = thresholdNewtons
        self.mergeGapSeconds = mergeGapSeconds
        self.minimumContactSeconds = minimumContactSeconds
        self.footMarkers = footMarkers
        self.plateSides = plateSides
    }

    /// One foot contact on one plate, times in the C3D time base.
    public struct Contact: Sendable, Hashable {
        public var plateNumber: Int
        public var side: Side
        /// nil when the foot was already on the plate when recording began.
        public var initialContactTime: Double?
        /// nil when the foot was still on the plate when recording ended.
        public var toeOffTime: Double?
        public var peakForceNewtons: Double
    }

    /// The contacts on all plates, in time order, with notes on anything adjusted or left out.
    public func contacts(in file: C3DFile) throws(ReferenceEventsError) -> (contacts: [Contact], notes: [String]) {
        guard !file.forcePlates.isEmpty else {
            throw ReferenceEventsError(fileName: file.fileName, problem: "has no FORCE_PLATFORM group (or FORCE_PLATFORM:USED is 0), so there are no force plates to take events from")
        }
        guard file.analog.rate > 0, file.analog.sampleCount > 1 else {
            throw ReferenceEventsError(fileName: file.fileName, problem: "has force plates but no analog samples to read their forces from")
        }
        var contacts: [Contact] = []
        var notes: [String] = []
        for plate in file.forcePlates {
            guard let force = verticalForce(of: plate, in: file, notes: &notes) else { continue }
            for interval in intervals(in: force, file: file, plate: plate.number, notes: &notes) {
                let side = try side(for: plate, interval: interval, in: file)
                contacts.append(Contact(plateNumber: plate.number, side: side, initialContactTime: interval.start,
                                        toeOffTime: interval.end, peakForceNewtons: interval.peak))
            }
        }
        contacts.sort { ($0.initialContactTime ?? $0.toeOffTime ?? 0) < ($1.initialContactTime ?? $1.toeOffTime ?? 0) }
        return (contacts, notes)
    }

    // MARK: - Force

    /// The plate's vertical force with stance positive, or nil (with a note) when it cannot be had.
    func verticalForce(of plate: C3DForcePlate, in file: C3DFile, notes: inout [String]) -> [Double]? {
        let channelIndices: [Int]
        switch plate.type {
        case 1, 2: channelIndices = plate.channels.count >= 3 ? [plate.channels[2]] : []
        case 3: channelIndices = plate.channels.count >= 8 ? Array(plate.channels[4..<8]) : []
        default:
            notes.append("force plate \(plate.number): type \(plate.type) is not supported (types 1, 2 and 3 are); plate skipped")
            return nil
        }
        guard !channelIndices.isEmpty, channelIndices.allSatisfy({ $0 >= 1 && $0 <= file.analog.channelCount }) else {
            notes.append("force plate \(plate.number): FORCE_PLATFORM:CHANNEL \(plate.channels) does not name its vertical-force channel(s) among the \(file.analog.channelCount) analog channels; plate skipped")
            return nil
        }
        var force = file.analog.channels[channelIndices[0] - 1]
        for index in channelIndices.dropFirst() {
            let other = file.analog.channels[index - 1]
            for sample in force.indices where sample < other.count { force[sample] += other[sample] }
        }
        // Plates differ in which way Fz points; the load of a stance is far larger than any
        // pull, so the sign of the largest excursion says which way is "pressing".
        let highest = force.filter(\.isFinite).max() ?? 0, lowest = force.filter(\.isFinite).min() ?? 0
        return -lowest > highest ? force.map { -$0 } : force
    }

    struct Interval {
        var start: Double?
        var end: Double?
        var peak: Double
        /// Analog sample range above threshold (for the foot look-up).
        var firstSample: Int
        var lastSample: Int
    }

    /// Above-threshold intervals with interpolated ends, short gaps merged and short blips dropped.
    func intervals(in force: [Double], file: C3DFile, plate: Int, notes: inout [String]) -> [Interval] {
        let rate = file.analog.rate
        func time(_ sample: Int) -> Double { file.analogSampleTime(sample) }
        func crossing(_ before: Int) -> Double {
            let a = force[before], b = force[before + 1]
            let fraction = b != a ? (thresholdNewtons - a) / (b - a) : 0
            return time(before) + min(max(fraction, 0), 1) / rate
        }
        var raw: [Interval] = []
        var sample = 0
        while sample < force.count {
            guard force[sample] > thresholdNewtons else { sample += 1; continue }
            let first = sample
            var peak = force[sample]
            while sample < force.count, force[sample] > thresholdNewtons {
                peak = max(peak, force[sample])
                sample += 1
            }
            let last = sample - 1
            raw.append(Interval(start: first > 0 ? crossing(first - 1) : nil,
                                end: last < force.count - 1 ? crossing(last) : nil,
                                peak: peak, firstSample: first, lastSample: last))
        }
        var merged: [Interval] = []
        for interval in raw {
            if var previous = merged.last, let previousEnd = previous.end, let start = interval.start,
               start - previousEnd < mergeGapSeconds {
                notes.append("force plate \(plate): force dipped under \(thresholdNewtons) N for \(String(format: "%.1f", (start - previousEnd) * 1000)) ms at \(String(format: "%.4f", previousEnd)) s; counted as one contact")
                previous.end = interval.end
                previous.peak = max(previous.peak, interval.peak)
                previous.lastSample = interval.lastSample
                merged[merged.count - 1] = previous
            } else {
                merged.append(interval)
            }
        }
        return merged.filter { interval in
            let duration = Double(interval.lastSample - interval.firstSample + 1) / rate
            if duration < minimumContactSeconds {
                notes.append("force plate \(plate): \(String(format: "%.1f", duration * 1000)) ms above \(thresholdNewtons) N at \(String(format: "%.4f", time(interval.firstSample))) s is too short for a foot contact; ignored")
                return false
            }
            return true
        }
    }

    // MARK: - Which foot

    /// The foot whose heel/toe markers are nearest the plate centre (in the plate's plane) during
    /// the contact, unless `plateSides` says.
    func side(for plate: C3DForcePlate, interval: Interval, in file: C3DFile) throws(ReferenceEventsError) -> Side {
        if let known = plateSides[plate.number] { return known }
        guard let centre = plate.centre else {
            throw ReferenceEventsError(fileName: file.fileName, problem: "force plate \(plate.number) has no FORCE_PLATFORM:CORNERS, so which foot stepped on it cannot be told from the markers; give the plate's side")
        }
        let normal = plateNormal(plate.corners)
        let samplesPerFrame = max(1, file.analog.samplesPerPointFrame)
        let firstFrame = max(0, interval.firstSample / samplesPerFrame)
        let lastFrame = min(file.frameCount - 1, interval.lastSample / samplesPerFrame)
        var distances: [Side: Double] = [:]
        for side in Side.allCases {
            let tracks = ((footMarkers.heel[side] ?? []).compactMap { file.positions(ofPoint: $0) }.prefix(1)
                + (footMarkers.toe[side] ?? []).compactMap { file.positions(ofPoint: $0) }.prefix(1))
            guard !tracks.isEmpty, firstFrame <= lastFrame else { continue }
            var total = 0.0, count = 0
            for frame in firstFrame...lastFrame {
                let points = tracks.compactMap { frame < $0.count ? $0[frame] : nil }.filter { $0.x.isFinite && $0.y.isFinite && $0.z.isFinite }
                guard !points.isEmpty else { continue }
                let foot = points.reduce(SIMD3<Double>(repeating: 0), +) / Double(points.count)
                var offset = foot - centre
                offset -= (offset * normal).sum() * normal
                total += (offset * offset).sum().squareRoot()
                count += 1
            }
            if count > 0 { distances[side] = total / Double(count) }
        }
        guard let nearest = distances.min(by: { $0.value < $1.value })?.key else {
            throw ReferenceEventsError(fileName: file.fileName, problem: "cannot tell which foot was on force plate \(plate.number) at \(String(format: "%.3f", file.analogSampleTime(interval.firstSample))) s: no heel or toe marker (looked for \(footMarkers.heel.values.flatMap { $0 } + footMarkers.toe.values.flatMap { $0 })) has data then; give the plate's side")
        }
        return nearest
    }

    func plateNormal(_ corners: [SIMD3<Double>]) -> SIMD3<Double> {
        let a = corners[1] - corners[0], b = corners[3] - corners[0]
        let cross = SIMD3(a.y * b.z - a.z * b.y, a.z * b.x - a.x * b.z, a.x * b.y - a.y * b.x)
        let length = (cross * cross).sum().squareRoot()
        return length > 0 ? cross / length : SIMD3(0, 0, 1)
    }
}
