import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import PoseRunCoaching
import PoseRunCore
import PoseRunFormats
import PoseRunReport
import ZIPFoundation

/// What is made from an athlete's analysed sessions: the history, a comparison of two sessions, the plan,
/// the exports, and deleting the athlete with their files. Each coach's own only: every lookup goes
/// through the store with the coach's id, as on the other routes.
struct AthleteResultRoutes: Sendable {
    let store: any Store
    /// Where the deleted athlete's files are removed.
    let storage: any FileStorage
    /// Where the pages read the analyses, the export and the deletion's count (the folder storage's folders).
    let folders: DataFolders
    let now: @Sendable () -> Date
    let logger: Logger

    var results: SessionResults { SessionResults(folders: folders) }

    func register(on group: RouterGroup<AppContext>) {
        group.get("/athletes/{id}/history") { _, context in
            let (athlete, viewer, sessions) = try await self.athleteWithSessions(context)
            let history = AthleteHistory(self.results.analyses(of: sessions.filter { $0.status == .analysed }))
            return Responses.html(Pages.history(athlete, history: history, viewer: viewer))
        }
        group.get("/athletes/{id}/compare") { request, context in try await self.compare(request, context) }
        group.get("/athletes/{id}/plan") { request, context in
            let (athlete, viewer, sessions) = try await self.athleteWithSessions(context)
            let made = self.plan(for: athlete, sessions: sessions, request: request)
            return Responses.html(Pages.plan(
                athlete, plan: made.plan, basedOn: made.session, problem: made.problem, request: made.request, viewer: viewer))
        }
        group.get("/athletes/{id}/plan.ics") { request, context in
            let (athlete, _, sessions) = try await self.athleteWithSessions(context)
            guard let plan = self.plan(for: athlete, sessions: sessions, request: request).plan else { throw HTTPError(.notFound) }
            return Self.download(ICalendarWriter(now: self.now()).calendar(for: plan), type: "text/calendar; charset=utf-8", name: "plan.ics")
        }
        group.get("/athletes/{id}/plan.md") { request, context in
            let (athlete, _, sessions) = try await self.athleteWithSessions(context)
            guard let plan = self.plan(for: athlete, sessions: sessions, request: request).plan else { throw HTTPError(.notFound) }
            return Self.download(PlanMarkdownRenderer.render(plan), type: "text/markdown; charset=utf-8", name: "plan.md")
        }
        group.get("/athletes/{id}/export.csv") { _, context in
            let (athlete, _, sessions) = try await self.athleteWithSessions(context)
            let csv = SessionExport.csv(sessions.reversed().map { ($0, self.results.analysis(of: $0.id)) })
            return Self.download(csv, type: "text/csv; charset=utf-8", name: "\(Self.fileStem(athlete))-sessions.csv")
        }
        group.get("/athletes/{id}/export.zip") { _, context in
            let (athlete, _, sessions) = try await self.athleteWithSessions(context)
            let folders = self.folders
            let zip = try await Offload.run { try SessionExport.zip(sessions, folders: folders) }
            // Streamed from an open handle to a file already unlinked: the zip (clips included) is never held
            // whole, and nothing is left behind however the download ends.
            let size = ((try? FileManager.default.attributesOfItem(atPath: zip.path))?[.size] as? NSNumber)?.intValue
            let handle = try FileHandle(forReadingFrom: zip)
            try? FileManager.default.removeItem(at: zip)
            let body = ResponseBody(contentLength: size) { writer in
                defer { try? handle.close() }
                while let chunk = try handle.read(upToCount: 256 * 1024), !chunk.isEmpty {
                    try await writer.write(ByteBuffer(bytes: chunk))
                }
                try await writer.finish(nil)
            }
            return Response(
                status: .ok,
                headers: [
                    .contentType: "application/zip",
                    .contentDisposition: "attachment; filename=\"\(Self.fileStem(athlete))-analyses.zip\"",
                ],
                body: body)
        }
        group.get("/athletes/{id}/delete") { _, context in
            let (athlete, viewer, sessions) = try await self.athleteWithSessions(context)
            let files = SessionExport.files(of: sessions, folders: self.folders)
            let bytes = files.reduce(Int64(0)) { total, url in
                total + Int64(((try? FileManager.default.attributesOfItem(atPath: url.path))?[.size] as? NSNumber)?.intValue ?? 0)
            }
            return Responses.html(Pages.deleteAthlete(athlete, sessions: sessions.count, files: files.count, bytes: bytes, viewer: viewer))
        }
        group.post("/athletes/{id}/delete") { _, context in
            let (coach, _) = try context.signedIn()
            // The rows go first, in one transaction: a failure after it leaves files no page can reach (logged),
            // never a session whose files are gone.
            guard let deleted = try await self.store.deleteAthlete(id: try context.id("id"), coachID: coach.id) else {
                throw HTTPError(.notFound)
            }
            do {
                try await self.storage.removeFiles(of: deleted)
            } catch {
                self.logger.error("a deleted athlete's files stay", metadata: ["sessions": "\(deleted.map(\.id))", "error": "\(error)"])
            }
            return Responses.seeOther("/athletes")
        }
    }

    func athleteWithSessions(_ context: AppContext) async throws -> (Athlete, Pages.Viewer, [TrainingSession]) {
        let (coach, viewer) = try context.signedIn()
        guard let athlete = try await store.athlete(id: try context.id("id"), coachID: coach.id) else { throw HTTPError(.notFound) }
        let sessions = try await store.sessions(athleteID: athlete.id, coachID: coach.id).map(\.0)
        return (athlete, viewer, sessions)
    }

    func compare(_ request: Request, _ context: AppContext) async throws -> Response {
        let (athlete, viewer, sessions) = try await athleteWithSessions(context)
        let analysed = sessions.filter { $0.status == .analysed }.sorted { ($0.details.date, $0.id) < ($1.details.date, $1.id) }
        func pick(_ name: String) -> TrainingSession? {
            guard let text = request.uri.queryParameters[Substring(name)], let id = Int64(text) else { return nil }
            return analysed.first { $0.id == id }
        }
        // Without a choice: the two latest sessions, the comparison a coach makes most.
        let before = pick("a") ?? (analysed.count >= 2 ? analysed[analysed.count - 2] : nil)
        let after = pick("b") ?? analysed.last
        var pair: (TrainingSession, TrainingSession)?
        var comparison: AnalysisComparison?
        if let before, let after, before.id != after.id,
           let a = results.analysis(of: before.id), let b = results.analysis(of: after.id) {
            pair = (before, after)
            comparison = AnalysisComparison(before: a, after: b, beforeLabel: before.details.date, afterLabel: after.details.date)
        }
        let reports = (pair.map { results.hasReport(sessionID: $0.0.id) } ?? false, pair.map { results.hasReport(sessionID: $0.1.id) } ?? false)
        return Responses.html(Pages.compare(athlete, sessions: analysed, pair: pair, comparison: comparison, reports: reports, viewer: viewer))
    }

    /// The plan from the latest analysed session that shows running and the athlete's screen, for the weeks
    /// and first day asked for (defaults: 8 weeks from next Monday).
    func plan(for athlete: Athlete, sessions: [TrainingSession], request: Request)
        -> (plan: CoachingPlan?, session: TrainingSession?, problem: String?, request: Pages.PlanRequest)
    {
        let query = request.uri.queryParameters
        var asked = Pages.PlanRequest(weeks: 8, start: CalendarDate(now()).nextMonday)
        var problems: [String] = []
        if let text = query["weeks"], !text.isEmpty {
            if let weeks = Int(text), PlanError.weekRange.contains(weeks) { asked.weeks = weeks } else {
                problems.append(PlanError.weeksOutOfRange(Int(text) ?? 0).description)
            }
        }
        if let text = query["start"], !text.isEmpty {
            if let day = CalendarDate(iso: String(text)) { asked.start = day } else { problems.append("Give the first day as YYYY-MM-DD.") }
        }
        guard problems.isEmpty else { return (nil, nil, problems.joined(separator: " "), asked) }
        // Newest first, as the store lists them.
        let latest = sessions.lazy.filter { $0.status == .analysed }
            .compactMap { session in self.results.analysis(of: session.id).map { (session, $0) } }
            .first { $0.1.running.isRunning }
        guard let (session, analysis) = latest else {
            return (nil, nil, "No analysed session with running yet: the plan is made from the latest one.", asked)
        }
        let profile = RunnerProfile(
            experience: athlete.details.experience, footwear: session.details.footwear == .barefoot ? .barefoot : .cushioned,
            injuries: athlete.details.injuryScreen.answers)
        do {
            let plan = try PlanBuilder(library: try DrillLibrary.bundled()).plan(
                for: analysis, warnings: QualityFindingText.sentences(for: analysis), profile: profile, weeks: asked.weeks,
                startDate: asked.start)
            return (plan, session, nil, asked)
        } catch {
            return (nil, session, "No plan could be made: \(error)", asked)
        }
    }

    static func download(_ text: String, type: String, name: String) -> Response {
        Response(
            status: .ok, headers: [.contentType: type, .contentDisposition: "attachment; filename=\"\(name)\""],
            body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    /// The athlete's name as a file name: letters and digits only (the header must not break on a quote).
    static func fileStem(_ athlete: Athlete) -> String {
        let kept = athlete.name.unicodeScalars.map { $0.isASCII && CharacterSet.alphanumerics.contains($0) ? Character($0) : "-" }
        let stem = String(kept).split(separator: "-").joined(separator: "-")
        return stem.isEmpty ? "athlete-\(athlete.id)" : stem
    }
}
