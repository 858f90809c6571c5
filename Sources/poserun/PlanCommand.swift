public import ArgumentParser
import Foundation
public import PoseRunCoaching
import PoseRunCore
import PoseRunFormats
import PoseRunReport

/// `poserun plan`: a week-by-week coaching plan from an analysis, as Markdown, iCalendar and JSON.
struct PlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Build a coaching plan (Pose drills, strength, mobility, barefoot) from an analysis.",
        discussion: """
            Reads analysis.json (or an output folder that contains it), picks drills for the faults found, \
            most important first, and lays out a plan that grows load gradually and says when to film again. \
            Not medical advice. See docs/coaching.md.
            """)

    @Argument(help: "analysis.json, or the output folder that contains it.")
    var analysis: String

    @Option(help: "Length of the plan in weeks (1-52).")
    var weeks: Int = 8

    @Option(help: "Your running and training experience; caps sessions and minutes.")
    var experience: Experience = .beginner

    @Option(help: "Minutes a week you can give to drills, strength and mobility (default: the cap for your experience).")
    var weeklyMinutes: Int?

    @Option(help: "What you run in now; sets where barefoot work starts.")
    var footwear: Footwear = .cushioned

    @Option(
        name: .customLong("injury"),
        help: "Pain or injury, now or in your history, in your words (repeat for several). Any answer but 'none' leaves barefoot work out.")
    var injuries: [String] = []

    @Option(help: "First day of the plan, YYYY-MM-DD (default: next Monday).")
    var start: String?

    @Option(help: "Time of day for sessions in the calendar, HH:MM (default: all-day events).")
    var sessionTime: String?

    @Option(help: "Folder to write plan.md, plan.ics and plan.json into (default: print the Markdown).")
    var out: String?

    @Option(help: "A drill library YAML file to use instead of the one shipped with PoseRun.")
    var library: String?

    func validate() throws {
        guard PlanError.weekRange.contains(weeks) else { throw ValidationError("--weeks: " + PlanError.weeksOutOfRange(weeks).description) }
        if let weeklyMinutes, !PlanError.weeklyMinutesRange.contains(weeklyMinutes) {
            throw ValidationError("--weekly-minutes: " + PlanError.weeklyMinutesOutOfRange(weeklyMinutes).description)
        }
        if let start, CalendarDate(iso: start) == nil {
            throw ValidationError("--start \(start) is not a date: give YYYY-MM-DD, e.g. 2026-11-30.")
        }
        if let sessionTime, TimeOfDay(text: sessionTime) == nil {
            throw ValidationError("--session-time \(sessionTime) is not a time: give HH:MM in 24-hour form, e.g. 07:30.")
        }
    }

    func run() throws {
        do {
            try makePlan()
        } catch {
            throw fail(error)   // "error: …", as every other command says it
        }
    }

    func makePlan() throws {
        let decoded = try AnalysisFileLoader.load(analysis).analysis
        let drillLibrary = try library.map { try DrillLibrary.load(from: URL(fileURLWithPath: $0)) } ?? DrillLibrary.bundled()
        let startDate = start.flatMap { CalendarDate(iso: $0) } ?? CalendarDate(Date()).nextMonday
        let profile = RunnerProfile(experience: experience, weeklyMinutes: weeklyMinutes, footwear: footwear, injuries: injuries)
        let plan = try PlanBuilder(library: drillLibrary).plan(
            for: decoded, warnings: QualityFindingText.sentences(for: decoded), profile: profile, weeks: weeks, startDate: startDate)
        let markdown = PlanMarkdownRenderer.render(plan)

        guard let out else {
            print(markdown)
            return
        }
        let folder = URL(fileURLWithPath: out)
        let calendar = ICalendarWriter(sessionTime: sessionTime.flatMap { TimeOfDay(text: $0) }).calendar(for: plan)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let json: Data
        do { json = try encoder.encode(plan) } catch { throw Failure("Could not encode the plan as JSON: \(error).") }
        // All three or none (staged, then renamed), as `analyze` writes.
        try OutputFolder.write([
            OutputItem(name: "plan.md") { try AtomicFile.write(markdown, to: $0) },
            OutputItem(name: "plan.ics") { try AtomicFile.write(calendar, to: $0) },
            OutputItem(name: "plan.json") { try AtomicFile.write(json, to: $0) },
        ], into: folder)
        print("Wrote plan.md, plan.ics and plan.json to \(folder.path) (\(plan.kind.rawValue) plan, \(plan.weeks.count) weeks from \(plan.startDate.iso)).")
        if plan.kind == .generalBase { print("Note: general base plan - \(plan.kindReason)") }
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }
}

extension Experience: ExpressibleByArgument {}
extension Footwear: ExpressibleByArgument {}
