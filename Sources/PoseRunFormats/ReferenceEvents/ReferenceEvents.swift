public import Foundation
public import PoseRunCore

/// Gait events known independently of the detector (lab labels, force plates, a CSV), stated in
/// the input's own time base and frame numbers, for `poserun validate INPUT --reference REF`.
public struct ReferenceEvents: Sendable {
    /// The events, in time order.
    public var events: [GaitEvent]
    /// Where they came from, in words, for reports.
    public var sourceDescription: String
    /// Things adjusted or left out while reading, for the user to see.
    public var notes: [String]

    public init(events: [GaitEvent], sourceDescription: String, notes: [String] = []) {
        self.events = events.sorted { $0.time < $1.time }
        self.sourceDescription = sourceDescription
        self.notes = notes
    }

    /// Which kind of reference to take from a C3D file.
    public enum C3DSource: String, Sendable, CaseIterable {
        /// The EVENT section if it holds foot events, else the force plates.
        case automatic
        case eventSection = "events"
        case forcePlates = "forceplates"
    }

    // MARK: - From a C3D EVENT section

    /// "Foot Strike" → initial contact, "Foot Off" → toe-off, context Left/Right → side.
    /// - Parameter timeBase: the input's time base; nil means the C3D's own.
    public static func fromEventSection(of file: C3DFile, timeBase: InputTimeBase? = nil) throws(ReferenceEventsError) -> ReferenceEvents {
        let timeBase = timeBase ?? InputTimeBase(file)
        var events: [GaitEvent] = []
        var skipped: [String] = []
        for event in file.events {
            guard let kind = eventKind(event.label), let side = side(event.context) else {
                skipped.append("\(event.context) \(event.label) at \(String(format: "%.4f", event.time)) s")
                continue
            }
            events.append(timeBase.event(side: side, kind: kind, referenceTime: event.time))
        }
        guard !events.isEmpty else {
            throw ReferenceEventsError(fileName: file.fileName, problem: "its EVENT section has no Left/Right Foot Strike or Foot Off events (\(file.events.count) event(s) in all); use its force plates or a CSV instead")
        }
        let notes = skipped.isEmpty ? [] : ["not gait events, left out: " + skipped.joined(separator: "; ")]
        return ReferenceEvents(events: events, sourceDescription: "\(file.fileName): C3D EVENT section", notes: notes)
    }

    // MARK: - From C3D force plates

    /// IC and TO where each plate's vertical force crosses the detector's threshold, each contact
    /// given to the foot nearest the plate.
    public static func fromForcePlates(
        of file: C3DFile, detector: ForcePlateContactDetector = ForcePlateContactDetector(), timeBase: InputTimeBase? = nil
    ) throws(ReferenceEventsError) -> ReferenceEvents {
        let timeBase = timeBase ?? InputTimeBase(file)
        let (contacts, notes) = try detector.contacts(in: file)
        var events: [GaitEvent] = []
        for contact in contacts {
            if let time = contact.initialContactTime {
                events.append(timeBase.event(side: contact.side, kind: .initialContact, referenceTime: time))
            }
            if let time = contact.toeOffTime {
                events.append(timeBase.event(side: contact.side, kind: .toeOff, referenceTime: time))
            }
        }
        guard !events.isEmpty else {
            throw ReferenceEventsError(fileName: file.fileName, problem: "no force plate's vertical force rose above \(detector.thresholdNewtons) N, so there are no contacts to take events from" + (notes.isEmpty ? "" : " (\(notes.joined(separator: "; ")))"))
        }
        return ReferenceEvents(events: events, sourceDescription: "\(file.fileName): force plates, vertical force > \(detector.thresholdNewtons) N", notes: notes)
    }

    // MARK: - Any file

    /// Reads reference events from a `.c3d` (its EVENT section or force plates) or a CSV
    /// (`time_s,side,event`; see `ReferenceEventsCSV`).
    public static func load(
        contentsOf url: URL, timeBase: InputTimeBase, c3dSource: C3DSource = .automatic,
        csvTimeColumn: String? = nil, detector: ForcePlateContactDetector = ForcePlateContactDetector()
    ) throws -> ReferenceEvents {
        guard url.pathExtension.lowercased() == "c3d" else {
            return try ReferenceEventsCSV.read(contentsOf: url, timeColumn: csvTimeColumn, timeBase: timeBase)
        }
        let file = try C3DReader.read(contentsOf: url)
        switch c3dSource {
        case .eventSection: return try fromEventSection(of: file, timeBase: timeBase)
        case .forcePlates: return try fromForcePlates(of: file, detector: detector, timeBase: timeBase)
        case .automatic:
            if file.events.contains(where: { eventKind($0.label) != nil && side($0.context) != nil }) {
                return try fromEventSection(of: file, timeBase: timeBase)
            }
            return try fromForcePlates(of: file, detector: detector, timeBase: timeBase)
        }
    }

    // MARK: - Words

    /// The gait event a label names (C3D labels and CSV words), case-insensitive.
    static func eventKind(_ label: String) -> GaitEventKind? {
        switch label.trimmingCharacters(in: .whitespaces).lowercased() {
        case "foot strike", "ic", "fs", "hs", "heel strike", "initial contact", "initial_contact", "foot contact": .initialContact
        case "foot off", "to", "fo", "toe off", "toe-off", "toe_off": .toeOff
        default: nil
        }
    }

    /// The side a context or CSV word names, case-insensitive.
    static func side(_ word: String) -> Side? {
        switch word.trimmingCharacters(in: .whitespaces).lowercased() {
        case "l", "left": .left
        case "r", "right": .right
        default: nil
        }
    }
}
