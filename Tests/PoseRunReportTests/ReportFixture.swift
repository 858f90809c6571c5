import Foundation
import PoseRunCore
import PoseRunSynthetic

/// A synthetic runner analysed once, with its gait-cycle profiles: the fixture every report test reads.
enum ReportFixture {
    /// Known knee angles the synthetic runner is built with (its configuration), read back in the profiles.
    static let configuration = SyntheticRunner.Configuration(
        kneeFlexionAtContactDegrees: 15, peakStanceKneeFlexionDegrees: 42, peakSwingKneeFlexionDegrees: 95,
        durationSeconds: 6)

    struct Fixture: Sendable {
        var sequence: KeypointSequence
        var analysis: Analysis
        var profiles: GaitCycleProfiles
    }

    static func make(name: String = "synthetic runner", configuration: SyntheticRunner.Configuration = configuration) throws -> Fixture {
        let run = try SyntheticRunner(configuration).generate()
        var analysis = try Analyzer().analyze(run.sequence, name: name)
        guard let profiles = GaitCycleProfiles(sequence: run.sequence, analysis: analysis) else {
            throw FixtureError.noProfiles
        }
        analysis.gaitCycleProfiles = profiles
        return Fixture(sequence: run.sequence, analysis: analysis, profiles: profiles)
    }

    enum FixtureError: Error { case noProfiles }
}
