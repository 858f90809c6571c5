public import Foundation
public import PoseRunCore
import Yams

/// The drills and exercises PoseRun can prescribe, read from `Resources/library.yaml`.
///
/// Kept as data so a coach can read and change it without touching code; `validate()` checks
/// what the plan relies on (every fault has a Pose drill, every field filled, ids unique).
public struct DrillLibrary: Sendable, Hashable, Codable {
    /// Bumped when the file's layout changes.
    public static let currentFormatVersion = 1

    public var formatVersion: Int
    public var entries: [LibraryEntry]
    public var barefootProgression: BarefootProgression

    public init(formatVersion: Int = Self.currentFormatVersion, entries: [LibraryEntry], barefootProgression: BarefootProgression) {
        self.formatVersion = formatVersion
        self.entries = entries
        self.barefootProgression = barefootProgression
    }

    enum CodingKeys: String, CodingKey {
        case formatVersion = "format_version"
        case entries
        case barefootProgression = "barefoot_progression"
    }

    // MARK: - Loading

    /// The library shipped with PoseRun, validated; read once per process.
    public static func bundled() throws(DrillLibraryError) -> DrillLibrary {
        try bundledResult.get()
    }

    private static let bundledResult: Result<DrillLibrary, DrillLibraryError> = Result { () throws(DrillLibraryError) in
        try readBundled()
    }

    private static func readBundled() throws(DrillLibraryError) -> DrillLibrary {
        guard let url = Bundle.module.url(forResource: "library", withExtension: "yaml", subdirectory: "Resources")
            ?? Bundle.module.url(forResource: "library", withExtension: "yaml")
        else {
            throw .missing(path: Bundle.module.bundlePath + "/Resources/library.yaml")
        }
        return try load(from: url)
    }

    /// A library file, parsed and validated.
    public static func load(from url: URL) throws(DrillLibraryError) -> DrillLibrary {
        let text: String
        do {
            text = try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw .missing(path: url.path)
        }
        return try parse(yaml: text, sourceName: url.path)
    }

    /// A library from YAML text, parsed and validated; `sourceName` names it in errors.
    public static func parse(yaml: String, sourceName: String) throws(DrillLibraryError) -> DrillLibrary {
        let library: DrillLibrary
        do {
            library = try YAMLDecoder().decode(DrillLibrary.self, from: yaml)
        } catch let error as DecodingError {
            throw .unreadable(path: sourceName, problem: Self.describe(error))
        } catch {
            throw .unreadable(path: sourceName, problem: String(describing: error))
        }
        guard library.formatVersion == currentFormatVersion else {
            throw .unreadable(
                path: sourceName,
                problem: "format_version is \(library.formatVersion); this PoseRun reads version \(currentFormatVersion)")
        }
        let problems = library.validate()
        guard problems.isEmpty else { throw .invalid(path: sourceName, problems: problems) }
        return library
    }

    private static func describe(_ error: DecodingError) -> String {
        func path(_ keys: [any CodingKey]) -> String {
            keys.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
        }
        func place(_ keys: [any CodingKey]) -> String { keys.isEmpty ? "" : " at \(path(keys))" }
        switch error {
        case .keyNotFound(let key, let context):
            return "missing field '\(key.stringValue)'\(place(context.codingPath))"
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            let underlying = context.underlyingError.map { " (\($0))" } ?? ""
            return "\(context.debugDescription)\(underlying)\(place(context.codingPath))"
        @unknown default:
            return String(describing: error)
        }
    }

    // MARK: - Lookup

    /// The entry with this id, if any.
    public func entry(id: String) -> LibraryEntry? { entries.first { $0.id == id } }

    /// Entries of a kind that address a fault, in library order (the order a coach prefers them).
    public func entries(of kind: EntryKind, addressing fault: Fault) -> [LibraryEntry] {
        entries.filter { $0.kind == kind && $0.faults.contains(fault) }
    }

    /// Entries of a kind in a block, in library order.
    public func entries(of kind: EntryKind, in block: LibraryBlock) -> [LibraryEntry] {
        entries.filter { $0.kind == kind && $0.blocks.contains(block) }
    }

    // MARK: - Validation

    /// Everything wrong with the library, in plain words; empty when it is sound.
    public func validate() -> [String] {
        var problems: [String] = []
        var seen: Set<String> = []
        for (index, entry) in entries.enumerated() {
            let name = entry.id.isEmpty ? "entry \(index + 1)" : "entry '\(entry.id)'"
            if entry.id.isEmpty { problems.append("\(name): empty id") }
            if !seen.insert(entry.id).inserted { problems.append("\(name): id used more than once") }
            if entry.id.contains(where: { !($0.isLowercase || $0.isNumber || $0 == "_") }) {
                problems.append("\(name): id must be snake_case (a-z, 0-9, _)")
            }
            for (field, value) in [("name", entry.name), ("why", entry.why), ("progress", entry.progress), ("regress", entry.regress)]
            where value.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                problems.append("\(name): empty \(field)")
            }
            if entry.how.steps.isEmpty || entry.how.steps.contains(where: \.isBlank) { problems.append("\(name): how.steps empty or blank") }
            if entry.how.cues.isEmpty || entry.how.cues.contains(where: \.isBlank) { problems.append("\(name): how.cues empty or blank") }
            if entry.contraindications.isEmpty || entry.contraindications.contains(where: \.isBlank) {
                problems.append("\(name): contraindications empty or blank")
            }
            if entry.kind == .poseDrill && entry.faults.isEmpty { problems.append("\(name): a Pose drill must name the faults it addresses") }
            if entry.kind != .poseDrill && entry.areas.isEmpty { problems.append("\(name): areas empty") }
            if entry.faults.isEmpty && entry.blocks.isEmpty && entry.kind != .barefoot && entry.areas.isEmpty {
                problems.append("\(name): addresses nothing (no faults, blocks or areas)")
            }
            let dose = entry.dose
            if dose.sets < 1 { problems.append("\(name): dose.sets must be at least 1") }
            if (dose.reps == nil) == (dose.seconds == nil) { problems.append("\(name): dose needs exactly one of reps or seconds") }
            if let reps = dose.reps, reps < 1 { problems.append("\(name): dose.reps must be at least 1") }
            if let seconds = dose.seconds, seconds < 1 { problems.append("\(name): dose.seconds must be at least 1") }
            if dose.restSeconds < 0 { problems.append("\(name): dose.rest_seconds is negative") }
            if !(dose.minutes > 0 && dose.minutes <= 30) { problems.append("\(name): dose.minutes must be in (0, 30]") }
            problems += Self.sourceProblems(entry.sources, owner: name)
        }
        for fault in Fault.allCases where entries(of: .poseDrill, addressing: fault).isEmpty {
            problems.append("no Pose drill addresses the fault '\(fault.rawValue)'")
        }
        for block in LibraryBlock.allCases where !entries.contains(where: { $0.blocks.contains(block) }) {
            problems.append("no entry belongs to the block '\(block.rawValue)'")
        }
        let barefoot = barefootProgression
        let starts = [barefoot.startMinutesPerWeek.cushioned, barefoot.startMinutesPerWeek.minimal, barefoot.startMinutesPerWeek.barefoot]
        if starts.contains(where: { $0 < 1 || $0 > barefoot.maxMinutesPerWeek }) {
            problems.append("barefoot_progression: start minutes must be between 1 and max_minutes_per_week")
        }
        if barefoot.stages.isEmpty { problems.append("barefoot_progression: no stages") }
        if barefoot.stages.first?.fromMinutesPerWeek != 0 { problems.append("barefoot_progression: the first stage must start at 0 minutes") }
        if zip(barefoot.stages, barefoot.stages.dropFirst()).contains(where: { $0.fromMinutesPerWeek >= $1.fromMinutesPerWeek }) {
            problems.append("barefoot_progression: stages must be in increasing from_minutes_per_week")
        }
        for (index, stage) in barefoot.stages.enumerated() {
            if stage.activity.isBlank || stage.surfaces.isBlank || stage.entryIDs.isEmpty {
                problems.append("barefoot_progression: stage \(index + 1) has an empty field")
            }
            for id in stage.entryIDs where entry(id: id) == nil {
                problems.append("barefoot_progression: stage \(index + 1) names unknown entry '\(id)'")
            }
        }
        if barefoot.stopRules.isEmpty { problems.append("barefoot_progression: no stop rules") }
        for (index, rule) in barefoot.stopRules.enumerated() where rule.sign.isBlank || rule.action.isBlank || rule.seeProfessional.isBlank {
            problems.append("barefoot_progression: stop rule \(index + 1) has an empty field")
        }
        problems += Self.sourceProblems(barefoot.sources, owner: "barefoot_progression")
        return problems
    }

    private static func sourceProblems(_ sources: [EntrySource], owner: String) -> [String] {
        var problems: [String] = []
        if sources.isEmpty { problems.append("\(owner): no sources") }
        for source in sources {
            if source.citation.isBlank { problems.append("\(owner): a source has an empty citation") }
            if source.basis == .study && !BriefStudies.isNamedInBrief(source.citation) {
                problems.append("\(owner): study '\(source.citation)' is not one the domain brief names")
            }
        }
        return problems
    }
}

extension String {
    var isBlank: Bool { trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }
}
