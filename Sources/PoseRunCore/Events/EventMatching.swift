/// Pairs detected gait events with reference events (force plates, lab labels) and summarises
/// the timing errors, for `poserun validate`.
///
/// Pairs are one-to-one within each side and kind: among all detected/reference pairs closer than
/// the tolerance, the closest is taken first and neither event is used again. A reference event
/// left unpaired is *missed*; a detected one left unpaired is *extra*.
public enum EventMatching {
    /// Default pairing window, seconds: half the shortest typical ground contact time (160 ms,
    /// pose-method.md §3). Wider windows could pair an IC with the wrong step at sprint cadences;
    /// a detector off by more than this has, for validation purposes, missed the event.
    public static let defaultToleranceSeconds = 0.080

    /// One detected event paired with one reference event.
    public struct Pair: Sendable, Hashable, Codable {
        public var detected: GaitEvent
        public var reference: GaitEvent

        public init(detected: GaitEvent, reference: GaitEvent) {
            self.detected = detected
            self.reference = reference
        }

        /// detected − reference, seconds (positive: detected late).
        public var errorSeconds: Double { detected.time - reference.time }
    }

    /// One step's contact time (TO − IC of the same foot contact) as detected and as referenced.
    public struct ContactTimePair: Sendable, Hashable, Codable {
        public var side: Side
        /// The reference IC that starts the contact, seconds.
        public var referenceInitialContactTime: Double
        public var referenceSeconds: Double
        public var detectedSeconds: Double
        /// detected − reference, seconds.
        public var errorSeconds: Double { detectedSeconds - referenceSeconds }
    }

    /// Mean, standard deviation and largest absolute value of a set of errors, seconds.
    public struct ErrorSummary: Sendable, Hashable, Codable {
        public var count: Int
        /// Mean signed error (bias); nil when there are no errors.
        public var meanSeconds: Double?
        /// Sample standard deviation (n − 1); nil with fewer than two errors.
        public var standardDeviationSeconds: Double?
        public var meanAbsoluteSeconds: Double?
        public var maxAbsoluteSeconds: Double?

        public init(errors: [Double]) {
            count = errors.count
            guard !errors.isEmpty else { return }
            let mean = errors.reduce(0, +) / Double(errors.count)
            meanSeconds = mean
            meanAbsoluteSeconds = errors.map { abs($0) }.reduce(0, +) / Double(errors.count)
            maxAbsoluteSeconds = errors.map { abs($0) }.max()
            if errors.count > 1 {
                let squares = errors.map { ($0 - mean) * ($0 - mean) }.reduce(0, +)
                standardDeviationSeconds = (squares / Double(errors.count - 1)).squareRoot()
            }
        }
    }

    /// The outcome of matching: pairs, unpaired events on each side, and error summaries.
    public struct Result: Sendable, Hashable, Codable {
        public var toleranceSeconds: Double
        /// Pairs in reference time order.
        public var pairs: [Pair]
        /// Reference events no detected event was paired with.
        public var missed: [GaitEvent]
        /// Detected events not paired with any reference event.
        public var extra: [GaitEvent]
        /// Contacts whose IC and TO were both paired.
        public var contactTimes: [ContactTimePair]
        public var initialContact: ErrorSummary
        public var toeOff: ErrorSummary
        public var contactTime: ErrorSummary

        /// The pairs of one kind, in reference time order.
        public func pairs(of kind: GaitEventKind) -> [Pair] { pairs.filter { $0.reference.kind == kind } }

        /// The steps whose two initial contacts, consecutive among the reference's and of alternating feet, were
        /// both found: each step's duration by the reference and by the detected events. A step across a missed
        /// contact is left out, so two contacts missed in a row do not make one long step of the found ones.
        public func stepTimesFoundAtBothEnds() -> [(reference: Double, detected: Double)] {
            let contacts = (pairs(of: .initialContact).map { (reference: $0.reference, detected: Optional($0.detected)) }
                + missed.filter { $0.kind == .initialContact }.map { (reference: $0, detected: nil) })
                .sorted { $0.reference.time < $1.reference.time }
            return zip(contacts, contacts.dropFirst()).compactMap { a, b in
                guard a.reference.side != b.reference.side, let da = a.detected, let db = b.detected else { return nil }
                return (b.reference.time - a.reference.time, db.time - da.time)
            }
        }

        /// Cadence over the same steps, by the reference and by the detected events (`stepTimesFoundAtBothEnds`,
        /// 60 / mean step time), so that neither counts a step the other lacks; nil below `fewestSteps` steps.
        public func cadenceOverStepsFoundAtBothEnds(fewestSteps: Int = 1) -> (reference: Double, detected: Double)? {
            let steps = stepTimesFoundAtBothEnds()
            guard steps.count >= max(1, fewestSteps),
                  let reference = GaitEvent.stepsPerMinute(overStepTimes: steps.map(\.reference)),
                  let detected = GaitEvent.stepsPerMinute(overStepTimes: steps.map(\.detected)) else { return nil }
            return (reference, detected)
        }
    }

    /// Matches `detected` against `reference`.
    /// - Parameters:
    ///   - tolerance: the widest |detected − reference| that still counts as the same event, seconds.
    ///   - timeSpan: when given, events of either list outside it are left out (a reference that
    ///     covers more than the input would otherwise count as missed events).
    public static func match(
        detected: [GaitEvent], reference: [GaitEvent], tolerance: Double = defaultToleranceSeconds,
        within timeSpan: ClosedRange<Double>? = nil
    ) -> Result {
        let inSpan: (GaitEvent) -> Bool = { event in timeSpan.map { $0.contains(event.time) } ?? true }
        let detected = detected.filter(inSpan), reference = reference.filter(inSpan)

        var pairs: [Pair] = []
        var missed: [GaitEvent] = []
        var extra: [GaitEvent] = []
        for side in Side.allCases {
            for kind in GaitEventKind.allCases {
                let found = detected.filter { $0.side == side && $0.kind == kind }.sorted { $0.time < $1.time }
                let truth = reference.filter { $0.side == side && $0.kind == kind }.sorted { $0.time < $1.time }
                var candidates: [(distance: Double, found: Int, truth: Int)] = []
                for (i, event) in found.enumerated() {
                    for (j, target) in truth.enumerated() {
                        let distance = abs(event.time - target.time)
                        if distance <= tolerance { candidates.append((distance, i, j)) }
                    }
                }
                candidates.sort { ($0.distance, $0.truth, $0.found) < ($1.distance, $1.truth, $1.found) }
                var foundUsed = Array(repeating: false, count: found.count)
                var truthUsed = Array(repeating: false, count: truth.count)
                for candidate in candidates where !foundUsed[candidate.found] && !truthUsed[candidate.truth] {
                    foundUsed[candidate.found] = true
                    truthUsed[candidate.truth] = true
                    pairs.append(Pair(detected: found[candidate.found], reference: truth[candidate.truth]))
                }
                missed += truth.indices.filter { !truthUsed[$0] }.map { truth[$0] }
                extra += found.indices.filter { !foundUsed[$0] }.map { found[$0] }
            }
        }
        pairs.sort { $0.reference.time < $1.reference.time }
        missed.sort { $0.time < $1.time }
        extra.sort { $0.time < $1.time }

        let contactTimes = pairedContactTimes(reference: reference, pairs: pairs)
        return Result(
            toleranceSeconds: tolerance, pairs: pairs, missed: missed, extra: extra, contactTimes: contactTimes,
            initialContact: ErrorSummary(errors: pairs.filter { $0.reference.kind == .initialContact }.map(\.errorSeconds)),
            toeOff: ErrorSummary(errors: pairs.filter { $0.reference.kind == .toeOff }.map(\.errorSeconds)),
            contactTime: ErrorSummary(errors: contactTimes.map(\.errorSeconds)))
    }

    /// Each reference contact (an IC and the same foot's next TO before its next IC) whose two
    /// ends were both paired, with the detected contact time taken from the paired events.
    static func pairedContactTimes(reference: [GaitEvent], pairs: [Pair]) -> [ContactTimePair] {
        var result: [ContactTimePair] = []
        for side in Side.allCases {
            let contacts = reference.initialContacts(of: side)
            let toeOffs = reference.toeOffs(of: side)
            for (index, contact) in contacts.enumerated() {
                let nextContactTime = index + 1 < contacts.count ? contacts[index + 1].time : .infinity
                guard let toeOff = toeOffs.first(where: { $0.time > contact.time && $0.time < nextContactTime }),
                      let detectedContact = pairs.first(where: { $0.reference == contact })?.detected,
                      let detectedToeOff = pairs.first(where: { $0.reference == toeOff })?.detected,
                      detectedToeOff.time > detectedContact.time
                else { continue }
                result.append(ContactTimePair(
                    side: side, referenceInitialContactTime: contact.time,
                    referenceSeconds: toeOff.time - contact.time,
                    detectedSeconds: detectedToeOff.time - detectedContact.time))
            }
        }
        return result.sorted { $0.referenceInitialContactTime < $1.referenceInitialContactTime }
    }
}
