import Foundation
import PoseRunCore
import Testing

@testable import PoseRunCoaching

@Suite("Drill library")
struct LibraryTests {
    @Test func bundledLibraryLoadsWithNoProblems() throws {
        let library = try DrillLibrary.bundled()
        #expect(library.validate() == [])
        #expect(library.entries.count >= 25)
    }

    @Test(arguments: Fault.allCases)
    func everyFaultHasAPoseDrill(fault: Fault) throws {
        let library = try DrillLibrary.bundled()
        #expect(library.entries.contains { $0.kind == .poseDrill && $0.faults.contains(fault) })
    }

    @Test func idsAreUnique() throws {
        let ids = try DrillLibrary.bundled().entries.map(\.id)
        #expect(Set(ids).count == ids.count)
    }

    @Test func everyEntryIsComplete() throws {
        for entry in try DrillLibrary.bundled().entries {
            let texts = [entry.id, entry.name, entry.why, entry.progress, entry.regress]
                + entry.how.steps + entry.how.cues + entry.contraindications + entry.sources.map(\.citation)
            #expect(!texts.contains { $0.trimmingCharacters(in: .whitespaces).isEmpty }, "\(entry.id) has an empty field")
            #expect(!entry.how.steps.isEmpty && !entry.how.cues.isEmpty, "\(entry.id) has no steps or cues")
            #expect(!entry.contraindications.isEmpty, "\(entry.id) has no contraindications")
            #expect(!entry.sources.isEmpty, "\(entry.id) has no source")
            #expect(entry.dose.sets >= 1 && entry.dose.minutes > 0, "\(entry.id) has no dose")
            #expect((entry.dose.reps == nil) != (entry.dose.seconds == nil), "\(entry.id): reps or seconds, not both")
        }
    }

    @Test func studiesCitedAreOnlyThoseTheBriefNames() throws {
        let library = try DrillLibrary.bundled()
        let sources = library.entries.flatMap(\.sources) + library.barefootProgression.sources
        for source in sources where source.basis == .study {
            #expect(BriefStudies.isNamedInBrief(source.citation), "\(source.citation)")
        }
        // Each basis is used, so each is a real choice and not a default.
        #expect(Set(sources.map(\.basis)) == Set(SourceBasis.allCases))
    }

    /// The brief's lower-crossed pattern: weak glutes, core and hamstrings; tight quads, hip flexors and calves.
    @Test func lowerCrossedBlockCoversBothSidesOfThePattern() throws {
        let library = try DrillLibrary.bundled()
        let strengthAreas = Set(library.entries(of: .strength, in: .lowerCrossed).flatMap(\.areas))
        let mobilityAreas = Set(library.entries(of: .mobility, in: .lowerCrossed).flatMap(\.areas))
        #expect(strengthAreas.isSuperset(of: [.glutes, .core, .hamstrings]))
        #expect(mobilityAreas.isSuperset(of: [.quads, .hipFlexors, .calves]))
        // Strength for runners beyond the block: calves and feet.
        let allStrength = Set(library.entries.filter { $0.kind == .strength }.flatMap(\.areas))
        #expect(allStrength.isSuperset(of: [.calves, .feet]))
    }

    @Test func barefootProgressionStartsTinyAndHasStopRules() throws {
        let progression = try DrillLibrary.bundled().barefootProgression
        #expect(progression.startMinutesPerWeek.cushioned <= 10)
        let signs = progression.stopRules.map { $0.sign.lowercased() }.joined(separator: " ")
        #expect(signs.contains("achilles") && signs.contains("top of the foot"))
        #expect(progression.stopRules.allSatisfy { !$0.seeProfessional.isEmpty })
        #expect(progression.stage(forMinutesPerWeek: 0)?.fromMinutesPerWeek == 0)
    }

    // MARK: - The validator catches what it should

    @Test func validatorFindsDuplicateIdsAndInventedStudies() throws {
        var library = try DrillLibrary.bundled()
        library.entries.append(library.entries[0])
        library.entries[1].sources = [EntrySource(basis: .study, citation: "Smith 2020, Made-up Journal")]
        let problems = library.validate()
        #expect(problems.contains { $0.contains("used more than once") })
        #expect(problems.contains { $0.contains("Smith 2020") && $0.contains("not one the domain brief names") })
    }

    @Test func validatorFindsAFaultWithoutADrillAndEmptyFields() throws {
        var library = try DrillLibrary.bundled()
        library.entries.removeAll { $0.faults.contains(.bigArmSwing) && $0.kind == .poseDrill }
        library.entries[0].why = "  "
        library.entries[0].how.cues = []
        let problems = library.validate()
        #expect(problems.contains("no Pose drill addresses the fault 'big_arm_swing'"))
        #expect(problems.contains { $0.contains("empty why") })
        #expect(problems.contains { $0.contains("how.cues") })
    }

    @Test func unknownFaultInTheFileIsAClearError() throws {
        let yaml = """
            format_version: 1
            entries:
              - id: x
                name: X
                kind: pose_drill
                faults: [flat_feet]
            barefoot_progression: {}
            """
        #expect {
            _ = try DrillLibrary.parse(yaml: yaml, sourceName: "test.yaml")
        } throws: { error in
            guard case .unreadable(let path, let problem)? = error as? DrillLibraryError else { return false }
            return path == "test.yaml" && problem.contains("flat_feet") && problem.contains("entries[0].faults[0]")
        }
    }

    @Test func missingFileIsAClearError() {
        let url = URL(fileURLWithPath: "/nonexistent/library.yaml")
        #expect(throws: DrillLibraryError.missing(path: "/nonexistent/library.yaml")) {
            _ = try DrillLibrary.load(from: url)
        }
        #expect(DrillLibraryError.missing(path: "/x/library.yaml").description.contains("/x/library.yaml"))
    }

    @Test func corruptFileNamesItself() {
        #expect {
            _ = try DrillLibrary.parse(yaml: "entries: [unclosed", sourceName: "broken.yaml")
        } throws: { error in
            (error as? DrillLibraryError).map { "\($0)".contains("broken.yaml") } ?? false
        }
    }
}
